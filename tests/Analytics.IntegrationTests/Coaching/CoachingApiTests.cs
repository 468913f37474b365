using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Coaching;

/// <summary>
/// Coaching sessions over the real host: recorded with a follow-up in Dutch working days, a form section measured by its
/// items' checks, bad input named by field, team leads scoped to their teams, the agent seeing its own under /me, every
/// look audited, and an effect that is too early to tell on a handful of contacts.
/// </summary>
public sealed class CoachingApiTests() : SeededApiTests(Roles.QualityManager)
{
    private static object Session(string agent = "A1", string subSkill = "summary", string heldOn = "2026-03-02", int? days = null) =>
        new { agent, subSkill, agreedActions = "Vat na elke vraag samen en check: 'klopt dat?'", heldOn, followUpWorkingDays = days };

    private static async Task<JsonElement> CreatedAsync(HttpClient client, object session)
    {
        var response = await client.PostAsJsonAsync("/api/v1/coaching/sessions", session);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ASessionGetsItsFollowUpInDutchWorkingDaysAndASectionIsMeasuredByItsChecks()
    {
        var s = await CreatedAsync(Http, Session());
        Assert.Equal(("A1", "T1", "summary"), (s.GetProperty("agent").GetString(), s.GetProperty("team").GetString(),
            s.GetProperty("subSkill").GetString()));
        // Ten working days after Monday 2 March 2026.
        Assert.Equal("2026-03-16", s.GetProperty("followUpOn").GetString());
        Assert.Equal(["summary"], s.GetProperty("checks").EnumerateArray().Select(c => c.GetString()));

        // Friday 24 April 2026 plus three working days: King's Day (Monday 27th) does not count.
        var kingsDay = await CreatedAsync(Http, Session("B1", "gedrag", "2026-04-24", 3));
        Assert.Equal("2026-04-30", kingsDay.GetProperty("followUpOn").GetString());
        Assert.Equal(["let_finish", "open_question", "summary"], kingsDay.GetProperty("checks").EnumerateArray().Select(c => c.GetString()));

        var id = s.GetProperty("id").GetInt64();
        var again = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/coaching/sessions/{id}");
        Assert.Equal(s.GetProperty("agreedActions").GetString(), again.GetProperty("agreedActions").GetString());
        var a1 = await Http.GetFromJsonAsync<JsonElement>("/api/v1/coaching/sessions?from=2026-01-01&to=2026-06-30&agent=A1");
        Assert.Equal([id], a1.EnumerateArray().Select(x => x.GetProperty("id").GetInt64()));
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonElement>("/api/v1/coaching/sessions?from=2026-01-01&to=2026-06-30")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/coaching/sessions/999999")).StatusCode);
    }

    [Theory]
    [InlineData("agent", "{\"agent\":\"NOBODY\",\"subSkill\":\"summary\",\"agreedActions\":\"x\"}")]
    [InlineData("subSkill", "{\"agent\":\"A1\",\"subSkill\":\"charm\",\"agreedActions\":\"x\"}")]
    [InlineData("agreedActions", "{\"agent\":\"A1\",\"subSkill\":\"summary\",\"agreedActions\":\" \"}")]
    [InlineData("heldOn", "{\"agent\":\"A1\",\"subSkill\":\"summary\",\"agreedActions\":\"x\",\"heldOn\":\"2-3-2026\"}")]
    [InlineData("heldOn", "{\"agent\":\"A1\",\"subSkill\":\"summary\",\"agreedActions\":\"x\",\"heldOn\":\"2999-01-01\"}")]
    [InlineData("followUpWorkingDays", "{\"agent\":\"A1\",\"subSkill\":\"summary\",\"agreedActions\":\"x\",\"followUpWorkingDays\":0}")]
    public async Task BadInputIsAProblemNamingTheField(string field, string body)
    {
        var response = await Http.PostAsync("/api/v1/coaching/sessions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ATeamLeadCoachesItsOwnTeamAndTheAgentSeesOnlyItsOwnSessions()
    {
        using var north = await Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        using var south = await Host.ClientAsync(Roles.TeamLead, teams: ["T2"]);
        var id = (await CreatedAsync(north, Session())).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await south.PostAsJsonAsync("/api/v1/coaching/sessions", Session())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await south.GetAsync($"/api/v1/coaching/sessions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await south.GetAsync($"/api/v1/coaching/sessions/{id}/effect")).StatusCode);
        Assert.Empty((await south.GetFromJsonAsync<JsonElement>("/api/v1/coaching/sessions?from=2026-01-01&to=2026-06-30")).EnumerateArray());
        await CreatedAsync(south, Session("B1"));

        using var anna = await Host.ClientAsync(Roles.Agent, agent: "A1");
        using var cees = await Host.ClientAsync(Roles.Agent, agent: "B1");
        var mine = await anna.GetFromJsonAsync<JsonElement>("/api/v1/me/coaching");
        Assert.Equal([id], mine.EnumerateArray().Select(x => x.GetProperty("id").GetInt64()));
        Assert.Equal(["B1"], (await cees.GetFromJsonAsync<JsonElement>("/api/v1/me/coaching")).EnumerateArray()
            .Select(x => x.GetProperty("agent").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.GetAsync($"/api/v1/coaching/sessions/{id}")).StatusCode);

        await using var db = Db.NewDbContext();
        var audited = await db.AuditLog.Where(a => a.Path.StartsWith("/api/v1/coaching") || a.Path.StartsWith("/api/v1/me/coaching"))
            .Select(a => a.Status).ToListAsync();
        Assert.Contains(201, audited);
        Assert.Contains(403, audited);
        Assert.Contains(200, audited);
    }

    [Fact]
    public async Task OnAHandfulOfContactsTheEffectIsTooEarlyToTell()
    {
        var id = (await CreatedAsync(Http, Session(heldOn: "2026-03-04"))).GetProperty("id").GetInt64();
        var effect = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/coaching/sessions/{id}/effect");
        Assert.Equal(("A1", "2026-01-07", "2026-04-29"), (effect.GetProperty("agent").GetString(), effect.GetProperty("from").GetString(),
            effect.GetProperty("to").GetString()));
        var outcomes = effect.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("outcome").GetString()!);
        Assert.Equal(["nps", "ces", "check:summary"], outcomes.Keys);
        Assert.All(outcomes.Values, o => Assert.Equal("too-early-to-tell", o.GetProperty("status").GetString()));
        Assert.All(outcomes.Values, o => Assert.Equal(JsonValueKind.Null, o.GetProperty("effect").ValueKind));
        // A1's NPS responses before the 4th: S11 (K9, 20 February), S1 (K1) and S2 (K2); S3 is on K3, the session's own day.
        Assert.Equal((3, 0), (outcomes["nps"].GetProperty("coachedBefore").GetInt32(), outcomes["nps"].GetProperty("coachedAfter").GetInt32()));
    }
}
