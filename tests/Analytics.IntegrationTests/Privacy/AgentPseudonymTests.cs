using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Metrics;
using Analytics.Privacy;
using Analytics.Search;

namespace Analytics.IntegrationTests.Privacy;

/// <summary>An agent who left: after the configured period the name becomes a stable code everywhere, figures stay.</summary>
public sealed class AgentPseudonymTests : SeededApiTests
{
    private const string NpsByTeam = "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=team";

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Retention:AgentPseudonymiseAfterDays"] = "30", ["Metrics:CubeStateMaxAgeMs"] = "0",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PrivacyFixture.LoadTranscriptsAsync(Host);
        // Ingest now redacts agents' names (decision 021); pseudonymisation also has to reach text stored before that.
        await Db.ExecAsync("""
            UPDATE transcript_turns t SET text = CASE c.source_id WHEN 'K1' THEN 'Goedemorgen u spreekt met Anna van Polderlicht.'
                                                                  ELSE 'Goedemiddag u spreekt met Cees.' END
            FROM contacts c WHERE c.id = t.contact_id AND t.seq = 1 AND c.source_id IN ('K1', 'K6')
            """);
        // Rebuilt, not "indexed if missing": a document built before the UPDATE would keep the redacted text (CI once
        // failed here with 'anna' absent from the index).
        var ids = (await Db.TextAsync("SELECT string_agg(id::text, ',') FROM contacts WHERE source_id IN ('K1', 'K6')"))
            .Split(',').Select(long.Parse).ToArray();
        await Host.Service<SearchIndexer>().IndexContactsAsync(ids, default);
        await Host.Service<SurveyCube>().RefreshAsync(default);
    }

    [Fact]
    public async Task ALeaverIsACodeEverywhereAndTheTeamFiguresStayTheSame()
    {
        var before = (await Http.GetFromJsonAsync<JsonElement>(NpsByTeam)).GetRawText();
        Assert.Equal(1, await Db.ScalarAsync("SELECT count(*) FROM contact_search WHERE vector::text LIKE '%''anna''%'"));
        var leave = await Http.PostAsJsonAsync("/api/v1/privacy/agents/A1/leave", new { on = "2026-03-31" });
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);

        var result = await Host.Service<Retention>().RunAsync(dryRun: false, "test", default);

        Assert.Equal(1, result["agents"]);
        var code = await Db.TextAsync("SELECT name FROM agents WHERE code = 'A1'");
        Assert.Matches("^Agent-[0-9a-f]{8}$", code);
        Assert.Equal("Bert", await Db.TextAsync("SELECT name FROM agents WHERE code = 'A2'"));
        Assert.Equal($"Goedemorgen u spreekt met {code} van Polderlicht.",
            await Db.TextAsync("SELECT text FROM transcript_turns t JOIN contacts c ON c.id = t.contact_id WHERE c.source_id = 'K1' AND seq = 1"));
        Assert.Equal("Goedemiddag u spreekt met Cees.", await Db.TextAsync(
            "SELECT text FROM transcript_turns t JOIN contacts c ON c.id = t.contact_id WHERE c.source_id = 'K6'"));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM contact_search WHERE vector::text LIKE '%''anna''%'"));
        // Her history still counts for team Noord.
        Assert.Equal(before, (await Http.GetFromJsonAsync<JsonElement>(NpsByTeam)).GetRawText());
        var agents = await Http.GetFromJsonAsync<JsonElement>(
            "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=agent");
        Assert.DoesNotContain("Anna", agents.GetRawText());
        Assert.Contains(code, agents.GetRawText());
        Assert.Equal(0, (await Host.Service<Retention>().RunAsync(dryRun: false, "test", default))["agents"]);
    }

    [Fact]
    public async Task AFileLoadedAgainDoesNotBringTheNameBack()
    {
        await Http.PostAsJsonAsync("/api/v1/privacy/agents/A1/leave", new { on = "2026-03-31" });
        await Host.Service<Retention>().RunAsync(dryRun: false, "test", default);
        var code = await Db.TextAsync("SELECT name FROM agents WHERE code = 'A1'");

        // The same contacts with a changed note for K1: an update that runs the agent merge again.
        await Host.Service<IngestService>().IngestAsync("contacts",
            Fixtures.Stream(Fixtures.Contacts.Replace("klant begreep factuur niet", "factuur opnieuw uitgelegd")),
            "contacts-again.csv", default);

        Assert.Equal(code, await Db.TextAsync("SELECT name FROM agents WHERE code = 'A1'"));
    }

    [Fact]
    public async Task TheSameAgentAlwaysGetsTheSameCodeAndLeavingIsForAdminsOnly()
    {
        using var manager = await Host.ClientAsync(Analytics.Access.Roles.QualityManager);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await manager.PostAsJsonAsync("/api/v1/privacy/agents/A1/leave", new { on = "2026-03-31" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Http.PostAsJsonAsync("/api/v1/privacy/agents/NOPE/leave", new { on = "2026-03-31" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Http.PostAsJsonAsync("/api/v1/privacy/agents/A1/leave", new { })).StatusCode);

        await using var conn = await Db.DataSource.OpenConnectionAsync();
        var pseudonyms = await Pseudonyms.LoadAsync(conn, default);
        Assert.NotEqual(pseudonyms.Agent("A1"), pseudonyms.Agent("A2"));
        await Http.PostAsJsonAsync("/api/v1/privacy/agents/A1/leave", new { on = "2026-03-31" });
        await Host.Service<Retention>().RunAsync(dryRun: false, "test", default);
        Assert.Equal(pseudonyms.Agent("A1"), await Db.TextAsync("SELECT name FROM agents WHERE code = 'A1'"));
    }
}
