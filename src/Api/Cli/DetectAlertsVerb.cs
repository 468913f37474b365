using System.Globalization;
using Analytics.Insights.Alerts;
using Analytics.Time;

namespace Analytics.Api.Cli;

/// <summary>The daily emerging-reason job on demand, e.g. over data that was loaded after the fact.</summary>
internal sealed class DetectAlertsVerb : ICliVerb
{
    public string Name => "detect-alerts";
    public string Usage => "detect-alerts [--from yyyy-MM-dd --to yyyy-MM-dd]   emerging-reason detection (CUSUM) over a period " +
                           "(default: the last 30 days), storing new alerts for GET /api/v1/insights/alerts";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var today = Amsterdam.Today(services.GetRequiredService<TimeProvider>());
        var to = args.GetDate("to") ?? today.AddDays(-1);
        var from = args.GetDate("from") ?? to.AddDays(-29);
        if (from > to) throw new CliUsageException("--from must not be after --to");
        var alerts = await services.GetRequiredService<EmergingReasons>().DetectAsync(new Period(from, to), ct);
        var firsts = alerts.GroupBy(a => a.ReasonCode).Select(g => $"{g.Key} from {g.Min(a => a.DetectedOn):yyyy-MM-dd}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"detect-alerts: {alerts.Count} alerts from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {string.Join(", ", firsts)}"));
        return 0;
    }
}
