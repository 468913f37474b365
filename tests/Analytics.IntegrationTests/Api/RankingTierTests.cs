using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Reports;

namespace Analytics.IntegrationTests.Api;

/// <summary>The fair ranking's tiers over the samples, as the ranking and both scorecards answer them.</summary>
[Collection(SampleReports.Collection)]
public sealed class RankingTierTests(SampleReports samples)
{
    [Fact]
    public async Task EachRankedAgentHasTheTierItsIntervalGivesAndTooFewHaveNone()
    {
        using var http = await samples.Host.ClientAsync(Roles.QualityManager);
        var ranking = await http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/insights/agents/ranking?{SampleReports.Query}");
        var agents = ranking.GetProperty("agents").EnumerateArray().ToList();
        Assert.Contains(agents, a => a.GetProperty("tier").ValueKind == JsonValueKind.String);
        foreach (var a in agents)
        {
            var tier = a.GetProperty("tier");
            if (a.GetProperty("tooFewResponses").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, tier.ValueKind);
                continue;
            }
            var shrunk = a.GetProperty("shrunk");
            double low = shrunk.GetProperty("low").GetDouble(), high = shrunk.GetProperty("high").GetDouble();
            var team = a.GetProperty("teamNps").GetDouble();
            // Figures come rounded to two decimals: an interval ending within that of the team's NPS cannot be told.
            if (Math.Abs(low - team) < 0.01 || Math.Abs(high - team) < 0.01) continue;
            Assert.Equal(low > team ? "above" : high < team ? "below" : "inLine", tier.GetString());
        }
    }

    [Fact]
    public async Task TheAgentAndTeamScorecardsCarryTheRankingsTier()
    {
        using var http = await samples.Host.ClientAsync(Roles.QualityManager);
        var ranking = await http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/insights/agents/ranking?{SampleReports.Query}");
        var tiers = ranking.GetProperty("agents").EnumerateArray()
            .ToDictionary(a => a.GetProperty("agent").GetString()!, a => a.GetProperty("tier").GetString());
        var agent = tiers.First(t => t.Value is not null).Key;
        var card = await http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/agents/{agent}/scorecard?{SampleReports.Query}");
        Assert.Equal(tiers[agent], card.GetProperty("nps").GetProperty("tier").GetString());

        var team = card.GetProperty("team").GetString();
        var teamCard = await http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/teams/{team}/scorecard?{SampleReports.Query}");
        foreach (var a in teamCard.GetProperty("agents").EnumerateArray())
            Assert.Equal(tiers[a.GetProperty("agent").GetString()!], a.GetProperty("tier").GetString());
    }
}
