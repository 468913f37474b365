namespace Analytics.Statistics;

/// <summary>Standard normal tail probabilities, enough for two-sided tests at the usual levels.</summary>
public static class Normal
{
    public const double Z95 = 1.959963984540054;

    /// <summary>P(Z ≤ z), via erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>Two-sided p-value of a z statistic.</summary>
    public static double TwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
                t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>
    /// Benjamini–Hochberg: which of the p-values are discoveries at false-discovery rate <paramref name="q"/>.
    /// Used wherever many agents or reasons are tested at once, so "significant" does not mean "one in twenty by chance".
    /// </summary>
    public static bool[] BenjaminiHochberg(IReadOnlyList<double> p, double q = 0.05)
    {
        var order = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ToList();
        var m = order.Count;
        var cut = -1;
        for (var k = 0; k < m; k++)
            if (p[order[k]] <= q * (k + 1) / m) cut = k;
        var result = new bool[p.Count];
        for (var k = 0; k <= cut; k++) result[order[k]] = true;
        return result;
    }
}
