using Analytics.FollowUps;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Pipeline;

/// <summary>After a batch of contacts or surveys: every new detractor and repeat caller becomes a follow-up task.</summary>
public sealed class FollowUpStep(FollowUpTasks tasks, ILogger<FollowUpStep> log) : IBatchStep
{
    public async Task RunAsync(long batchId, string kind, CancellationToken ct)
    {
        if (kind is not ("contacts" or "surveys")) return;
        var written = await tasks.CreateForBatchAsync(batchId, ct);
        log.LogInformation("Follow-up tasks after batch {BatchId}: {Written} created or routed", batchId, written);
    }
}
