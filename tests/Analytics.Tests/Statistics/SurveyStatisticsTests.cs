using Analytics.Statistics;

namespace Analytics.Tests.Statistics;

public sealed class SurveyStatisticsTests
{
    [Fact]
    public void NpsIsPromotersMinusDetractorsInPercent()
    {
        var e = SurveyStatistics.Nps(promoters: 5, passives: 3, detractors: 2);
        Assert.Equal(30, e.Value, 9);
        Assert.Equal(10, e.N);
    }

    [Fact]
    public void NpsIsMinusOneHundredWhenAllAreDetractorsButTheIntervalIsNotDegenerate()
    {
        var e = SurveyStatistics.Nps(0, 0, 4);
        Assert.Equal(-100, e.Value);
        Assert.Equal(-100, e.Low);       // clipped at the scale's end
        Assert.True(e.High > -80, $"4 responses cannot pin NPS at -100: high = {e.High}");
    }

    [Fact]
    public void NpsAdjustedWaldMatchesAHandComputation()
    {
        // n=10 → 13 after adding 3; p+ = 5.75/13, p- = 2.75/13; centre = 3/13;
        // var = (8.5/13 - (3/13)^2) / 13; half = 1.96 * sqrt(var).
        double pp = 5.75 / 13, pd = 2.75 / 13, centre = pp - pd;
        var half = 1.959963984540054 * Math.Sqrt((pp + pd - centre * centre) / 13);
        var e = SurveyStatistics.Nps(5, 3, 2);
        Assert.Equal(100 * (centre - half), e.Low, 6);
        Assert.Equal(100 * (centre + half), e.High, 6);
    }

    [Fact]
    public void NoResponsesGiveNoFigure()
    {
        var e = SurveyStatistics.Nps(0, 0, 0);
        Assert.True(double.IsNaN(e.Value));
        Assert.Equal(0, e.N);
    }

    [Fact]
    public void WilsonIntervalMatchesThePublishedExample()
    {
        // Wilson (1927) as tabulated by Newcombe (1998), case 81/263: 0.2553 to 0.3662.
        var e = SurveyStatistics.Proportion(81, 263);
        Assert.Equal(25.53, e.Low, 1);
        Assert.Equal(36.62, e.High, 1);
    }

    [Fact]
    public void MeanUsesTheStudentTIntervalForSmallSamples()
    {
        // Scores 2, 4, 6: mean 4, sd 2, t(2) = 4.303 → half width 4.303 * 2 / sqrt(3) = 4.969.
        var e = SurveyStatistics.Mean(12, 4 + 16 + 36, 3);
        Assert.Equal(4, e.Value, 9);
        Assert.Equal(4 - 4.969, e.Low, 2);
        Assert.Equal(4 + 4.969, e.High, 2);
    }
}
