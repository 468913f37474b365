using System.Globalization;

namespace Analytics.Models;

/// <summary>One tested figure of a health report, as people read it, and whether its test made it an alert.</summary>
/// <param name="Code">Measure and period (<c>unknown-share:2026-11-02</c>): what the daily watch stores and
/// compares.</param>
public sealed record HealthFinding(string Code, string Text, bool Alert)
{
    /// <summary>The measure in words: live accuracy, unknown share or confidence distribution.</summary>
    public string Measure => HealthFindings.MeasureOf(Code);
}

/// <summary>
/// The figures <see cref="ModelHealth"/> tested, one per measure and period, in the words of the health report's
/// alerts. The endpoint lists the alerting ones; the watch (<see cref="ModelHealthWatch"/>) stores their codes and
/// mails a change, so both say the same thing about the same test. Untested figures (under
/// <see cref="ModelHealth.MinimumN"/>) are no finding.
/// </summary>
public static class HealthFindings
{
    public const string LiveAccuracy = "live-accuracy", UnknownShare = "unknown-share", Confidence = "confidence";

    /// <summary>The measure of a code in words.</summary>
    public static string MeasureOf(string code) => code[..Math.Max(0, code.IndexOf(':'))] switch
    {
        LiveAccuracy => "live accuracy",
        UnknownShare => "unknown share",
        Confidence => "confidence distribution",
        _ => code,
    };

    /// <summary>The month (yyyy-MM) or week (its Monday) of a code.</summary>
    public static string PeriodOf(string code) => code[(code.IndexOf(':') + 1)..];

    public static IReadOnlyList<HealthFinding> Of(HealthReport report) =>
        Of(report.ReviewSamples, report.Weeks, report.ValidationAccuracy, report.ValidationUnknownRate);

    public static IReadOnlyList<HealthFinding> Of(IReadOnlyList<ReviewEstimate> reviews,
        IReadOnlyList<WeekHealth> weeks, double validationAccuracy, double validationUnknownRate)
    {
        var c = CultureInfo.InvariantCulture;
        var findings = reviews.Where(r => r.P is not null).Select(r => new HealthFinding(
            $"{LiveAccuracy}:{r.Month.ToString("yyyy-MM", c)}", string.Create(c,
                $"{r.Month:yyyy-MM}: live accuracy {r.Accuracy.Value:0.#}% " +
                $"({r.Accuracy.Low:0.#}–{r.Accuracy.High:0.#}, n={r.Accuracy.N}) " +
                $"against {100 * validationAccuracy:0.#}% on validation ({P(r.P)})"), r.Alert)).ToList();
        foreach (var w in weeks)
        {
            var week = w.Week.ToString("yyyy-MM-dd", c);
            if (w.P is not null)
                findings.Add(new HealthFinding($"{UnknownShare}:{week}", string.Create(c,
                    $"week of {week} (n={w.N}): unknown share {w.UnknownShare.Value:0.#}% ({w.UnknownShare.Low:0.#}–" +
                    $"{w.UnknownShare.High:0.#}) against {100 * validationUnknownRate:0.#}% on validation ({P(w.P)})"),
                    w.UnknownShareAlert));
            if (w.ConfidenceP is not null)
                findings.Add(new HealthFinding($"{Confidence}:{week}", string.Create(c,
                    $"week of {week} (n={w.N}): confidence distribution {w.ConfidenceShift:0.###} from " +
                    $"validation's (Kolmogorov–Smirnov distance, {P(w.ConfidenceP)})"), w.ConfidenceAlert));
        }
        return findings;
    }

    private static string P(double? p) =>
        p < 0.0001 ? "p<0.0001" : string.Create(CultureInfo.InvariantCulture, $"p={p:0.####}");
}
