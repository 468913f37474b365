using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>Agent and team scorecards over the hand-made fixtures (figures worked out in Fixtures.cs).</summary>
public sealed class ScorecardApiTests() : SeededApiTests(Roles.QualityManager)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task AnAgentsScorecardHoldsTheSameFiguresAsTheMetricsAndIsAudited()
    {
        var card = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/agents/A1/scorecard?{March}");
        Assert.Equal(("A1", "T1"), (card.GetProperty("agent").GetString(), card.GetProperty("team").GetString()));
        // A1 handled K1-K3 in March; their NPS responses S1-S3 scored 10, 9, 8: two promoters of three.
        var nps = card.GetProperty("npsFigure");
        Assert.Equal((3, 66.67), (nps.GetProperty("n").GetInt32(), nps.GetProperty("value").GetDouble()));
        var same = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?{March}&agent=A1");
        Assert.Equal(same.GetProperty("groups")[0].GetProperty("value").GetDouble(), nps.GetProperty("value").GetDouble());
        Assert.Equal(3, card.GetProperty("contacts").GetProperty("contacts").GetInt32());
        var rank = card.GetProperty("nps");
        Assert.Equal(3, rank.GetProperty("n").GetInt32());
        Assert.True(rank.GetProperty("tooFewResponses").GetBoolean()); // 3 responses are not ranked
        Assert.Equal(JsonValueKind.Null, rank.GetProperty("rank").ValueKind);
        Assert.Equal(JsonValueKind.Null, rank.GetProperty("tier").ValueKind);
        // The trend covers the twelve months up to March: February (S11, a 0 for K9) and March.
        var trend = card.GetProperty("npsByMonth").EnumerateArray().Select(m => (m.GetProperty("period").GetString(), m.GetProperty("n").GetInt32())).ToList();
        Assert.Equal([("2026-02", 1), ("2026-03", 3)], trend);

        await using var db = Db.NewDbContext();
        Assert.Contains(db.AuditLog, e => e.Path == "/api/v1/agents/A1/scorecard");
    }

    [Fact]
    public async Task ATeamsScorecardShowsItsAgentsToQualityManagersOnly()
    {
        var card = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/teams/T1/scorecard?{March}");
        // Team Noord: S1-S6, P=3 Pa=2 D=1 -> +33.33; contacts K1-K5.
        Assert.Equal((6, 33.33), (card.GetProperty("nps").GetProperty("n").GetInt32(), card.GetProperty("nps").GetProperty("value").GetDouble()));
        Assert.Equal(5, card.GetProperty("contacts").GetProperty("contacts").GetInt32());
        Assert.Equal(["A1", "A2"], card.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agent").GetString()).Order());

        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var seen = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/teams/T1/scorecard?{March}");
        // Two agents, six responses: below both privacy thresholds, so nothing that could point at a person.
        Assert.True(seen.GetProperty("nps").GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("nps").GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("agents").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("contacts").ValueKind);
        Assert.True(seen.GetProperty("kpisSuppressed").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/v1/agents/A1/scorecard?{March}")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/agents/NOPE/scorecard", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/teams/NOPE/scorecard", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/teams/T1/scorecard?from=2026-04-01&to=2026-03-01", HttpStatusCode.BadRequest)]
    public async Task UnknownCodesAndBadPeriodsAreProblems(string url, HttpStatusCode status)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
