using System.Diagnostics;
using System.Globalization;
using Analytics.Classification;
using Analytics.Data;
using Analytics.Reasons;
using Analytics.Time;

namespace Analytics.Api.Cli;

/// <summary>
/// The nightly audit of wrap-up codes and new-reason discovery on demand (as <see cref="Api.Reasons.ReasonAuditJobs"/>),
/// e.g. over data loaded after the fact, with fewer folds or rows where time matters more than the last point of recall.
/// </summary>
internal sealed class DiscoverReasonsVerb : ICliVerb
{
    public string Name => "discover-reasons";
    public string Usage => "discover-reasons [--from yyyy-MM-dd --to yyyy-MM-dd] [--folds 5] [--audit-rows 20000]   audits the " +
                           "wrap-up codes (cross-fitted, FOLDS trainings on the newest AUDIT-ROWS coded contacts) and clusters " +
                           "candidate new reasons over a period (default: the last 13 weeks), for GET /api/v1/reasons/miscodes " +
                           "and /candidates and the reasons report";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var to = args.GetDate("to") ?? Amsterdam.Today(services.GetRequiredService<TimeProvider>()).AddDays(-1);
        var from = args.GetDate("from") ?? to.AddDays(-7 * Api.Reasons.ReasonAuditJobs.Weeks + 1);
        if (from > to) throw new CliUsageException("--from must not be after --to");
        var folds = args.GetInt("folds", 5);
        if (folds is < 2 or > 10) throw new CliUsageException("--folds must be 2 to 10");
        var rows = args.GetInt("audit-rows", 20_000);
        if (rows < 100) throw new CliUsageException("--audit-rows must be at least 100");
        var period = new Period(from, to);

        var clock = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        // A model promoted since the last scoring has not scored anything yet: it would find no unknowns.
        await sp.GetRequiredService<ModelRegistry>().ScoreContactsAsync(ModelKinds.Reasons, ct: ct);
        var audits = new ReasonCodeAudits(sp.GetRequiredService<AnalyticsDbContext>(), sp.GetService<ILogger<ReasonCodeAudits>>())
        {
            Detector = new CrossFittedMiscodes { Folds = folds },
            MaximumRows = rows,
        };
        var (audited, flagged) = await audits.RefreshAsync(period, ct);
        var auditSeconds = clock.Elapsed.TotalSeconds;
        var discovery = sp.GetRequiredService<ReasonDiscovery>();
        await discovery.RefreshAsync(period, ct);
        var candidates = await discovery.ForPeriodAsync(period, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"discover-reasons {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {audited} wrap-up codes audited ({folds} folds, " +
            $"{auditSeconds:F1} s), {flagged} likely miscodes; {candidates.Count} candidate new reasons " +
            $"({clock.Elapsed.TotalSeconds - auditSeconds:F1} s)"));
        foreach (var c in candidates.Take(5))
            Console.WriteLine($"  candidate {c.Id} ({c.Source}, {c.Contacts} contacts): {string.Join(" | ", c.Words)}");
        return 0;
    }
}
