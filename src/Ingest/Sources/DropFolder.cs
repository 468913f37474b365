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
/// processed/ — or to rejected/ with a .reason.txt when the whole file is unusable or is a symbolic link.
/// One scan runs at a time (a PostgreSQL advisory lock), so a claim is only taken back from a scan that died.
/// </summary>
public sealed class DropFolder(IngestService ingest, NpgsqlDataSource db, DropFolderOptions options, ILogger<DropFolder> log)
{
    public async Task<IReadOnlyList<DropFolderResult>> ScanAsync(CancellationToken ct)
    {
        var results = new List<DropFolderResult>();
        // One scan at a time over all servers: a scan that outlasts the minute must not meet the next one (which would
        // take its claims for stale). A session lock on its own connection, so it goes with the process if that dies.
        await using var guard = await db.OpenConnectionAsync(ct);
        if (!await ScanLockAsync(guard, "pg_try_advisory_lock", ct))
        {
            log.LogInformation("Drop folder: another scan is still running; this one takes nothing");
            return results;
        }
        try
        {
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
        }
        finally
        {
            await ScanLockAsync(guard, "pg_advisory_unlock", CancellationToken.None);
        }
        return results;
    }

    /// <summary>The two-key form: a lock space apart from the batch locks, which use one bigint (the batch id).</summary>
    private static async Task<bool> ScanLockAsync(NpgsqlConnection conn, string function, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {function}(20260316, 1)", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
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
        // The claim's time is in its name: a rename keeps the file's modification time, which says nothing about the claim.
        var claimed = Path.Combine(dir, ".claimed",
            $"{name}@{DateTime.UtcNow.Ticks}-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(claimed)!);
        try
        {
            File.Move(file, claimed);
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null; // another server claimed it first
        }
        // A rename moves a link, not its target: checked here, the link is never followed (a link to a server file
        // would put that file's lines into the quarantine).
        if (new FileInfo(claimed).LinkTarget is not null)
        {
            var rejected = MoveTo(claimed, dir, "rejected", name);
            await File.WriteAllTextAsync(rejected + ".reason.txt",
                $"a symbolic link, not a file: links are never followed ({DateTime.UtcNow:u})\n", ct);
            log.LogWarning("Rejected {Kind} drop {File}: a symbolic link", kind, name);
            return new DropFolderResult(name, kind, "rejected", null);
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
            MoveBack(claimed, dir, name);
            log.LogError(e, "Ingest of {Kind} file {File} failed; it stays in the inbox", kind, name);
            return new DropFolderResult(name, kind, "retry", null);
        }
        catch (OperationCanceledException)
        {
            MoveBack(claimed, dir, name);
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
        return MoveBack(claimed, targetDir, name);
    }

    /// <summary>
    /// Moves a claimed file to <paramref name="name"/> in <paramref name="dir"/>, or beside it under a timestamped name
    /// when a file of that name was dropped meanwhile: neither may be lost or left in .claimed.
    /// </summary>
    private static string MoveBack(string claimed, string dir, string name)
    {
        var target = Path.Combine(dir, name);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                File.Move(claimed, target);
                return target;
            }
            catch (IOException) when (File.Exists(target) && attempt < 5)
            {
                target = Path.Combine(dir,
                    $"{Path.GetFileNameWithoutExtension(name)}.{DateTime.UtcNow:yyyyMMddHHmmssfff}-{attempt}{Path.GetExtension(name)}");
            }
        }
    }

    private void RecoverStaleClaims(string dir)
    {
        var claims = Path.Combine(dir, ".claimed");
        if (!Directory.Exists(claims)) return;
        foreach (var claim in Directory.EnumerateFiles(claims))
        {
            var claimName = Path.GetFileName(claim);
            var at = claimName.LastIndexOf('@');
            if (DateTime.UtcNow - ClaimedAt(claim, at < 0 ? "" : claimName[(at + 1)..]) < options.StaleClaimAfter) continue;
            try
            {
                var back = MoveBack(claim, dir, at > 0 ? claimName[..at] : claimName);
                log.LogWarning("Recovered stale claim {Claim} as {File}", claim, back);
            }
            catch (FileNotFoundException) { /* another server recovered it */ }
        }
    }

    /// <summary>The time in the claim's name ("ticks-host-pid-guid"); claims from before that carry none.</summary>
    private static DateTime ClaimedAt(string claim, string suffix)
    {
        var dash = suffix.IndexOf('-');
        return dash > 0 && long.TryParse(suffix[..dash], out var ticks) && ticks > 0 && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : File.GetLastWriteTimeUtc(claim);
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
