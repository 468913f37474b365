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
}
