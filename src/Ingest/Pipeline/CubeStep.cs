using Analytics.Insights.Rollups;
using Analytics.Metrics;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// Rebuilds the derived tables after a batch: the daily survey cube when the batch can change survey figures (surveys,
/// contacts, reasons), the insight rollups after any batch (transcripts feed the behaviour drivers).
/// </summary>
public sealed class CubeStep(SurveyCube cube, InsightRollups rollups, ILogger<CubeStep> log) : IBatchStep
{
    public async Task RunAsync(long batchId, string kind, CancellationToken ct)
    {
        if (kind != "transcripts")
        {
            var took = await cube.RefreshAsync(ct);
            log.LogInformation("Survey cube rebuilt after batch {BatchId} in {Seconds:F1} s", batchId, took.TotalSeconds);
        }
        var rolled = await rollups.RefreshAsync(ct);
        log.LogInformation("Insight rollups rebuilt after batch {BatchId} in {Seconds:F1} s", batchId, rolled.TotalSeconds);
    }
}
