using Analytics.Statistics;

namespace Analytics.Tests.Insights;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void OneBinaryPredictorGivesTheLogOddsRatioOfTheTwoByTwoTable()
    {
        // exposed: 30 events, 70 non-events; unexposed: 10 events, 90 non-events.
        // β₁ = ln((30·90)/(70·10)), SE = √(1/30 + 1/70 + 1/10 + 1/90); intercept = ln(10/90).
        var x = new List<double[]>();
        var y = new List<bool>();
        void Add(double v, bool e, int count) { for (var i = 0; i < count; i++) { x.Add([v]); y.Add(e); } }
        Add(1, true, 30); Add(1, false, 70); Add(0, true, 10); Add(0, false, 90);

        var fit = LogisticRegression.Fit(x, y, ["exposed"], ridge: 0);
        Assert.True(fit.Converged);
        var b = fit.Coefficients[1];
        Assert.Equal(Math.Log(30.0 * 90 / (70 * 10)), b.Beta, 8);
        Assert.Equal(Math.Sqrt(1 / 30.0 + 1 / 70.0 + 1 / 10.0 + 1 / 90.0), b.StandardError, 6);
        Assert.Equal(30.0 * 90 / 700, b.OddsRatio, 6);
        Assert.Equal(Math.Log(10.0 / 90), fit.Coefficients[0].Beta, 8);
        Assert.Equal(40, fit.Events);
    }

    [Fact]
    public void RecoversPlantedCoefficientsOnSimulatedData()
    {
        var rng = new Random(7);
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 20000; i++)
        {
            double a = rng.NextDouble() < 0.3 ? 1 : 0, b = rng.NextDouble() * 10, c = rng.Next(0, 4);
            var eta = -2 + 1.0 * a + 0.15 * b - 0.5 * c;
            x.Add([a, b, c]);
            y.Add(rng.NextDouble() < 1 / (1 + Math.Exp(-eta)));
        }
        var fit = LogisticRegression.Fit(x, y, ["a", "b", "c"]);
        Assert.Equal(-2, fit.Coefficients[0].Beta, 0.15);
        Assert.Equal(1.0, fit.Coefficients[1].Beta, 0.1);
        Assert.Equal(0.15, fit.Coefficients[2].Beta, 0.03);
        Assert.Equal(-0.5, fit.Coefficients[3].Beta, 0.06);
        Assert.All(fit.Coefficients.Skip(1), c => Assert.True(c.OddsLow < c.OddsRatio && c.OddsRatio < c.OddsHigh));
    }

    [Fact]
    public void PerfectSeparationStaysFiniteWithTheRidge()
    {
        List<double[]> x = [[1.0], [1.0], [0.0], [0.0], [0.0]];
        var y = new List<bool> { true, true, false, true, false };
        var fit = LogisticRegression.Fit(x, y, ["always"]);
        Assert.True(double.IsFinite(fit.Coefficients[1].Beta));
        Assert.True(fit.Coefficients[1].Beta > 2);
    }
}
