using Analytics.Insights.Alerts;
using Analytics.Time;

namespace Analytics.Api.Insights;

/// <summary>Daily: the emerging-reason CUSUM over the last 30 days, storing new alerts (stored once per reason and day).</summary>
internal sealed class InsightsJobs(EmergingReasons alerts, TimeProvider clock)
{
    public async Task DetectEmergingReasonsAsync(CancellationToken ct)
    {
        var today = Amsterdam.Today(clock);
        await alerts.DetectAsync(new Period(today.AddDays(-30), today.AddDays(-1)), ct);
    }
}
