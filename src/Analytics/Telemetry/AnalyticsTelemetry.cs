using System.Diagnostics.Metrics;

namespace Analytics.Telemetry;

/// <summary>
/// Our own instruments, on one meter the host exports (Prometheus at /metrics). Static, like the runtime's meters: the
/// CLI verbs record into it too and nothing listens there, which costs nothing.
/// </summary>
public static class AnalyticsTelemetry
{
    public const string MeterName = "Analytics";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Rows = Meter.CreateCounter<long>("analytics.ingest.rows", "{row}",
        "Rows of ingested files by kind and outcome (loaded, duplicate, updated, quarantined).");
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("analytics.ingest.batch.duration",
        "s", "Time to load one file, by kind and state (completed, failed).");
    private static readonly Counter<long> JobFailures = Meter.CreateCounter<long>("analytics.jobs.failures", "{failure}",
        "Background job runs that failed, by job.");
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("analytics.reports.deliveries",
        "{delivery}", "Report e-mails by outcome (delivered, failed).");

    public static void BatchFinished(string kind, string state, TimeSpan duration, int loaded = 0, int duplicates = 0,
        int updated = 0, int quarantined = 0)
    {
        var k = new KeyValuePair<string, object?>("kind", kind);
        BatchDuration.Record(duration.TotalSeconds, k, new("state", state));
        if (loaded > 0) Rows.Add(loaded, k, new("outcome", "loaded"));
        if (duplicates > 0) Rows.Add(duplicates, k, new("outcome", "duplicate"));
        if (updated > 0) Rows.Add(updated, k, new("outcome", "updated"));
        if (quarantined > 0) Rows.Add(quarantined, k, new("outcome", "quarantined"));
    }

    public static void JobFailed(string job) => JobFailures.Add(1, new KeyValuePair<string, object?>("job", job));

    public static void ReportDelivery(bool delivered) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", delivered ? "delivered" : "failed"));
}
