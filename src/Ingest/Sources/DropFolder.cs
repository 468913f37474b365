using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Analytics.Ingest.Sources;

public sealed class DropFolderOptions
{
    /// <summary>Root of the drop folder: files go into inbox/&lt;kind&gt;/ (contacts, transcripts, surveys, reasons).</summary>
    public string Inbox { get; set; } = "inbox";
    /// <summary>Mapping profile per kind for files that are not in our own layout, e.g. { "contacts": "nl-telefonie-export" }.</summary>
    public Dictionary<string, string> Profiles { get; set; } = [];
    /// <summary>A claimed file whose server died is put back after this long.</summary>
    public TimeSpan StaleClaimAfter { get; set; } = TimeSpan.FromMinutes(30);
}

public sealed record DropFolderResult(string File, string Kind, string Outcome, IngestResult? Batch);

/// <summary>
/// Drop-folder source. A server claims a file by renaming it into .claimed/ (atomic: exactly one of several
/// servers wins), skips it when a completed batch already has its content hash, ingests it, and moves it to
/// processed/ — or to rejected/ with a .reason.txt when the whole file is unusable.
/// </summary>
public sealed class DropFolder(IngestService ingest, NpgsqlDataSource db, DropFolderOptions options, ILogger<DropFolder> log)
{
    public async Task<IReadOnlyList<DropFolderResult>> ScanAsync(CancellationToken ct)
    {
        var results = new List<DropFolderResult>();
        foreach (var kind in IngestKinds.All)
        {
            var dir = Path.Combine(options.Inbox, kind);
            Directory.CreateDirectory(dir);
            RecoverStaleClaims(dir);
            // Reasons first, then contacts, then what refers to contacts: the loop order above is that order.
            foreach (var file in Directory.EnumerateFiles(dir).Where(IsCandidate).OrderBy(f => f, StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                if (await ProcessAsync(kind, file, ct) is { } r) results.Add(r);
            }
        }
        return results;
    }

    private static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
               && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".reason.txt", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<DropFolderResult?> ProcessAsync(string kind, string file, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(file)!;
        var name = Path.GetFileName(file);
        var claimed = Path.Combine(dir, ".claimed", $"{name}@{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(claimed)!);
        try
        {
            File.Move(file, claimed);
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null; // another server claimed it first
        }

        var hash = await ContentHashOfFileAsync(claimed, ct);
        if (await AlreadyLoadedAsync(kind, hash, ct))
        {
            MoveTo(claimed, dir, "processed", name);
            log.LogInformation("Skipped {Kind} file {File}: the same content was loaded before", kind, name);
            return new DropFolderResult(name, kind, "already-loaded", null);
        }

        MappingProfile? profile = options.Profiles.TryGetValue(kind, out var p) ? MappingProfile.Load(p) : null;
        IngestResult result;
        try
        {
            await using var input = new FileStream(claimed, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            result = await ingest.IngestAsync(kind, input, name, ct, profile: profile);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database or I/O failure is not the file's fault: put it back for the next scan.
            File.Move(claimed, file);
            log.LogError(e, "Ingest of {Kind} file {File} failed; it stays in the inbox", kind, name);
            return new DropFolderResult(name, kind, "retry", null);
        }
        catch (OperationCanceledException)
        {
            File.Move(claimed, file);
            throw;
        }

        if (result.State == "failed")
        {
            var target = MoveTo(claimed, dir, "rejected", name);
            await File.WriteAllTextAsync(target + ".reason.txt", $"{result.Error}\n(batch {result.BatchId}, {DateTime.UtcNow:u})\n", ct);
            return new DropFolderResult(name, kind, "rejected", result);
        }
        MoveTo(claimed, dir, "processed", name);
        return new DropFolderResult(name, kind, "processed", result);
    }

    private static string MoveTo(string claimed, string dir, string folder, string name)
    {
        var targetDir = Path.Combine(dir, folder);
        Directory.CreateDirectory(targetDir);
        var target = Path.Combine(targetDir, name);
        if (File.Exists(target)) target = Path.Combine(targetDir, $"{Path.GetFileNameWithoutExtension(name)}.{DateTime.UtcNow:yyyyMMddHHmmssfff}{Path.GetExtension(name)}");
        File.Move(claimed, target);
        return target;
    }

    private void RecoverStaleClaims(string dir)
    {
        var claims = Path.Combine(dir, ".claimed");
        if (!Directory.Exists(claims)) return;
        foreach (var claim in Directory.EnumerateFiles(claims))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(claim) < options.StaleClaimAfter) continue;
            var original = Path.GetFileName(claim);
            var at = original.LastIndexOf('@');
            var back = Path.Combine(dir, at > 0 ? original[..at] : original);
            try { File.Move(claim, back); log.LogWarning("Recovered stale claim {Claim}", claim); }
            catch (IOException) { /* another server recovered it */ }
        }
    }

    private async Task<bool> AlreadyLoadedAsync(string kind, string hash, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM ingest_batches WHERE kind = @k AND content_hash = @h AND state = 'completed')");
        cmd.Parameters.AddWithValue("k", kind);
        cmd.Parameters.AddWithValue("h", hash);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<string> ContentHashOfFileAsync(string path, CancellationToken ct)
    {
        await using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(s, ct));
    }
}
