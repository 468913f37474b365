using Analytics.Ingest.Pipeline;
using Analytics.Ingest.Sources;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

public sealed class DropFolderTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly string _inbox = Path.Combine(Path.GetTempPath(), "analytics-inbox-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_inbox)) Directory.Delete(_inbox, recursive: true);
    }

    private DropFolder NewServer() => new(new IngestService(_db.DataSource, NullLogger<IngestService>.Instance), _db.DataSource,
        new DropFolderOptions { Inbox = _inbox }, NullLogger<DropFolder>.Instance);

    private static string ContactsFile(int from, int count)
    {
        var lines = new List<string> { "contact_id,channel,started_at,notes" };
        for (var i = from; i < from + count; i++) lines.Add($"F{i},phone,2026-03-02T09:00:00+01:00,notitie {i}");
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public async Task FilesAreProcessedOnceMovedAndAnUnusableFileIsRejectedWithAReason()
    {
        Directory.CreateDirectory(Path.Combine(_inbox, "contacts"));
        await File.WriteAllTextAsync(Path.Combine(_inbox, "contacts", "a.csv"), ContactsFile(0, 10));
        await File.WriteAllTextAsync(Path.Combine(_inbox, "contacts", "b.csv"), "wat,is,dit\n1,2,3\n");
        await File.WriteAllTextAsync(Path.Combine(_inbox, "contacts", "upload.csv.part"), ContactsFile(100, 5));

        var results = await NewServer().ScanAsync(default);

        Assert.Equal(["a.csv:processed", "b.csv:rejected"], results.Select(r => $"{r.File}:{r.Outcome}").Order());
        Assert.True(File.Exists(Path.Combine(_inbox, "contacts", "processed", "a.csv")));
        Assert.Contains("missing column(s) contact_id", await File.ReadAllTextAsync(Path.Combine(_inbox, "contacts", "rejected", "b.csv.reason.txt")));
        Assert.True(File.Exists(Path.Combine(_inbox, "contacts", "upload.csv.part")), "a file still being written is left alone");
        Assert.Equal(10, await _db.ScalarAsync("SELECT count(*) FROM contacts"));

        // The same content dropped again under another name is recognised and not loaded twice.
        await File.WriteAllTextAsync(Path.Combine(_inbox, "contacts", "a-again.csv"), ContactsFile(0, 10));
        var second = await NewServer().ScanAsync(default);
        Assert.Equal("already-loaded", Assert.Single(second).Outcome);
        Assert.Equal(2, await _db.ScalarAsync("SELECT count(*) FROM ingest_batches"));
    }

    [Fact]
    public async Task TwoServersScanningAtOnceNeverProcessAFileTwice()
    {
        Directory.CreateDirectory(Path.Combine(_inbox, "contacts"));
        for (var f = 0; f < 12; f++)
            await File.WriteAllTextAsync(Path.Combine(_inbox, "contacts", $"part-{f:00}.csv"), ContactsFile(f * 1000, 500));

        var a = NewServer();
        var b = NewServer();
        var results = (await Task.WhenAll(Task.Run(() => a.ScanAsync(default)), Task.Run(() => b.ScanAsync(default)))).SelectMany(r => r).ToList();

        Assert.Equal(12, results.Count);
        Assert.Equal(12, results.Select(r => r.File).Distinct().Count());
        Assert.Equal(12, await _db.ScalarAsync("SELECT count(*) FROM ingest_batches"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT coalesce(sum(duplicates), 0) FROM ingest_batches"));
        Assert.Equal(6000, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
        Assert.Equal(12, Directory.GetFiles(Path.Combine(_inbox, "contacts", "processed")).Length);
    }

    /// <summary>Holds every contacts load at its merge until the returned transaction ends.</summary>
    private async Task<(Npgsql.NpgsqlConnection, Npgsql.NpgsqlTransaction)> HoldContactsAsync()
    {
        var conn = await _db.DataSource.OpenConnectionAsync();
        var tx = await conn.BeginTransactionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE", conn, tx);
        await cmd.ExecuteNonQueryAsync();
        return (conn, tx);
    }

    private async Task WaitForContactsLockWaitAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (await _db.ScalarAsync("""
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.datname = current_database() AND l.relation = 'contacts'::regclass
                """) > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("the ingest never reached its merge");
    }

    [Fact]
    public async Task AnOldFileIsNotTakenBackFromAnIngestStillRunningAndAnOverlappingScanTakesNothing()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_inbox, "contacts")).FullName;
        var file = Path.Combine(dir, "old.csv");
        await File.WriteAllTextAsync(file, ContactsFile(0, 100));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2)); // a rename keeps this: it says nothing about the claim

        var (conn, hold) = await HoldContactsAsync();
        var first = Task.Run(() => NewServer().ScanAsync(default));
        await WaitForContactsLockWaitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var overlapping = await NewServer().ScanAsync(patience.Token);
        Assert.Empty(overlapping);
        Assert.False(File.Exists(file), "the claimed file must not be put back while it is being loaded");

        await hold.CommitAsync();
        await conn.DisposeAsync();
        Assert.Equal("old.csv:processed", Assert.Single((await first).Select(r => $"{r.File}:{r.Outcome}")));
        Assert.Equal(100, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM ingest_batches"));
    }

    [Fact]
    public async Task AFileDroppedAgainUnderTheSameNameWhileTheFirstIsClaimedKeepsBoth()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_inbox, "contacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "a.csv"), ContactsFile(0, 100));
        var (conn, hold) = await HoldContactsAsync();
        var first = Task.Run(() => NewServer().ScanAsync(default));
        await WaitForContactsLockWaitAsync();
        await File.WriteAllTextAsync(Path.Combine(dir, "a.csv"), ContactsFile(200, 10));
        // The first load loses its connection (not the file's fault): its file goes back to the inbox, next to the new one.
        await _db.ExecAsync("""
            SELECT pg_terminate_backend(a.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND a.datname = current_database() AND l.relation = 'contacts'::regclass
            """);
        Assert.Equal("a.csv:retry", Assert.Single((await first).Select(r => $"{r.File}:{r.Outcome}")));
        await hold.CommitAsync();
        await conn.DisposeAsync();

        Assert.Equal(2, Directory.GetFiles(dir).Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, ".claimed")));
        var second = await NewServer().ScanAsync(default);
        Assert.Equal(["processed", "processed"], second.Select(r => r.Outcome));
        Assert.Equal(110, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
    }

    [Fact]
    public async Task ASymbolicLinkIsRejectedWithoutReadingItsTarget()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_inbox, "contacts")).FullName;
        var target = Path.Combine(_inbox, "server-file.csv");
        await File.WriteAllTextAsync(target, ContactsFile(0, 10));
        File.CreateSymbolicLink(Path.Combine(dir, "link.csv"), target);

        var results = await NewServer().ScanAsync(default);

        Assert.Equal("link.csv:rejected", Assert.Single(results.Select(r => $"{r.File}:{r.Outcome}")));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM ingest_batches"));
        Assert.Contains("symbolic link", await File.ReadAllTextAsync(Path.Combine(dir, "rejected", "link.csv.reason.txt")));
        Assert.NotNull(new FileInfo(Path.Combine(dir, "rejected", "link.csv")).LinkTarget);
        Assert.Equal(ContactsFile(0, 10), await File.ReadAllTextAsync(target));
    }
}
