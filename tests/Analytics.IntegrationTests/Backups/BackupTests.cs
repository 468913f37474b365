using Analytics.Backups;
using Analytics.Classification;
using Analytics.Ingest.Pipeline;
using Analytics.Insights.Rollups;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Metrics;
using Npgsql;

namespace Analytics.IntegrationTests.Backups;

/// <summary>The committed sample centre loaded through the real ingest, with a trained, active reason model that scored it.</summary>
public sealed class SampleCentreDatabase : IAsyncLifetime
{
    public TestDatabase Db { get; } = new();
    public ApiHost Host { get; private set; } = null!;
    public Dictionary<string, string> Answers { get; } = [];

    // Figures an upgrade or a restore must keep: NPS per team, FCR per team, the reason Pareto.
    public static readonly string[] Questions =
    [
        "/api/v1/metrics/nps?from=2026-01-01&to=2026-06-30&groupBy=team",
        "/api/v1/insights/fcr?from=2026-01-01&to=2026-06-30&groupBy=team",
        "/api/v1/reasons/pareto?from=2026-01-01&to=2026-06-30",
    ];

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Host = new ApiHost(Db);
        await SampleCentre.LoadAsync(Host.Service<IngestService>());
        await using (var db = Db.NewDbContext())
        {
            var registry = new ModelRegistry(db);
            var model = await registry.TrainAndMaybePromoteAsync(ModelKinds.Reasons,
                await registry.ReasonTrainingDataAsync(CancellationToken.None), CancellationToken.None);
            Assert.NotNull(model);
            Assert.True(await registry.ScoreContactsAsync(ct: CancellationToken.None) > 0);
        }
        Answers.Clear();
        foreach (var (q, a) in await AskAsync(Host)) Answers[q] = a;
    }

    public static async Task<List<(string Question, string Answer)>> AskAsync(ApiHost host)
    {
        using var http = await host.ClientAsync();
        var answers = new List<(string, string)>();
        foreach (var q in Questions)
        {
            var response = await http.GetAsync(q);
            Assert.True(response.IsSuccessStatusCode, $"{q}: {(int)response.StatusCode}");
            answers.Add((q, await response.Content.ReadAsStringAsync()));
        }
        return answers;
    }

    /// <summary>Rows per table of every schema the application writes, as the superuser sees them.</summary>
    public static async Task<Dictionary<string, long>> RowCountsAsync(TestDatabase db)
    {
        await using var conn = new NpgsqlConnection(db.SuperuserConnectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables
            WHERE schemaname IN ('public', 'hangfire') ORDER BY 1
            """, conn))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var t in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {t}", conn);
            counts[t] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Db.DisposeAsync();
    }
}

public sealed class BackupTests(SampleCentreDatabase source) : IClassFixture<SampleCentreDatabase>, IAsyncLifetime
{
    private readonly TestDatabase _restored = TestDatabase.Empty();
    private readonly TestDatabase _upgraded = TestDatabase.Empty();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"analytics-backup-{Guid.NewGuid():N}.dump");

    public async Task InitializeAsync()
    {
        await _restored.InitializeAsync();
        await _upgraded.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _restored.DisposeAsync();
        await _upgraded.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task ARestoredBackupHasEveryRowTheFiguresAndTheActiveModel()
    {
        await DatabaseBackup.BackupAsync(source.Db.ConnectionString, _file, CancellationToken.None);
        var before = await SampleCentreDatabase.RowCountsAsync(source.Db);
        Assert.True(before["public.contacts"] > 0 && before["public.predictions"] > 0 && before["public.models"] > 0);

        await DatabaseBackup.RestoreAsync(_restored.ConnectionString, _file, CancellationToken.None);
        await _restored.ApplyGrantsAsync();
        Assert.Equal(before, await SampleCentreDatabase.RowCountsAsync(_restored));
        const string predictions = "SELECT md5(string_agg(contact_id || ':' || label || ':' || confidence, ',' ORDER BY contact_id, kind)) FROM predictions";
        Assert.Equal(await source.Db.TextAsync(predictions), await _restored.TextAsync(predictions));
        const string secret = "SELECT md5(string_agg(name || encode(value, 'hex'), ',' ORDER BY name)) FROM privacy_secrets";
        Assert.Equal(await source.Db.TextAsync(secret), await _restored.TextAsync(secret));

        // The active model comes back as the same classifier: same labels and confidences on notes it never saw.
        await using (var a = source.Db.NewDbContext())
        await using (var b = _restored.NewDbContext())
        {
            var original = (await new ModelRegistry(a).LoadActiveAsync(ModelKinds.Reasons, CancellationToken.None))!.Value;
            var copy = (await new ModelRegistry(b).LoadActiveAsync(ModelKinds.Reasons, CancellationToken.None))!.Value;
            Assert.Equal(original.Record.Id, copy.Record.Id);
            foreach (var note in new[] { "klant belt over factuur", "internet werkt niet meer", "verhuizing doorgeven" })
                Assert.Equal(original.Classifier.Predict(note), copy.Classifier.Predict(note));
        }

        await using var host = new ApiHost(_restored);
        Assert.Equal(source.Answers.ToList(), (await SampleCentreDatabase.AskAsync(host)).Select(x => KeyValuePair.Create(x.Question, x.Answer)).ToList());
    }

    [Fact]
    public async Task RestoreRefusesADatabaseThatIsNotEmpty()
    {
        await DatabaseBackup.BackupAsync(source.Db.ConnectionString, _file, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<BackupException>(
            () => DatabaseBackup.RestoreAsync(source.Db.ConnectionString, _file, CancellationToken.None));
        Assert.Contains("not empty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFirstReleasesDatabaseMigratesWithItsDataAndFigures()
    {
        var fixture = FixturePath("v1.dump");
        await DatabaseBackup.RestoreAsync(_upgraded.ConnectionString, fixture, CancellationToken.None);
        await _upgraded.ApplyGrantsAsync();
        await _upgraded.MigrateAsync();
        await using var host = new ApiHost(_upgraded);
        // v1.dump leaves the derived rollups out (to stay small): an upgrade rebuilds them like `./analytics refresh`.
        await host.Service<SurveyCube>().RefreshAsync(CancellationToken.None);
        await host.Service<InsightRollups>().RefreshAsync(CancellationToken.None);

        var now = await SampleCentreDatabase.RowCountsAsync(source.Db);
        var upgraded = await SampleCentreDatabase.RowCountsAsync(_upgraded);
        foreach (var t in new[] { "contacts", "survey_responses", "transcript_turns", "contact_reasons", "agents", "teams", "customers" })
            Assert.True(now[$"public.{t}"] == upgraded[$"public.{t}"], $"{t}: {upgraded[$"public.{t}"]} after the upgrade, {now[$"public.{t}"]} loaded today");
        // Figures over v1's rows equal those over the same samples loaded by today's code (FCR and NPS need no model).
        var answers = await SampleCentreDatabase.AskAsync(host);
        foreach (var (q, a) in answers.Where(x => !x.Question.Contains("pareto", StringComparison.Ordinal)))
            Assert.Equal(source.Answers[q], a);
        Assert.Equal(DatabaseRolesOwner, await _upgraded.TextAsync("SELECT tableowner::text FROM pg_tables WHERE tablename = 'audit_log'"));
    }

    private const string DatabaseRolesOwner = Analytics.Data.DatabaseRoles.Audit;

    private static string FixturePath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "upgrade", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"tests/fixtures/upgrade/{file} not found above the test binary");
    }
}
