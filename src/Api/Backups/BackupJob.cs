using Analytics.Backups;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Backups;

/// <summary>The scheduled backup: a dump named by its time, then the oldest beyond Backup:Keep deleted.</summary>
public sealed partial class BackupJob(IConfiguration configuration, IOptions<BackupOptions> options, TimeProvider clock,
    ILogger<BackupJob> logger)
{
    // Hangfire runs one instance at a time per server; a second server would write a second file, never a broken one.
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 60 * 60)]
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var file = Path.Combine(o.Directory, DatabaseBackup.FileName(clock.GetUtcNow().UtcDateTime));
        await DatabaseBackup.BackupAsync(ServiceRegistration.ConnectionString(configuration), file, ct);
        var pruned = DatabaseBackup.Prune(o.Directory, o.Keep);
        Log.BackedUp(logger, file, new FileInfo(file).Length, pruned.Count);
        return file;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "backup written to {File} ({Bytes} bytes); {Pruned} older backups deleted")]
        public static partial void BackedUp(ILogger logger, string file, long bytes, int pruned);
    }
}
