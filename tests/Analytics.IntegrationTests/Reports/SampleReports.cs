using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reports;
using Analytics.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Reports;

/// <summary>
/// The committed samples (a Dutch centre: 40 agents in 5 teams, 29 reasons with long Dutch names, planted drivers)
/// loaded once into a real host, and every report family rendered from them in both languages. Shared by the test
/// classes of <see cref="Collection"/>, because loading 8,000 contacts once is enough.
/// </summary>
public sealed class SampleReports : IAsyncLifetime
{
    public const string Collection = "sample reports";

    /// <summary>Five months, so that most agents have enough responses and the previous period has data too.</summary>
    public static readonly Period Period = new(new DateOnly(2026, 2, 1), new DateOnly(2026, 6, 30));
    public static readonly string Query = $"from={Period.From:yyyy-MM-dd}&to={Period.To:yyyy-MM-dd}";

    public const string CoachedAgent = "A004";
    public const string AgreedActions = "Vat aan het eind van elk gesprek samen en vraag: klopt dat zo?";

    private readonly TestDatabase _db = new();
    public ApiHost Host { get; private set; } = null!;
    private readonly Dictionary<(string, string), PdfContent> _reports = [];

    public PdfContent Report(string family, string language) => _reports[(family, language)];

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        Host = new ApiHost(_db);
        var ingest = Host.Service<IngestService>();
        foreach (var kind in new[] { "reasons", "contacts", "surveys" })
        {
            var result = await ingest.IngestFileAsync(kind, SamplePath(kind + ".csv"), default);
            if (result.State == "failed")
                throw new InvalidOperationException($"samples/{kind}.csv did not load: {result}");
        }
        // The test host queues follow-ups for a job server it does not run, so nothing has analysed the fresh tables;
        // without statistics the drivers' raw query is planned blind and takes seconds instead of milliseconds.
        await _db.ExecAsync("ANALYZE");
        await using var scope = Host.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<ReportJobs>();
        // The coaching report is about one agent and its sessions: the demo's planted session, recorded as a coach would.
        await _db.ExecAsync($"""
            INSERT INTO coaching_sessions (agent_id, sub_skill, agreed_actions, held_on, follow_up_on, coach, created_utc)
            SELECT id, 'summary', '{AgreedActions}', '2026-04-01', '2026-04-15', 'demo-quality-manager', now()
            FROM agents WHERE code = '{CoachedAgent}'
            """);
        foreach (var family in ReportJobs.Families)
        foreach (var lang in new[] { ReportLanguage.Nl, ReportLanguage.En })
        {
            var run = await jobs.RenderAsync(family, Period, lang, Host.PdfPath(family), default,
                family == "coaching" ? new ReportFilters(Agent: CoachedAgent) : null);
            _reports[(family, lang.Code)] = PdfContent.Read(run.Path);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>A committed file of samples/, found above the test binary.</summary>
    internal static string SamplePath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "samples", file)))
                return Path.Combine(dir.FullName, "samples", file);
        throw new FileNotFoundException($"samples/{file} not found above the test binary");
    }
}

[CollectionDefinition(SampleReports.Collection)]
public sealed class SampleReportsCollection : ICollectionFixture<SampleReports>;
