using Analytics.Classification;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reasons;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Reasons;

/// <summary>
/// The committed sample centre in a real host, with a reasons model that never saw the reason planted in April
/// (ACC-DIGIFACT, "inloggen digitale factuur": trained on January–March without it), every contact scored, candidates
/// found over April–June and the wrap-up codes of the whole half year audited. Built once for the test class.
/// </summary>
public sealed class ReasonAuditCentre : IAsyncLifetime
{
    public const string NewReason = "ACC-DIGIFACT";
    /// <summary>Whole weeks from the Monday before April to the last Sunday of June.</summary>
    public static readonly Period Spring = new(new DateOnly(2026, 3, 30), new DateOnly(2026, 6, 28));
    public static readonly Period HalfYear = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

    public TestDatabase Db { get; } = new();
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Host = new ApiHost(Db);
        await SampleCentre.LoadAsync(Host.Service<IngestService>());
        await using var scope = Host.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        var april = Amsterdam.StartOfDayUtc(new DateOnly(2026, 4, 1));
        await using (var db = Db.NewDbContext())
        {
            var before = await (from c in db.Contacts join r in db.Reasons on c.ReasonId equals r.Id
                                where c.StartedUtc < april && c.Notes != null && r.Code != NewReason
                                orderby c.Id select new LabelledText(c.Notes!, r.Code)).ToListAsync();
            await registry.TrainAndRegisterAsync(ModelKinds.Reasons, before, CancellationToken.None);
        }
        await registry.ScoreContactsAsync(ModelKinds.Reasons);
        await Discovery(scope).RefreshAsync(Spring, CancellationToken.None);
        var audits = new ReasonCodeAudits(scope.ServiceProvider.GetRequiredService<Analytics.Data.AnalyticsDbContext>())
        {
            Detector = new CrossFittedMiscodes { Folds = 3 },
        };
        await audits.RefreshAsync(HalfYear, CancellationToken.None);
    }

    public static ReasonDiscovery Discovery(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<ReasonDiscovery>();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Db.DisposeAsync();
    }
}
