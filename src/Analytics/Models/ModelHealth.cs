using Analytics.Statistics;

namespace Analytics.Models;

/// <summary>Live accuracy of one review sample: a random draw, so unbiased. Accuracy counts the predictions the model
/// did not send to review (its <c>unknown</c>), as the validation figure it is compared with does.</summary>
public sealed record ReviewEstimate(DateOnly Month, int Drawn, int Labelled, int Unknown, Estimate Accuracy,
    IReadOnlyList<ReasonAccuracy> PerReason, bool Alert);

/// <summary>Accuracy on the sampled contacts an analyst gave this label (a recall), where enough were sampled.</summary>
public sealed record ReasonAccuracy(string Label, Estimate Accuracy);

/// <summary>One local week of predictions: the unknown share (Wilson interval) and the confidence quartiles.</summary>
public sealed record WeekHealth(DateOnly Week, int N, Estimate UnknownShare, double ConfidenceP25, double ConfidenceMedian,
    double ConfidenceP75, double P, bool Alert);

/// <summary>The counts behind one week, as the database returns them.</summary>
public sealed record WeekCounts(DateOnly Week, int N, int Unknown, double P25, double P50, double P75);

/// <summary>The statistics of <c>GET /api/v1/models/{id}/health</c>, kept free of the database so they can be tested alone.</summary>
public static class ModelHealth
{
    /// <summary>Per-reason accuracy is shown from this many labelled contacts of the reason; fewer say nothing.</summary>
    public const int MinPerReason = 10;

    /// <summary>False-discovery rate over the weeks shown: each week is a test, and a dozen tests at 5% cry wolf.</summary>
    public const double WeeklyFalseDiscoveryRate = 0.05;

    /// <param name="labelled">The model's stored label (or "unknown") and the analyst's label, per labelled item.</param>
    /// <param name="validationAccuracy">The model's accuracy on the predictions it accepted on validation data (0–1).</param>
    public static ReviewEstimate Review(DateOnly month, int drawn, IReadOnlyList<(string Predicted, string Truth)> labelled,
        double validationAccuracy, string unknownLabel)
    {
        var accepted = labelled.Where(x => x.Predicted != unknownLabel).ToList();
        var accuracy = SurveyStatistics.Proportion(accepted.Count(x => x.Predicted == x.Truth), accepted.Count);
        var perReason = accepted.GroupBy(x => x.Truth, StringComparer.Ordinal).Where(g => g.Count() >= MinPerReason)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReasonAccuracy(g.Key, SurveyStatistics.Proportion(g.Count(x => x.Predicted == x.Truth), g.Count())))
            .ToList();
        // The validation figure outside the live 95% interval: the model does not hold what its validation promised.
        var alert = accepted.Count > 0 && (100 * validationAccuracy < accuracy.Low || 100 * validationAccuracy > accuracy.High);
        return new ReviewEstimate(month, drawn, labelled.Count, labelled.Count - accepted.Count, accuracy, perReason, alert);
    }

    /// <summary>
    /// Each week's unknown share tested against the validation share (binomial, normal approximation); the weeks
    /// whose p-values survive Benjamini–Hochberg at <see cref="WeeklyFalseDiscoveryRate"/> are alerts.
    /// </summary>
    public static IReadOnlyList<WeekHealth> Weeks(IReadOnlyList<WeekCounts> weeks, double validationUnknownRate)
    {
        var p0 = Math.Clamp(validationUnknownRate, 1e-4, 1 - 1e-4);
        var p = weeks.Select(w => w.N == 0 ? 1.0
            : Normal.TwoSidedP((w.Unknown - w.N * p0) / Math.Sqrt(w.N * p0 * (1 - p0)))).ToList();
        var alerts = Normal.BenjaminiHochberg(p, WeeklyFalseDiscoveryRate);
        return weeks.Select((w, i) => new WeekHealth(w.Week, w.N, SurveyStatistics.Proportion(w.Unknown, w.N), w.P25, w.P50, w.P75,
            p[i], alerts[i])).ToList();
    }
}
