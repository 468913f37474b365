using System.Diagnostics;
using Npgsql;

namespace Analytics.Backups;

/// <summary>
/// Backups are PostgreSQL custom-format dumps (pg_dump -Fc) of the whole database: data, models (the registry keeps
/// their artifacts), the cell-key secret, API key hashes, report definitions and runs, Hangfire's jobs. Report PDFs are
/// not in it: they are rendered again from the data (docs/decisions/019-database-roles-and-backups.md).
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Writes a dump of the database <paramref name="connectionString"/> names to <paramref name="file"/>, whole or not at all.</summary>
    public static async Task BackupAsync(string connectionString, string file, CancellationToken ct)
    {
        var full = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // pg_dump writes as it goes: a half-written file never carries the real name.
        var part = full + ".part";
        try
        {
            await RunAsync("pg_dump", connectionString, ["-Fc", "-f", part], ct);
            File.Move(part, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }

    /// <summary>Restores a dump into the (empty) database <paramref name="connectionString"/> names, in one transaction.</summary>
    public static async Task RestoreAsync(string connectionString, string file, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new BackupException($"{file} does not exist");
        var tables = await CountRelationsAsync(connectionString, ct);
        if (tables > 0)
            throw new BackupException(
                $"the database '{new NpgsqlConnectionStringBuilder(connectionString).Database}' is not empty ({tables} tables, " +
                "views or sequences): restore only goes into an empty database, so create a new one and point ANALYTICS_DB at it");
        await RunAsync("pg_restore", connectionString,
            ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", Path.GetFullPath(file)], ct);
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> dumps named <c>analytics-*.dump</c> in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Prune(string directory, int keep)
    {
        var old = Directory.GetFiles(directory, "analytics-*.dump")
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal).Skip(keep).ToList();
        foreach (var f in old) File.Delete(f);
        return old;
    }

    /// <summary>A file name that sorts by time: analytics-20260601T030000Z.dump.</summary>
    public static string FileName(DateTime utc) => $"analytics-{utc:yyyyMMdd'T'HHmmss'Z'}.dump";

    private static async Task<long> CountRelationsAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
            """, conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task RunAsync(string tool, string connectionString, IEnumerable<string> args, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(ToolPath(tool)) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(cs.Database ?? throw new BackupException("the connection string names no database"));
        // The password goes through the environment, never the command line (which `ps` shows to every user).
        start.Environment["PGHOST"] = cs.Host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = cs.Username;
        start.Environment["PGPASSWORD"] = cs.Password ?? "";
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} did not start");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed with exit code {process.ExitCode}: {(await errors).Trim()}");
    }

    /// <summary>
    /// The tool of the newest PostgreSQL under /usr/lib/postgresql (as the front door picks), or ANALYTICS_PG_BIN's: a
    /// pg_dump older than the server refuses to dump it.
    /// </summary>
    public static string ToolPath(string tool)
    {
        if (Environment.GetEnvironmentVariable("ANALYTICS_PG_BIN") is { Length: > 0 } bin) return Path.Combine(bin, tool);
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? tool;
    }
}

/// <summary>A backup or restore that cannot go on, said in one sentence.</summary>
public sealed class BackupException(string message) : Exception(message);
