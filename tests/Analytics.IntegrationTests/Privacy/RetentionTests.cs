using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Insights.Rollups;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Metrics;
using Analytics.Privacy;
using Npgsql;

namespace Analytics.IntegrationTests.Privacy;

/// <summary>
/// The retention job over the fixtures (February and March 2026, so older than 200 days): each kind is removed or
/// anonymised and counted, the figures above the grain stay as they were, and the audit log only loses what is older
/// than a year, through its one controlled exception.
/// </summary>
public sealed class RetentionTests : SeededApiTests
{
    private static readonly Dictionary<string, string> Periods = new()
    {
        ["Retention:ContactsDays"] = "200", ["Retention:TranscriptsDays"] = "200", ["Retention:SurveyCommentsDays"] = "200",
        ["Retention:QuarantineRawDays"] = "200", ["Retention:ReportsDays"] = "200", ["Retention:AuditLogDays"] = "400",
    };

    protected override IDictionary<string, string?>? Settings => Periods.ToDictionary(p => p.Key, p => (string?)p.Value);

    private string _oldReport = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PrivacyFixture.LoadTranscriptsAsync(Host);
        // The survey batch (with its quarantined line S13) and a report as old as the data; audit rows of two ages.
        await Db.ExecAsync("UPDATE ingest_batches SET started_utc = '2026-03-15' WHERE kind = 'surveys'");
        Directory.CreateDirectory(Host.ReportDirectory);
        _oldReport = Path.Combine(Host.ReportDirectory, "reasons_old.pdf");
        await File.WriteAllTextAsync(_oldReport, "%PDF old");
        await Db.ExecAsync($"""
            INSERT INTO report_runs (family, language, period_from, period_to, path, bytes, state, delivery_attempts, created_utc)
            VALUES ('reasons', 'nl', '2026-03-01', '2026-03-31', '{_oldReport}', 8, 'rendered', 0, '2026-04-01');
            INSERT INTO audit_log (at_utc, role, method, path, status) VALUES
                (now() - interval '800 days', 'admin', 'GET', '/api/v1/agents/A1/scorecard', 200),
                (now() - interval '10 days', 'admin', 'GET', '/api/v1/agents/A2/scorecard', 200);
            """);
    }

    private Retention Job => Host.Service<Retention>();

    [Fact]
    public async Task EachKindIsRemovedOrAnonymisedCountedAndAuditedOnce()
    {
        var comments = await Db.ScalarAsync("SELECT count(*) FROM survey_responses WHERE comment IS NOT NULL");
        var scores = await Db.ScalarAsync("SELECT sum(score) FROM survey_responses");
        Assert.True(comments > 0 && await Db.ScalarAsync("SELECT count(*) FROM transcript_turns") == 3);

        var result = await Job.RunAsync(dryRun: false, "test", default);

        Assert.Equal(2, result["transcripts"]); // K1 and K6
        Assert.Equal(9, result["contacts"]);
        Assert.Equal(comments, result["survey-comments"]);
        Assert.Equal(1, result["quarantine-raw"]);
        Assert.Equal(1, result["reports"]);
        Assert.Equal(1, result["audit-log"]);
        Assert.Equal(0, result["agents"]); // not configured
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM transcript_turns"));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes IS NOT NULL"));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM customers WHERE key NOT LIKE 'anon:%'"));
        Assert.Equal(9, await Db.ScalarAsync("SELECT count(*) FROM contacts WHERE customer_id IS NOT NULL"));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM survey_responses WHERE comment IS NOT NULL"));
        Assert.Equal(scores, await Db.ScalarAsync("SELECT sum(score) FROM survey_responses"));
        Assert.Equal(1, await Db.ScalarAsync(
            "SELECT count(*) FROM quarantined_rows WHERE raw_text = '' AND line_number > 0 AND reason <> ''"));
        Assert.False(File.Exists(_oldReport));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM report_runs"));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path = '/api/v1/agents/A1/scorecard'"));
        Assert.Equal(1, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path = '/api/v1/agents/A2/scorecard'"));
        Assert.Matches("^before=[0-9-]{10}&deleted=1$",
            await Db.TextAsync("SELECT query FROM audit_log WHERE path = 'audit_log prune'"));
        Assert.Equal(result.AsQuery(), await Db.TextAsync("SELECT query FROM audit_log WHERE path = 'retention'"));
        // The search documents no longer hold the notes ("factuur") nor the transcripts ("spreekt").
        Assert.Equal(0, await Db.ScalarAsync(
            "SELECT count(*) FROM contact_search WHERE vector::text LIKE '%factuur%' OR vector::text LIKE '%spreekt%'"));

        var again = await Job.RunAsync(dryRun: false, "test", default);
        Assert.All(again.Counts, c => Assert.Equal(0, c.Count));
    }

    [Fact]
    public async Task FiguresOfAnOldMonthAreTheSameAfterRetention()
    {
        const string nps = "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=team";
        const string fcr = "/api/v1/insights/fcr?from=2026-03-01&to=2026-03-31&groupBy=team";
        const string contacts = "/api/v1/metrics/contacts?from=2026-03-01&to=2026-03-31&groupBy=team";
        await RefreshAsync();
        var before = await FiguresAsync(nps, fcr, contacts);
        Assert.Contains("33.33", before[0]); // team Noord, as in NpsApiTests: the comparison is not of two empty answers

        Assert.Equal(9, (await Job.RunAsync(dryRun: false, "test", default))["contacts"]);
        await RefreshAsync();

        Assert.Equal(before, await FiguresAsync(nps, fcr, contacts));
    }

    [Fact]
    public async Task ADryRunCountsWhatARunWouldDoAndChangesNothing()
    {
        var (code, output) = await PrivacyFixture.CliAsync(Db,
            Periods.ToDictionary(p => p.Key.Replace(":", "__"), p => p.Value), "retention", "--dry-run");

        Assert.True(code == 0, output);
        Assert.Matches(@"contacts\s+9\b", output);
        Assert.Matches(@"transcripts\s+2\b", output);
        Assert.Contains("dry run", output);
        Assert.Equal(9, await Db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes IS NOT NULL"));
        Assert.Equal(3, await Db.ScalarAsync("SELECT count(*) FROM transcript_turns"));
        Assert.True(File.Exists(_oldReport));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path IN ('retention', 'audit_log prune')"));
    }

    [Fact]
    public async Task TheAuditLogRefusesEveryDeleteOutsideThePruneFunctionAndAnyRowYoungerThanAYear()
    {
        var plain = await Assert.ThrowsAsync<PostgresException>(() =>
            Db.ExecAsync("DELETE FROM audit_log WHERE at_utc < now() - interval '700 days'"));
        // The application's role has no DELETE on the table at all (decision 019); the trigger is the second wall.
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, plain.SqlState);
        var young = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecAsync("SELECT audit_log_prune(now())"));
        Assert.Contains("append-only", young.MessageText);
        Assert.Equal(2, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path LIKE '/api/v1/agents/%'"));
    }

    [Fact]
    public async Task AnAuditLogRetentionUnderAYearStopsTheHostAtStart()
    {
        await using var host = new ApiHost(Db, settings: new Dictionary<string, string?> { ["Retention:AuditLogDays"] = "30" });
        var e = await Assert.ThrowsAnyAsync<Exception>(() => host.ClientAsync());
        Assert.Contains("AuditLogDays", e.ToString());
    }

    private async Task RefreshAsync()
    {
        await Host.Service<SurveyCube>().RefreshAsync(default);
        await Host.Service<InsightRollups>().RefreshAsync(default);
    }

    private async Task<string[]> FiguresAsync(params string[] urls) =>
        await Task.WhenAll(urls.Select(async u => (await Http.GetFromJsonAsync<JsonElement>(u)).GetRawText()));
}
