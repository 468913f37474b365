using Analytics.Search;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Analytics.Ingest.Pipeline;

/// <summary>What runs after a batch commits. The web host queues it as a job; the CLI runs it inline after the load.</summary>
public interface IBatchFollowUp
{
    Task BatchCompletedAsync(IngestResult batch, CancellationToken ct);
}

/// <summary>
/// Work that depends on a batch but must not slow the load: the search index, model scoring, aggregates.
/// Each step is idempotent, so a retried or repeated follow-up changes nothing.
/// </summary>
public sealed class BatchFollowUps(SearchIndexer search, NpgsqlDataSource db, IEnumerable<IBatchStep> steps, ILogger<BatchFollowUps> log)
{
    public async Task RunAsync(long batchId, string kind, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var indexed = await search.IndexBatchAsync(batchId, kind, ct);
        foreach (var step in steps) await step.RunAsync(batchId, kind, ct);
        await using var cmd = db.CreateCommand("UPDATE ingest_batches SET follow_up_utc = now() WHERE id = @id");
        cmd.Parameters.AddWithValue("id", batchId);
        await cmd.ExecuteNonQueryAsync(ct);
        log.LogInformation("Follow-ups of batch {BatchId} done in {Seconds:F1} s ({Indexed} contacts indexed for search)", batchId, clock.Elapsed.TotalSeconds, indexed);
    }
}

/// <summary>A follow-up step contributed by another feature (scoring, aggregates).</summary>
public interface IBatchStep
{
    Task RunAsync(long batchId, string kind, CancellationToken ct);
}
