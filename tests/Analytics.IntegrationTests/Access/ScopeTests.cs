using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Api.Cli;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Access;

/// <summary>
/// Scoped keys over the fixtures (team T1: agents A1, A2; team T2: agent B1): a team lead of T1 sees T1's agents one by
/// one and nobody else's, an agent's key sees that agent only. Two responses rank an agent here, so positions show.
/// </summary>
public sealed class ScopeTests() : SeededApiTests(Roles.QualityManager)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Metrics:MinimumResponses"] = "2", ["Insights:MinimumResponses"] = "2",
        };

    private Task<HttpClient> TeamLeadAsync() => Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);

    private async Task<long> ContactIdAsync(string sourceId)
    {
        await using var db = Db.NewDbContext();
        return await db.Contacts.Where(c => c.SourceId == sourceId).Select(c => c.Id).SingleAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync(string path)
    {
        await using var db = Db.NewDbContext();
        return await db.AuditLog.Where(a => a.Path == path).ToListAsync();
    }

    [Fact]
    public async Task ATeamLeadAskingForAnotherTeamsAgentGets403AndBothAreAudited()
    {
        using var lead = await TeamLeadAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/v1/agents/B1/scorecard?{March}")).StatusCode);
        var own = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/agents/A1/scorecard?{March}");
        Assert.Equal("A1", own.GetProperty("agent").GetString());
        Assert.Equal([403], (await AuditAsync("/api/v1/agents/B1/scorecard")).Select(a => a.Status));
        Assert.Equal([(Roles.TeamLead, 200)], (await AuditAsync("/api/v1/agents/A1/scorecard")).Select(a => (a.Role, a.Status)));
    }

    [Fact]
    public async Task ATeamLeadSeesOnlyItsOwnTeamsContacts()
    {
        using var lead = await TeamLeadAsync();
        var k6 = await ContactIdAsync("K6"); // B1, team T2
        var k1 = await ContactIdAsync("K1"); // A1, team T1
        foreach (var path in new[] { $"/api/v1/contacts/{k6}", $"/api/v1/insights/contacts/{k6}/chain", $"/api/v1/insights/contacts/{k6}/behaviour" })
            Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/v1/contacts/{k1}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/v1/insights/contacts/{k1}/chain")).StatusCode);
        // Searching its own team shows agents (audited); another team's search is the cx-manager's: no agent column.
        var mine = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&team=T1");
        Assert.All(mine.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("A", i.GetProperty("agent").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/v1/contacts?{March}&agent=B1")).StatusCode);
        Assert.Single(await AuditAsync("/api/v1/contacts"), a => a.Role == Roles.TeamLead && a.Status == 200);
    }

    [Fact]
    public async Task ATeamLeadsRankingBehaviourAndGamingHoldOnlyItsOwnAgents()
    {
        using var lead = await TeamLeadAsync();
        var all = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/insights/agents/ranking?{March}");
        Assert.Contains(all.GetProperty("agents").EnumerateArray(), a => a.GetProperty("agent").GetString() == "B1");
        var ranking = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/insights/agents/ranking?{March}");
        Assert.Equal(["A1", "A2"], ranking.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agent").GetString()).Order());
        var gaming = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/insights/gaming?{March}");
        Assert.DoesNotContain(gaming.EnumerateArray(), g => g.GetProperty("agent").GetString() == "B1");
        var behaviour = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/insights/agents/behaviour?{March}");
        Assert.DoesNotContain(behaviour.EnumerateArray(), b => b.GetProperty("group").GetString() == "B1");
        // Its own team's scorecard lists its agents; another team's holds aggregates only.
        var t1 = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/teams/T1/scorecard?{March}");
        Assert.Equal(2, t1.GetProperty("agents").GetArrayLength());
        var t2 = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/teams/T2/scorecard?{March}");
        Assert.Equal(JsonValueKind.Null, t2.GetProperty("agents").ValueKind);
    }

    [Fact]
    public async Task ATeamLeadAsksPerAgentFiguresOnlyForItsOwnTeamAndGetsThemExact()
    {
        using var lead = await TeamLeadAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/v1/metrics/nps?{March}&groupBy=agent")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/v1/metrics/nps?{March}&groupBy=agent&team=T2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/v1/insights/fcr?{March}&agent=B1")).StatusCode);
        var mine = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?{March}&groupBy=agent&team=T1");
        var groups = mine.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(["A1", "A2"], groups.Keys.Order());
        // A1: S1-S3 (10, 9, 8) — exact counts, not suppressed or perturbed as a cx-manager's would be.
        Assert.Equal((3, 66.67), (groups["A1"].GetProperty("n").GetInt32(), groups["A1"].GetProperty("value").GetDouble()));
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/v1/metrics/contacts?{March}&groupBy=agent&team=T1")).StatusCode);
        // Aggregates of the rest stay a cx-manager's: whole weeks or months only.
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.GetAsync($"/api/v1/metrics/nps?{March}&groupBy=team&interval=day")).StatusCode);
        Assert.Equal(3, (await AuditAsync("/api/v1/metrics/nps")).Count(a => a.Role == Roles.TeamLead));
    }

    [Fact]
    public async Task AnAgentAskingForAColleagueGets403()
    {
        using var a1 = await Host.ClientAsync(Roles.Agent, agent: "A1");
        var k4 = await ContactIdAsync("K4"); // A2's
        foreach (var path in new[] { $"/api/v1/agents/A2/scorecard?{March}", $"/api/v1/agents/A1/scorecard?{March}",
                     $"/api/v1/metrics/nps?{March}&agent=A2", $"/api/v1/contacts/{k4}", $"/api/v1/insights/agents/ranking?{March}",
                     $"/api/v1/teams/T1/scorecard?{March}", $"/api/v1/contacts?{March}" })
            Assert.Equal((path, HttpStatusCode.Forbidden), (path, (await a1.GetAsync(path)).StatusCode));
    }

    [Fact]
    public async Task AnAgentSeesItsOwnScorecardWithoutAnyRankPosition()
    {
        using var a1 = await Host.ClientAsync(Roles.Agent, agent: "A1");
        var card = await a1.GetFromJsonAsync<JsonElement>($"/api/v1/me/scorecard?{March}");
        Assert.Equal("A1", card.GetProperty("agent").GetString());
        Assert.Equal(3, card.GetProperty("npsFigure").GetProperty("n").GetInt32());
        // Ranked (two responses suffice here) for a quality manager, but the agent gets score and tier only.
        var qm = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/agents/A1/scorecard?{March}");
        Assert.Equal(JsonValueKind.Number, qm.GetProperty("nps").GetProperty("rank").ValueKind);
        Assert.Equal(JsonValueKind.Null, card.GetProperty("nps").GetProperty("rank").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, card.GetProperty("nps").GetProperty("tier").ValueKind);
        Assert.Single(await AuditAsync("/api/v1/me/scorecard"), a => a.Role == Roles.Agent && a.Status == 200);
    }

    [Fact]
    public async Task AnAgentsContactsCommentsAndExportHoldItsOwnDataOnly()
    {
        using var a1 = await Host.ClientAsync(Roles.Agent, agent: "A1");
        var contacts = await a1.GetFromJsonAsync<JsonElement>($"/api/v1/me/contacts?{March}");
        Assert.Equal(["K1", "K2", "K3"], contacts.EnumerateArray().Select(c => c.GetProperty("sourceId").GetString()).Order());
        var comments = await a1.GetFromJsonAsync<JsonElement>($"/api/v1/me/comments?{March}");
        Assert.Equal([10, 9, 8], comments.EnumerateArray().Select(c => c.GetProperty("score").GetInt32()));

        await Http.GetAsync($"/api/v1/agents/A1/scorecard?{March}"); // a quality manager looks: the export shows it
        await Http.GetAsync($"/api/v1/agents/A2/scorecard?{March}");
        var response = await a1.GetAsync("/api/v1/me/export");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("agent-A1-export.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("A1", export.GetProperty("agent").GetProperty("code").GetString());
        // K9 is February: the export is everything, not one period.
        Assert.Equal(["K1", "K2", "K3", "K9"], export.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("sourceId").GetString()).Order());
        Assert.Equal(4, export.GetProperty("comments").GetArrayLength());
        var audit = export.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("path").GetString()).ToList();
        Assert.Contains("/api/v1/agents/A1/scorecard", audit);
        Assert.DoesNotContain("/api/v1/agents/A2/scorecard", audit);
    }

    [Fact]
    public async Task KeysAreCreatedOnlyWithAKnownScopeThatFitsTheRole()
    {
        await using var db = Db.NewDbContext();
        var (teams, none) = await Scope(Roles.TeamLead, "T1, T2", null);
        Assert.Equal(["T1", "T2"], teams!);
        Assert.Null(none);
        var (noTeams, agent) = await Scope(Roles.Agent, null, "A1");
        Assert.Equal(((string[]?)null, "A1"), (noTeams, agent));
        (string Role, string? Teams, string? Agent)[] wrong =
        [
            (Roles.TeamLead, "T1,T9", null), (Roles.TeamLead, null, null), (Roles.Agent, null, "ZZ"), (Roles.Agent, null, null),
            (Roles.Analyst, "T1", null), (Roles.TeamLead, "T1", "A1"),
        ];
        foreach (var (role, teamList, code) in wrong)
            await Assert.ThrowsAsync<CliUsageException>(() => KeysVerb.ScopeAsync(db, role, teamList, code, CancellationToken.None));

        async Task<(string[]?, string?)> Scope(string role, string? teamList, string? code) =>
            await KeysVerb.ScopeAsync(db, role, teamList, code, CancellationToken.None);
    }
}
