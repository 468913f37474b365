using Analytics.Metrics;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Pipeline;

/// <summary>Rebuilds the daily survey cube after a batch that can change survey figures (surveys, contacts, reasons).</summary>
public sealed class CubeStep(SurveyCube cube, ILogger<CubeStep> log) : IBatchStep
{
    public async Task RunAsync(long batchId, string kind, CancellationToken ct)
    {
        if (kind == "transcripts") return;
        var took = await cube.RefreshAsync(ct);
        log.LogInformation("Survey cube rebuilt after batch {BatchId} in {Seconds:F1} s", batchId, took.TotalSeconds);
    }
}
