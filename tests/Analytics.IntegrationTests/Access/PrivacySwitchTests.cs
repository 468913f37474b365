using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Access;

/// <summary>
/// The switches the agreement with the works council decides: readable by every role, set by an admin (audited with the
/// old and new value), and a switched-off feature is gone from the routes that had it.
/// </summary>
public sealed class PrivacySwitchTests() : SeededApiTests(Roles.Admin)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Metrics:MinimumResponses"] = "2", ["Insights:MinimumResponses"] = "2", ["Privacy:Switches:GamingSignals"] = "false",
    };

    private const string Transcript = """
        contact_id,seq,speaker,start_ms,end_ms,text
        K1,1,agent,0,4000,Goedemorgen u spreekt met Anna
        K1,2,customer,4000,9000,Ik begrijp mijn factuur niet
        """;

    private async Task<bool> SetAsync(string name, bool enabled)
    {
        var response = await Http.PutAsJsonAsync($"/api/v1/privacy/switches/{name}", new { enabled });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean();
    }

    private static Dictionary<string, bool> Values(JsonElement settings) =>
        settings.GetProperty("switches").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("enabled").GetBoolean());

    [Fact]
    public async Task EveryRoleReadsTheSwitchesConfigurationSeedsThemAndAnAdminsChangeIsAuditedWithOldAndNew()
    {
        foreach (var role in Roles.All)
        {
            using var client = await Host.ClientAsync(role);
            var settings = await client.GetFromJsonAsync<JsonElement>("/api/v1/privacy/switches");
            Assert.Equal(new Dictionary<string, bool> { ["ranking"] = true, ["gaming-signals"] = false, ["transcripts-for-quality-managers"] = true },
                Values(settings));
            Assert.Equal((5, 10), (settings.GetProperty("minimumAgents").GetInt32(), settings.GetProperty("minimumResponses").GetInt32()));
        }
        Assert.False(await SetAsync("ranking", false));
        Assert.False(Values(await Http.GetFromJsonAsync<JsonElement>("/api/v1/privacy/switches"))["ranking"]);
        await using var db = Db.NewDbContext();
        var entry = await db.AuditLog.SingleAsync(a => a.Path == "/api/v1/privacy/switches/ranking");
        Assert.Equal((Roles.Admin, 200, "ranking: on -> off"), (entry.Role, entry.Status, entry.Detail));
    }

    [Fact]
    public async Task OnlyAnAdminSetsAKnownSwitchToTrueOrFalse()
    {
        using var qm = await Host.ClientAsync(Roles.QualityManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await qm.PutAsJsonAsync("/api/v1/privacy/switches/ranking", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PutAsJsonAsync("/api/v1/privacy/switches/nosuch", new { enabled = false })).StatusCode);
        var missing = await Http.PutAsJsonAsync("/api/v1/privacy/switches/ranking", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("enabled", await missing.Content.ReadAsStringAsync());
        Assert.True(Values(await Http.GetFromJsonAsync<JsonElement>("/api/v1/privacy/switches"))["ranking"]);
    }

    [Fact]
    public async Task RankingOffLeavesScoresWithoutPositionsEverywhere()
    {
        using var qm = await Host.ClientAsync(Roles.QualityManager);
        var before = await qm.GetFromJsonAsync<JsonElement>($"/api/v1/agents/A1/scorecard?{March}");
        Assert.Equal(JsonValueKind.Number, before.GetProperty("nps").GetProperty("rank").ValueKind);
        await SetAsync("ranking", false);
        var ranking = await qm.GetAsync($"/api/v1/insights/agents/ranking?{March}");
        Assert.Equal(HttpStatusCode.Forbidden, ranking.StatusCode);
        Assert.Contains("ranking", await ranking.Content.ReadAsStringAsync());
        var card = await qm.GetFromJsonAsync<JsonElement>($"/api/v1/agents/A1/scorecard?{March}");
        Assert.Equal(JsonValueKind.Null, card.GetProperty("nps").GetProperty("rank").ValueKind);
        Assert.Equal(JsonValueKind.Number, card.GetProperty("nps").GetProperty("shrunk").GetProperty("value").ValueKind);
        var team = await qm.GetFromJsonAsync<JsonElement>($"/api/v1/teams/T1/scorecard?{March}");
        Assert.All(team.GetProperty("agents").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("rank").ValueKind));
        Assert.Equal(2, team.GetProperty("agents").GetArrayLength());
    }

    [Fact]
    public async Task GamingSignalsOffByConfigurationRefuseTheRouteUntilSwitchedOn()
    {
        using var qm = await Host.ClientAsync(Roles.QualityManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await qm.GetAsync($"/api/v1/insights/gaming?{March}")).StatusCode);
        await SetAsync("gaming-signals", true);
        Assert.Equal(HttpStatusCode.OK, (await qm.GetAsync($"/api/v1/insights/gaming?{March}")).StatusCode);
    }

    [Fact]
    public async Task TranscriptsOffForQualityManagersLeavesThemToTheTeamLead()
    {
        await Host.Service<IngestService>().IngestAsync("transcripts", Fixtures.Stream(Transcript), "transcripts.csv", CancellationToken.None);
        await using var db = Db.NewDbContext();
        var k1 = await db.Contacts.Where(c => c.SourceId == "K1").Select(c => c.Id).SingleAsync();
        using var qm = await Host.ClientAsync(Roles.QualityManager);
        using var lead = await Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        Assert.Equal(2, (await qm.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{k1}")).GetProperty("transcript").GetArrayLength());

        await SetAsync("transcripts-for-quality-managers", false);
        var hidden = await qm.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{k1}");
        Assert.Equal((0, true), (hidden.GetProperty("transcript").GetArrayLength(), hidden.GetProperty("transcriptHidden").GetBoolean()));
        Assert.Equal(HttpStatusCode.Forbidden, (await qm.GetAsync($"/api/v1/insights/contacts/{k1}/behaviour")).StatusCode);
        var shown = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{k1}");
        Assert.Equal((2, false), (shown.GetProperty("transcript").GetArrayLength(), shown.GetProperty("transcriptHidden").GetBoolean()));
    }
}
