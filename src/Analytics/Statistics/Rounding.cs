using System.Globalization;

namespace Analytics.Statistics;

/// <summary>
/// The one rounding policy of every figure we show: API answers (JSON and CSV) and reports. Statistics are computed
/// at full precision and rounded only when shown, so a figure never carries more digits than its interval supports.
/// Which field gets which rule is decided in one table (the API's NumberPolicy); see docs/decisions/014-rounding.md.
/// </summary>
public static class Rounding
{
    /// <summary>NPS, CES, CSAT and anything in percent or percentage points (all proportions we show are %).</summary>
    public static double Score(double value) => Decimals(value, 2);

    /// <summary>A fraction 0…1 (a model's confidence, a shrinkage weight): three decimals, a tenth of a %.</summary>
    public static double Share(double value) => Decimals(value, 3);

    /// <summary>Durations in seconds: tenths of a second, finer than any clock in the source data.</summary>
    public static double Seconds(double value) => Decimals(value, 1);

    /// <summary>
    /// Odds ratios, coefficients and other model statistics (z, variances, rates per contact): three significant
    /// digits, so an odds ratio of 0.0123 keeps its meaning where two decimals would make it 0.01.
    /// </summary>
    public static double Ratio(double value) => Significant(value, 3);

    /// <summary>p-values: two significant digits (0.043, 5.8E-19); more suggests a precision the test lacks.</summary>
    public static double PValue(double value) => Significant(value, 2);

    private static double Decimals(double value, int digits) =>
        double.IsFinite(value) ? Math.Round(value, digits, MidpointRounding.AwayFromZero) : value;

    // Through the decimal text: scaling by powers of ten leaves binary noise (1.2300000000000002), and tiny
    // p-values need more than the 15 decimals Math.Round accepts.
    private static double Significant(double value, int digits)
    {
        if (!double.IsFinite(value) || value == 0) return value;
        var text = value.ToString("E" + (digits - 1), CultureInfo.InvariantCulture);
        return double.Parse(text, CultureInfo.InvariantCulture);
    }
}
