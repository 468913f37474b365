using Analytics.Statistics;

namespace Analytics.Models;

/// <summary>Live accuracy of one review sample: a random draw, so unbiased. Accuracy counts the predictions the model
/// did not send to review (its <c>unknown</c>), as the validation figure it is compared with does.</summary>
/// <param name="P">Two-proportion test of live against validation accuracy (null below <see cref="ModelHealth.MinimumN"/>).</param>
public sealed record ReviewEstimate(DateOnly Month, int Drawn, int Labelled, int Unknown, Estimate Accuracy,
    IReadOnlyList<ReasonAccuracy> PerReason, double? P, bool Alert);

/// <summary>Accuracy on the sampled contacts an analyst gave this label (a recall), where enough were sampled.</summary>
public sealed record ReasonAccuracy(string Label, Estimate Accuracy);

/// <summary>One local week of predictions: the unknown share (Wilson interval) and the confidence quartiles.</summary>
/// <param name="P">Two-proportion test of the unknown share against validation's (null below <see cref="ModelHealth.MinimumN"/>).</param>
/// <param name="ConfidenceShift">Largest gap between the week's and validation's confidence distributions at the
/// validation deciles (a Kolmogorov–Smirnov distance, 0–1); null when the card has no deciles.</param>
/// <param name="ConfidenceP">Two-sample Kolmogorov–Smirnov p-value of that distance.</param>
/// <param name="UnknownShareAlert">The unknown-share test survives Benjamini–Hochberg over every test of the weeks
/// shown.</param>
/// <param name="ConfidenceAlert">The confidence test survives it.</param>
public sealed record WeekHealth(DateOnly Week, int N, Estimate UnknownShare, double ConfidenceP25, double ConfidenceMedian,
    double ConfidenceP75, double? P, double? ConfidenceShift, double? ConfidenceP, bool UnknownShareAlert,
    bool ConfidenceAlert)
{
    /// <summary>Either test survives.</summary>
    public bool Alert => UnknownShareAlert || ConfidenceAlert;
}

/// <summary>The counts behind one week, as the database returns them.</summary>
/// <param name="Below">Predictions whose confidence lies strictly below each of the validation deciles (empty without them).</param>
public sealed record WeekCounts(DateOnly Week, int N, int Unknown, double P25, double P50, double P75, IReadOnlyList<int>? Below = null);

/// <summary>What validation looked like, as the model's card records it: the yardstick of the live weeks.</summary>
/// <param name="AcceptedN">Validation predictions the model accepted (the denominator of <paramref name="AcceptedAccuracy"/>).</param>
/// <param name="ConfidenceDeciles">The validation confidence deciles with the share strictly below each (null on older cards).</param>
public sealed record ValidationYardstick(double AcceptedAccuracy, int AcceptedN, double UnknownRate, int N,
    Classification.ConfidenceDeciles? ConfidenceDeciles);

/// <summary>The statistics of <c>GET /api/v1/models/{id}/health</c>, kept free of the database so they can be tested alone.</summary>
public static class ModelHealth
{
    /// <summary>Per-reason accuracy is shown from this many labelled contacts of the reason; fewer say nothing.</summary>
    public const int MinPerReason = 10;

    /// <summary>A month's review sample or a week's predictions are tested from this many; fewer give no verdict.</summary>
    public const int MinimumN = 30;

    /// <summary>False-discovery rate over the weeks shown: each week is a test, and a dozen tests at 5% cry wolf.</summary>
    public const double WeeklyFalseDiscoveryRate = 0.05;

    /// <summary>A month's live accuracy is an alert at this two-sided level (one test a month, against validation).</summary>
    public const double ReviewAlpha = 0.05;

    /// <param name="labelled">The model's stored label (or "unknown") and the analyst's label, per labelled item.</param>
    public static ReviewEstimate Review(DateOnly month, int drawn, IReadOnlyList<(string Predicted, string Truth)> labelled,
        ValidationYardstick validation, string unknownLabel)
    {
        var accepted = labelled.Where(x => x.Predicted != unknownLabel).ToList();
        var right = accepted.Count(x => x.Predicted == x.Truth);
        var accuracy = SurveyStatistics.Proportion(right, accepted.Count);
        var perReason = accepted.GroupBy(x => x.Truth, StringComparer.Ordinal).Where(g => g.Count() >= MinPerReason)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReasonAccuracy(g.Key, SurveyStatistics.Proportion(g.Count(x => x.Predicted == x.Truth), g.Count())))
            .ToList();
        // Validation is a sample too: both proportions carry error, so a small validation set cannot fake a shift.
        double? p = accepted.Count < MinimumN ? null : TwoProportionP(right, accepted.Count,
            (int)Math.Round(validation.AcceptedAccuracy * validation.AcceptedN), validation.AcceptedN);
        return new ReviewEstimate(month, drawn, labelled.Count, labelled.Count - accepted.Count, accuracy, perReason, p,
            p < ReviewAlpha);
    }

    /// <summary>
    /// Each week's unknown share against validation's (two proportions), and its confidence distribution against
    /// validation's (two-sample Kolmogorov–Smirnov at the validation deciles); the tests that survive Benjamini–Hochberg
    /// at <see cref="WeeklyFalseDiscoveryRate"/> over all of them are alerts. Weeks under <see cref="MinimumN"/> are not tested.
    /// </summary>
    public static IReadOnlyList<WeekHealth> Weeks(IReadOnlyList<WeekCounts> weeks, ValidationYardstick validation)
    {
        var unknownP = weeks.Select(w => w.N < MinimumN ? null : TwoProportionP(w.Unknown, w.N,
            (int)Math.Round(validation.UnknownRate * validation.N), validation.N)).ToList();
        var deciles = validation.ConfidenceDeciles;
        var shift = weeks.Select(w => deciles is null || w.Below is not { } below || below.Count != deciles.Edges.Count || w.N == 0
            ? (double?)null : deciles.ShareBelow.Select((s, j) => Math.Abs((double)below[j] / w.N - s)).DefaultIfEmpty(0).Max()).ToList();
        var shiftP = weeks.Select((w, i) => shift[i] is { } d && w.N >= MinimumN
            ? KolmogorovSmirnovP(d, w.N, deciles!.N) : (double?)null).ToList();
        var discoveries = Normal.BenjaminiHochberg([.. unknownP.Concat(shiftP).Select(x => x ?? double.NaN)],
            WeeklyFalseDiscoveryRate);
        return weeks.Select((w, i) => new WeekHealth(w.Week, w.N, SurveyStatistics.Proportion(w.Unknown, w.N), w.P25, w.P50,
            w.P75, unknownP[i], shift[i], shiftP[i], discoveries[i], discoveries[weeks.Count + i])).ToList();
    }

    /// <summary>Two-sided p of the pooled two-proportion z test; null when either side is empty.</summary>
    public static double? TwoProportionP(int x1, int n1, int x2, int n2)
    {
        if (n1 == 0 || n2 == 0) return null;
        var pooled = (double)(x1 + x2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) return 1;
        return Normal.TwoSidedP(((double)x1 / n1 - (double)x2 / n2) / se);
    }

    /// <summary>
    /// P(D ≥ d) for two samples of n1 and n2 under the same distribution (Kolmogorov's limit with Stephens' small-sample
    /// correction). Measured at the deciles only, d can only understate the full distance: the test is conservative.
    /// </summary>
    public static double KolmogorovSmirnovP(double d, int n1, int n2)
    {
        var ne = Math.Sqrt((double)n1 * n2 / (n1 + n2));
        var lambda = (ne + 0.12 + 0.11 / ne) * d;
        // Below 0.2 the p-value is 1 to nine places, and the alternating series would need thousands of terms.
        if (lambda < 0.2) return 1;
        double sum = 0;
        for (var k = 1; k <= 100; k++)
        {
            var term = 2 * Math.Pow(-1, k - 1) * Math.Exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12) break;
        }
        return Math.Clamp(sum, 0, 1);
    }
}
