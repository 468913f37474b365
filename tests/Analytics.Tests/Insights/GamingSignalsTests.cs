using Analytics.Insights.Alerts;

namespace Analytics.Tests.Insights;

public sealed class GamingSignalsTests
{
    [Fact]
    public void PromotersAboveWhatSentimentExplainsAreFlagged()
    {
        // Centre: positive contacts 60/100 promoters… computed over all agents' rows below.
        List<(string, string, int, int, int)> rows =
        [
            ("honest", "positive", 100, 50, 30), ("honest", "negative", 100, 50, 5),
            ("other", "positive", 100, 50, 30), ("other", "negative", 100, 50, 5),
            ("gamer", "positive", 100, 50, 30), ("gamer", "negative", 100, 50, 40),
        ];
        var s = GamingSignals.Evaluate(rows, new Dictionary<string, int> { ["gamer"] = 3 }).ToDictionary(x => x.Agent);
        // Rates: positive 90/150 = 0.6, negative 50/150 = 1/3. Gamer: O = 70, E = 50·0.6 + 50/3 = 46.67.
        Assert.Equal(30 + 50 / 3.0, s["gamer"].ExpectedPromoters, 9);
        var v = 50 * 0.6 * 0.4 + 50 * (1 / 3.0) * (2 / 3.0);
        Assert.Equal((70 - (30 + 50 / 3.0)) / Math.Sqrt(v), s["gamer"].Z, 9);
        Assert.True(s["gamer"].MorePositiveThanSentiment);
        Assert.False(s["honest"].MorePositiveThanSentiment);
        Assert.Equal(3, s["gamer"].TopScoreRequests);
        Assert.False(s["gamer"].SelectiveSending);
    }

    [Fact]
    public void SurveysSentMostlyAfterHappyContactsAreSelective()
    {
        List<(string, string, int, int, int)> rows =
        [
            ("picky", "negative", 100, 2, 0), ("picky", "positive", 100, 60, 40),
            ("fair", "negative", 100, 30, 5), ("fair", "positive", 100, 32, 20),
        ];
        var s = GamingSignals.Evaluate(rows, new Dictionary<string, int>()).ToDictionary(x => x.Agent);
        Assert.True(s["picky"].SelectiveSending);
        Assert.False(s["fair"].SelectiveSending);
        Assert.Equal(2.0, s["picky"].SurveyedShareNegative.Value, 9);
    }
}
