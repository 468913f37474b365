namespace Analytics.Statistics;

/// <summary>A figure with its 95% interval and the number of responses behind it.</summary>
public readonly record struct Estimate(double Value, double Low, double High, int N);

public static class SurveyStatistics
{
    private const double Z95 = 1.959963984540054;

    /// <summary>
    /// NPS (−100…100) with an adjusted-Wald interval on the trinomial: add 3/4 of a response to promoters
    /// and to detractors and 3/2 to passives before the Wald step (Rocks, 2016). It keeps small samples honest:
    /// 3 promoters out of 3 is not "NPS 100 ± 0".
    /// </summary>
    public static Estimate Nps(int promoters, int passives, int detractors)
    {
        var n = promoters + passives + detractors;
        if (n == 0) return new Estimate(double.NaN, double.NaN, double.NaN, 0);
        var value = 100.0 * (promoters - detractors) / n;
        var na = n + 3.0;
        var pp = (promoters + 0.75) / na;
        var pd = (detractors + 0.75) / na;
        var centre = pp - pd;
        var variance = (pp + pd - centre * centre) / na;
        var half = Z95 * Math.Sqrt(variance);
        return new Estimate(value, 100 * Math.Max(-1, centre - half), 100 * Math.Min(1, centre + half), n);
    }

    /// <summary>A proportion (in %) with the Wilson score interval.</summary>
    public static Estimate Proportion(int successes, int n)
    {
        if (n == 0) return new Estimate(double.NaN, double.NaN, double.NaN, 0);
        var p = (double)successes / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Estimate(100 * p, 100 * Math.Max(0, centre - half), 100 * Math.Min(1, centre + half), n);
    }

    /// <summary>A mean with a t-based interval (normal for n ≥ 30); sum and sum of squares keep it one SQL pass.</summary>
    public static Estimate Mean(double sum, double sumOfSquares, int n)
    {
        if (n == 0) return new Estimate(double.NaN, double.NaN, double.NaN, 0);
        var mean = sum / n;
        if (n == 1) return new Estimate(mean, double.NaN, double.NaN, 1);
        var variance = Math.Max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        var half = TCritical95(n - 1) * Math.Sqrt(variance / n);
        return new Estimate(mean, mean - half, mean + half, n);
    }

    // Two-sided 95% Student t quantiles for small df; beyond 30 the normal value is close enough.
    private static readonly double[] TTable =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    private static double TCritical95(int df) => df <= TTable.Length ? TTable[df - 1] : Z95;
}
