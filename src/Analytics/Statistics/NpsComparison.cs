namespace Analytics.Statistics;

/// <summary>A change between two periods' NPS with its 95% interval and two-sided p-value.</summary>
public readonly record struct NpsChange(double Difference, double Low, double High, double P);

public static class NpsComparison
{
    /// <summary>
    /// Per-response NPS scores are +100/0/−100, so the variance of NPS is 100²·(p₊ + p₋ − (p₊ − p₋)²)/n (trinomial).
    /// Proportions are adjusted as in <see cref="SurveyStatistics.Nps"/> so that 0-variance samples (all promoters) still
    /// carry uncertainty. Independent samples: the variances add.
    /// </summary>
    public static NpsChange Difference((int P, int Pa, int D) current, (int P, int Pa, int D) previous)
    {
        var (v1, var1) = Adjusted(current);
        var (v0, var0) = Adjusted(previous);
        if (double.IsNaN(v1) || double.IsNaN(v0)) return new NpsChange(double.NaN, double.NaN, double.NaN, double.NaN);
        var raw = Raw(current) - Raw(previous);
        var se = Math.Sqrt(var1 + var0);
        var z = (v1 - v0) / se;
        return new NpsChange(raw, v1 - v0 - Normal.Z95 * se, v1 - v0 + Normal.Z95 * se, Normal.TwoSidedP(z));
    }

    /// <summary>Adjusted-Wald centre (in NPS points) and variance of NPS.</summary>
    public static (double Centre, double Variance) Adjusted((int P, int Pa, int D) c)
    {
        var n = c.P + c.Pa + c.D;
        if (n == 0) return (double.NaN, double.NaN);
        var na = n + 3.0;
        double pp = (c.P + 0.75) / na, pd = (c.D + 0.75) / na;
        return (100 * (pp - pd), 10000 * (pp + pd - (pp - pd) * (pp - pd)) / na);
    }

    private static double Raw((int P, int Pa, int D) c) => 100.0 * (c.P - c.D) / (c.P + c.Pa + c.D);
}
