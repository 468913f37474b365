using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>Two real ingests in one database at once, held at chosen points by locks this test takes.</summary>
public sealed class ConcurrentIngestTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    private static string Contacts(int from, int to) =>
        "contact_id,channel,started_at,notes\n" +
        string.Concat(Enumerable.Range(from, to - from).Select(i => $"K{i},phone,2026-03-02T09:00:00+01:00,notitie {i}\n"));

    private Task<IngestResult> Ingest(string csv, string name) => Task.Run(() =>
        new IngestService(_db.DataSource, NullLogger<IngestService>.Instance).IngestAsync("contacts", Fixtures.Stream(csv), name, default));

    /// <summary>Waits until a session of this test's database waits for a lock of the given type (on the given table).</summary>
    private async Task WaitForLockWaitAsync(string lockType, string? table = null)
    {
        var sql = $"""
            SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND a.datname = current_database() AND l.locktype = '{lockType}'
              {(table is null ? "" : $"AND l.relation = '{table}'::regclass")}
            """;
        for (var i = 0; i < 600; i++)
        {
            if (await _db.ScalarAsync(sql) > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no session started waiting for a {lockType} lock");
    }

    [Fact]
    public async Task TwoUploadsWithOverlappingNewKeysBothLandAndEachKeyIsInsertedOnce()
    {
        // Batch A is held after inserting its contacts (before it links surveys) by a lock on survey_responses, so
        // batch B inserts the same new keys while A has not committed.
        await using var holder = await _db.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("LOCK TABLE survey_responses IN SHARE MODE", holder, hold)) await cmd.ExecuteNonQueryAsync();

        var a = Ingest(Contacts(0, 100), "a.csv");
        await WaitForLockWaitAsync("relation", "survey_responses");
        var b = Ingest(Contacts(50, 150), "b.csv");
        await WaitForLockWaitAsync("transactionid");
        await hold.CommitAsync();
        var results = await Task.WhenAll(a, b);

        Assert.All(results, r => Assert.Equal("completed", r.State));
        Assert.Equal((100, 0, 0), (results[0].Loaded, results[0].Duplicates, results[0].Updated));
        // The keys A inserted first are, for B, what they would be had B come after A: duplicates (same content).
        Assert.Equal((50, 50, 0), (results[1].Loaded, results[1].Duplicates, results[1].Updated));
        Assert.Equal(150, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
        Assert.Equal(50, await _db.ScalarAsync(
            "SELECT count(*) FROM contacts c JOIN ingest_batches b ON b.id = c.batch_id WHERE b.source_file = 'b.csv'"));
    }
}
