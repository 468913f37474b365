using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Reports;

/// <summary>
/// The coaching family over the real host: one PDF per agent with its session, agreed actions and effect in both
/// languages, named after the agent; agent-level like the quality family and scoped like every per-agent route (a team
/// lead for its own teams' agents only), audited with the agent it was about; a bad or missing agent named as the field.
/// </summary>
public sealed class CoachingReportTests() : SeededApiTests(Roles.QualityManager)
{
    private const string Actions = "Vat na elke vraag samen en check: klopt dat?";

    private static object Coaching(string? agent, string language = "nl", string family = "coaching") =>
        new { family, from = "2026-03-01", to = "2026-03-31", language, agent };

    private async Task RecordSessionAsync()
    {
        var created = await Http.PostAsJsonAsync("/api/v1/coaching/sessions",
            new { agent = "A1", subSkill = "summary", agreedActions = Actions, heldOn = "2026-03-03" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<(long Id, string File)> RunAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/reports/run", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (run.GetProperty("id").GetInt64(), run.GetProperty("file").GetString()!);
    }

    private async Task<PdfContent> PdfOfAsync(long id)
    {
        await using var db = Db.NewDbContext();
        return PdfContent.Read((await db.ReportRuns.SingleAsync(r => r.Id == id)).Path);
    }

    [Fact]
    public async Task TheReportOfAnAgentHoldsItsSessionAndEffectInBothLanguages()
    {
        await RecordSessionAsync();
        var (nlId, nlFile) = await RunAsync(Http, Coaching("A1"));
        Assert.Matches("^coaching_2026-03-01_2026-03-31_nl_agent-A1_\\d+\\.pdf$", nlFile);
        var nl = await PdfOfAsync(nlId);
        Assert.Contains("Coaching: Anna (A1)", nl.Text);
        Assert.Contains("3 maart 2026 · Samenvatten", nl.Text);
        Assert.Contains(Actions, nl.Text.Replace("\n", " "));
        // A handful of contacts: every outcome says so rather than showing a figure.
        Assert.Contains("NPS te vroeg om iets te zeggen –", nl.Text);
        Assert.Contains("Controle: Samenvatten te vroeg om iets te zeggen", nl.Text);
        Assert.Contains("Privacy-afspraken: ranglijst aan", nl.Text);

        var (enId, _) = await RunAsync(Http, Coaching("A1", "en"));
        var en = await PdfOfAsync(enId);
        Assert.Contains("3 March 2026 · Summarise", en.Text);
        Assert.Contains("NPS too early to tell –", en.Text);
        Assert.DoesNotContain("Samenvatten", en.Text);

        // Another agent's report holds no word of A1's session.
        var (other, _) = await RunAsync(Http, Coaching("B1", "en"));
        var b1 = await PdfOfAsync(other);
        Assert.Contains("No coaching sessions in this period.", b1.Text);
        Assert.DoesNotContain(Actions, b1.Text.Replace("\n", " "));
    }

    [Fact]
    public async Task OnlyAgentLevelRolesAndTheAgentsOwnTeamLeadGetIt()
    {
        await RecordSessionAsync();
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        using var cx = await Host.ClientAsync(Roles.CxManager);
        using var south = await Host.ClientAsync(Roles.TeamLead, teams: ["T2"]);
        using var north = await Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/v1/reports/run", Coaching("A1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cx.PostAsJsonAsync("/api/v1/reports/run", Coaching("A1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await south.PostAsJsonAsync("/api/v1/reports/run", Coaching("A1"))).StatusCode);
        var (id, _) = await RunAsync(north, Coaching("A1"));
        Assert.Equal(HttpStatusCode.OK, (await north.GetAsync($"/api/v1/reports/{id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await south.GetAsync($"/api/v1/reports/{id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/v1/reports/{id}/download")).StatusCode);
        // Team leads do not see the list of coaching runs: the file names name agents.
        var listed = await north.GetFromJsonAsync<JsonElement>("/api/v1/reports");
        Assert.DoesNotContain(listed.EnumerateArray(), r => r.GetProperty("family").GetString() == "coaching");

        await using var db = Db.NewDbContext();
        var audit = await db.AuditLog.Where(a => a.Path.StartsWith("/api/v1/reports")).ToListAsync();
        Assert.Equal(2, audit.Count(a => a.Role == Roles.TeamLead && a.Status == 200 && a.Detail == "agent=A1"));
        Assert.Equal(2, audit.Count(a => a.Role == Roles.TeamLead && a.Status == 403 && a.Detail == "agent=A1"));
        Assert.Equal(2, audit.Count(a => a.Role == Roles.Analyst && a.Status == 403));
    }

    [Theory]
    [InlineData("coaching", "NOBODY")]
    [InlineData("coaching", null)]
    [InlineData("quality", "A1")]
    public async Task ABadOrMissingAgentIsAProblemNamingTheField(string family, string? agent)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/reports/run", Coaching(agent, family: family));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("agent", out _), problem.ToString());

        var definition = await Http.PostAsJsonAsync("/api/v1/reports/definitions",
            new { name = "coaching " + agent, family, cron = "0 7 1 * *", agent });
        Assert.Equal(HttpStatusCode.BadRequest, definition.StatusCode);
        Assert.True((await definition.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .TryGetProperty("agent", out _));
    }

    [Fact]
    public async Task ADefinitionKeepsItsAgentAndRunsTheAgentsReport()
    {
        var created = await Http.PostAsJsonAsync("/api/v1/reports/definitions",
            new { name = "Anna maandelijks", family = "coaching", cron = "0 7 1 * *", agent = "A1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var definition = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A1", definition.GetProperty("agent").GetString());
        var run = await Http.PostAsync($"/api/v1/reports/definitions/{definition.GetProperty("id").GetInt32()}/run", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("_agent-A1_", (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("file").GetString());
    }
}
