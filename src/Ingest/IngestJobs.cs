using Analytics.Ingest.Sources;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest;

/// <summary>Hangfire entry points for ingestion sources; each is safe to run on several servers at once.</summary>
public sealed class IngestJobs(DropFolder dropFolder, ILogger<IngestJobs> log)
{
    public async Task ScanDropFolderAsync(CancellationToken ct)
    {
        var results = await dropFolder.ScanAsync(ct);
        if (results.Count > 0)
            log.LogInformation("Drop folder: {Processed} processed, {Rejected} rejected, {Skipped} already loaded",
                results.Count(r => r.Outcome == "processed"), results.Count(r => r.Outcome == "rejected"), results.Count(r => r.Outcome == "already-loaded"));
    }
}
