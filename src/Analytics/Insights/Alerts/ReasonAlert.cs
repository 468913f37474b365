namespace Analytics.Insights.Alerts;

/// <summary>
/// A stored CUSUM alarm (table reason_alerts, written by <see cref="EmergingReasons"/>). A CUSUM alarm: on <see cref="DetectedOn"/> the daily count of a reason rose beyond what its baseline explains.</summary>
public sealed class ReasonAlert
{
    public long Id { get; set; }
    public int ReasonId { get; set; }
    public required string ReasonCode { get; set; }
    /// <summary>Local (Europe/Amsterdam) working day of the alarm.</summary>
    public DateOnly DetectedOn { get; set; }
    public double BaselineMean { get; set; }
    /// <summary>Count on the alarm day.</summary>
    public int Count { get; set; }
    /// <summary>Mean daily count over the days since the CUSUM last stood at zero: the level that set it off.</summary>
    public double RecentMean { get; set; }
    public double Cusum { get; set; }
    public double Threshold { get; set; }
    public double TargetRunLength { get; set; }
    public DateTime CreatedUtc { get; set; }
}
