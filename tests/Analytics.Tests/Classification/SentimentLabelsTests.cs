using Analytics.Classification;

namespace Analytics.Tests.Classification;

public class SentimentLabelsTests
{
    [Theory]
    [InlineData(0, "negative")]
    [InlineData(6, "negative")]
    [InlineData(7, "neutral")]
    [InlineData(8, "neutral")]
    [InlineData(9, "positive")]
    [InlineData(10, "positive")]
    public void NpsDetractorsPassivesPromoters(int score, string expected) =>
        Assert.Equal(expected, SentimentLabels.FromScore(SurveyScale.Nps, score));

    [Theory]
    [InlineData(1, "negative")]
    [InlineData(3, "negative")]
    [InlineData(4, "neutral")]
    [InlineData(5, "positive")]
    [InlineData(7, "positive")]
    public void CesSevenMeansVeryEasy(int score, string expected) =>
        Assert.Equal(expected, SentimentLabels.FromScore(SurveyScale.Ces, score));

    [Theory]
    [InlineData(1, "negative")]
    [InlineData(2, "negative")]
    [InlineData(3, "neutral")]
    [InlineData(4, "positive")]
    [InlineData(5, "positive")]
    public void CsatOneToFive(int score, string expected) =>
        Assert.Equal(expected, SentimentLabels.FromScore(SurveyScale.Csat, score));

    [Theory]
    [InlineData(SurveyScale.Nps, -1)]
    [InlineData(SurveyScale.Nps, 11)]
    [InlineData(SurveyScale.Ces, 0)]
    [InlineData(SurveyScale.Ces, 8)]
    [InlineData(SurveyScale.Csat, 0)]
    [InlineData(SurveyScale.Csat, 6)]
    public void ScoresOutsideTheScaleAreRejected(SurveyScale scale, int score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SentimentLabels.FromScore(scale, score));

    [Theory]
    [InlineData("Positive", "positive")]
    [InlineData("negatief", "negative")]
    [InlineData(" NEU ", "neutral")]
    [InlineData("-1", "negative")]
    [InlineData("conflict", null)]
    [InlineData("mixed", null)]
    [InlineData("none", null)]
    public void NormalisesSpellingsAndDropsTheRest(string raw, string? expected) =>
        Assert.Equal(expected, SentimentLabels.Normalise(raw));

    [Fact]
    public void ParsesScaleNamesCaseInsensitively()
    {
        Assert.Equal(SurveyScale.Ces, SentimentLabels.ParseScale("CES"));
        Assert.Throws<ArgumentException>(() => SentimentLabels.ParseScale("stars"));
    }
}
