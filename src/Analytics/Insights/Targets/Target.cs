using Analytics.Metrics;
using Analytics.Time;

namespace Analytics.Insights.Targets;

/// <summary>"From NPS −10 to +20 by Q3" for a team or (Team null) the whole centre.</summary>
public sealed class Target
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Metric { get; set; }
    public string? Team { get; set; }
    public DateOnly StartDate { get; set; }
    public double StartValue { get; set; }
    public DateOnly DueDate { get; set; }
    public double TargetValue { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public sealed record TargetPoint(string Month, int N, double Value);

/// <summary>Where a target stands: current value, share of the way done, trend per month and the date it would be met at that trend.</summary>
public sealed record TargetProgress(Target Target, DateOnly AsOf, double? Current, int CurrentN, double? ProgressPercent,
    double? TrendPerMonth, DateOnly? ExpectedDate, bool OnTrack, IReadOnlyList<TargetPoint> Months);

public sealed class TargetTracker(SurveyMetrics metrics)
{
    /// <summary>
    /// Current = the last 30 days up to <paramref name="asOf"/>; trend = least-squares slope of the monthly values since the
    /// start, each month weighted by its number of responses (a month with 12 surveys should not swing the line).
    /// <paramref name="publish"/> is given for roles that see published figures only: then current is the last four whole
    /// weeks up to asOf, the trend takes whole months only, and each figure is as <paramref name="publish"/> gives it
    /// (null: suppressed), so no window ends on an arbitrary day.
    /// </summary>
    public async Task<TargetProgress> ProgressAsync(Target t, DateOnly asOf, CancellationToken ct,
        Func<SurveyFigure, Period, SurveyFigure?>? publish = null)
    {
        var (window, span) = publish is null ? (new Period(asOf.AddDays(-29), asOf), new Period(t.StartDate, asOf)) : Whole(t, asOf);
        var shown = publish ?? ((f, _) => f);
        var recent = (await metrics.QueryAsync(t.Metric, "none", new SurveyFilter(window, t.Team), ct)).FirstOrDefault() is { } r
            ? shown(r, window) : null;
        var months = span.From > span.To ? []
            : (await metrics.QueryAsync(t.Metric, "month", new SurveyFilter(span, t.Team), ct))
            .Where(m => m.N > 0).Select(m => shown(m, Month(m.Group))).OfType<SurveyFigure>()
            .Select(m => new TargetPoint(m.Group, m.N, m.Score.Value)).ToList();
        double? current = recent is { N: > 0 } ? recent.Score.Value : null;
        double? progress = current is { } c && t.TargetValue != t.StartValue ? 100 * (c - t.StartValue) / (t.TargetValue - t.StartValue) : null;
        var slope = Slope(months);
        DateOnly? expected = null;
        if (current is { } now && slope is { } s)
        {
            var gap = t.TargetValue - now;
            if (Math.Abs(gap) < 1e-9 || Math.Sign(gap) != Math.Sign(t.TargetValue - t.StartValue)) expected = asOf; // already there
            // A trend that needs more than a century has no expected date (and would overflow the calendar).
            else if (Math.Sign(s) == Math.Sign(gap) && gap / s * 30.44 is < 36_525 and var days)
                expected = asOf.AddDays((int)Math.Ceiling(days));
        }
        var onTrack = expected is { } e && e <= t.DueDate;
        return new TargetProgress(t, asOf, current, recent?.N ?? 0, progress, slope, expected, onTrack, months);
    }

    /// <summary>The last four whole ISO weeks up to asOf, and the whole months from the start up to asOf.</summary>
    private static (Period Current, Period Months) Whole(Target t, DateOnly asOf)
    {
        var sunday = asOf.AddDays(-(int)asOf.DayOfWeek);
        var first = new DateOnly(t.StartDate.Year, t.StartDate.Month, 1);
        if (first < t.StartDate) first = first.AddMonths(1);
        var last = asOf.AddDays(1).Day == 1 ? asOf : new DateOnly(asOf.Year, asOf.Month, 1).AddDays(-1);
        return (new Period(sunday.AddDays(-27), sunday), new Period(first, last));
    }

    private static Period Month(string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new Period(first, first.AddMonths(1).AddDays(-1));
    }

    internal static double? Slope(IReadOnlyList<TargetPoint> months)
    {
        if (months.Count < 2) return null;
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < months.Count; i++)
        {
            double w = months[i].N, x = i, y = months[i].Value;
            sw += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y;
        }
        var denominator = sw * sxx - sx * sx;
        return Math.Abs(denominator) < 1e-12 ? null : (sw * sxy - sx * sy) / denominator;
    }
}
