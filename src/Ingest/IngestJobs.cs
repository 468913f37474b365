using Analytics.Ingest.Sources;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest;

/// <summary>Hangfire entry points for ingestion sources; each is safe to run on several servers at once.</summary>
public sealed class IngestJobs(DropFolder dropFolder, IServiceProvider services, ILogger<IngestJobs> log)
{
    public async Task FollowUpAsync(long batchId, string kind, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Pipeline.BatchFollowUps>().RunAsync(batchId, kind, ct);
    }

    /// <summary>The web host's follow-up: a job per batch, so an upload answers as soon as its rows are in.</summary>
    public sealed class Enqueue(IBackgroundJobClient jobs) : Pipeline.IBatchFollowUp
    {
        public Task BatchCompletedAsync(Pipeline.IngestResult batch, CancellationToken ct)
        {
            if (batch.State == "completed") jobs.Enqueue<IngestJobs>(j => j.FollowUpAsync(batch.BatchId, batch.Kind, CancellationToken.None));
            return Task.CompletedTask;
        }
    }

    /// <summary>One pull run; Hangfire's DisableConcurrentExecution keeps two servers from pulling the same pages at once.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task PullSurveyApiAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SurveyApiSource>().PullAsync(ct);
    }

    public async Task ScanDropFolderAsync(CancellationToken ct)
    {
        var results = await dropFolder.ScanAsync(ct);
        if (results.Count > 0)
            log.LogInformation("Drop folder: {Processed} processed, {Rejected} rejected, {Skipped} already loaded",
                results.Count(r => r.Outcome == "processed"), results.Count(r => r.Outcome == "rejected"), results.Count(r => r.Outcome == "already-loaded"));
    }
}
