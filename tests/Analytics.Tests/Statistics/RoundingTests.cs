using System.Globalization;
using Analytics.Statistics;

namespace Analytics.Tests.Statistics;

/// <summary>The rules are judged by the text a reader sees: a rounded double must print without binary noise.</summary>
public sealed class RoundingTests
{
    private static string Shown(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(66.66666666666666, "66.67")]
    [InlineData(-16.666666, "-16.67")]
    [InlineData(30.0, "30")]
    [InlineData(5.4321, "5.43")]
    public void ScoresAndPercentagesKeepTwoDecimals(double value, string expected) =>
        Assert.Equal(expected, Shown(Rounding.Score(value)));

    [Theory]
    [InlineData(0.857142857, "0.857")]
    [InlineData(0.0004, "0")]
    public void SharesOfOneKeepThreeDecimals(double value, string expected) =>
        Assert.Equal(expected, Shown(Rounding.Share(value)));

    [Theory]
    [InlineData(371.94, "371.9")]
    [InlineData(12.06, "12.1")]
    public void SecondsKeepOneDecimal(double value, string expected) =>
        Assert.Equal(expected, Shown(Rounding.Seconds(value)));

    [Theory]
    [InlineData(-2.509076751433994, "-2.51")]
    [InlineData(0.012345, "0.0123")]
    [InlineData(1.2300000000000002, "1.23")]
    [InlineData(1234.5, "1230")]
    [InlineData(0.1, "0.1")]
    public void RatiosKeepThreeSignificantDigits(double value, string expected) =>
        Assert.Equal(expected, Shown(Rounding.Ratio(value)));

    [Theory]
    [InlineData(5.846104392779077E-19, "5.8E-19")]
    [InlineData(0.04349, "0.043")]
    [InlineData(0.996, "1")]
    [InlineData(0.0, "0")]
    public void PValuesKeepTwoSignificantDigits(double value, string expected) =>
        Assert.Equal(expected, Shown(Rounding.PValue(value)));

    [Fact]
    public void UndefinedFiguresStayUndefined()
    {
        foreach (var rule in new Func<double, double>[] { Rounding.Score, Rounding.Share, Rounding.Ratio, Rounding.PValue })
        {
            Assert.True(double.IsNaN(rule(double.NaN)));
            Assert.Equal(double.PositiveInfinity, rule(double.PositiveInfinity));
        }
    }
}
