using Analytics.Insights.Agents;
using Analytics.Statistics;
using Analytics.Time;

namespace Analytics.Tests.Insights;

public sealed class FairRankingTierTests
{
    [Fact]
    public void AnIntervalEntirelyAboveTheTeamIsClearlyAbove() =>
        Assert.Equal(AgentTier.Above, AgentTiers.Of(new Estimate(40, 21, 59, 60), teamNps: 20, false));

    [Fact]
    public void AnIntervalEntirelyBelowTheTeamIsClearlyBelow() =>
        Assert.Equal(AgentTier.Below, AgentTiers.Of(new Estimate(0, -19, 19.9, 60), teamNps: 20, false));

    [Theory]
    [InlineData(25, 5, 45)]  // the team inside the interval
    [InlineData(40, 20, 60)] // touching is not clear of it
    [InlineData(0, -20, 20)]
    public void AnIntervalThatReachesTheTeamIsInLine(double value, double low, double high) =>
        Assert.Equal(AgentTier.InLine, AgentTiers.Of(new Estimate(value, low, high, 60), teamNps: 20, false));

    [Fact]
    public void TooFewResponsesGetNoTierHoweverFarTheIntervalIs() =>
        Assert.Null(AgentTiers.Of(new Estimate(90, 80, 100, 12), teamNps: 0, tooFewResponses: true));

    [Fact]
    public void NeighboursInTheRankingAreInLineAndOnlyAClearOutlierIsNot()
    {
        // Six agents around a team of about +20 with ~60 responses each (intervals of about ±20): a few points between
        // them is noise. "star" (+70 on 60) and "struggling" (−30 on 60) are far enough out to clear the team.
        var rows = new List<(GroupedCounts, (int, int, int), string?)>
        {
            (new("a", "T", 24, 24, 12), (0, 0, 0), null), (new("b", "T", 22, 26, 12), (0, 0, 0), null),
            (new("c", "T", 23, 23, 14), (0, 0, 0), null), (new("d", "T", 21, 27, 12), (0, 0, 0), null),
            (new("star", "T", 45, 12, 3), (0, 0, 0), null), (new("struggling", "T", 12, 18, 30), (0, 0, 0), null),
            (new("new", "T", 6, 0, 0), (0, 0, 0), null),
        };
        var ranking = new FairRanking(null!) { MinimumResponses = 30 }
            .Rank(new Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), rows, team: null);
        var tier = ranking.Agents.ToDictionary(a => a.Agent, a => a.Tier);
        Assert.Equal(AgentTier.Above, tier["star"]);
        Assert.Equal(AgentTier.Below, tier["struggling"]);
        Assert.All(new[] { "a", "b", "c", "d" }, a => Assert.Equal(AgentTier.InLine, tier[a]));
        Assert.Null(tier["new"]); // 6 responses: shown, not ranked, no tier
        // Every tier follows the rule from the figures the ranking reports, against the agent's own team.
        foreach (var a in ranking.Agents.Where(a => !a.TooFewResponses))
            Assert.Equal(AgentTiers.Of(a.Shrunk, a.TeamNps, false), a.Tier);
    }
}
