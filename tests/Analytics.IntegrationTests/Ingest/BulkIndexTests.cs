using System.Diagnostics;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>A big load into a small contacts table drops its secondary indexes and builds them again afterwards.</summary>
public sealed class BulkIndexTests : IAsyncLifetime
{
    private const int Rows = 120_000;
    private readonly TestDatabase _empty = new();
    private readonly TestDatabase _busy = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"analytics-bulk-{Guid.NewGuid():N}.csv");

    /// <summary>Indexes of contacts and customers, and the primary and foreign keys that involve them.</summary>
    private const string Indexes = """
        SELECT concat((SELECT string_agg(indexname || ':' || indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE tablename IN ('contacts', 'customers')),
            E'\n', (SELECT string_agg(conrelid::regclass || '.' || conname || ' ' || pg_get_constraintdef(oid) || ' validated=' || convalidated, E'\n' ORDER BY conrelid::regclass::text, conname)
                    FROM pg_constraint WHERE contype IN ('p', 'f')
                      AND (conrelid IN ('contacts'::regclass, 'customers'::regclass) OR confrelid IN ('contacts'::regclass, 'customers'::regclass))))
        """;
    private const string Fingerprint = """
        SELECT md5(string_agg(c.source_id || '|' || c.channel || '|' || c.started_utc || '|' || coalesce(c.notes, '') || '|' || c.content_hash
            || '|' || coalesce(a.code, '') || '|' || coalesce(cu.key, '') || '|' || coalesce(sr.source_id, ''), ',' ORDER BY c.source_id))
        FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN customers cu ON cu.id = c.customer_id
        LEFT JOIN survey_responses sr ON sr.contact_id = c.id
        WHERE c.source = 'main'
        """;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_empty.InitializeAsync(), _busy.InitializeAsync());
        await using var w = new StreamWriter(_file);
        await w.WriteLineAsync("contact_id,channel,started_at,wait_s,talk_s,agent_id,customer_key,notes");
        for (var i = 0; i < Rows; i++)
            await w.WriteLineAsync($"C{i},{(i % 3 == 0 ? "chat" : "phone")},2026-03-{1 + i % 28:00}T09:{i % 60:00}:00+01:00,{i % 300},{i % 900},A{i % 7},K{i % 5000},notitie {i}");
        // An in-file repeat (last line wins), a changed repeat and a bad line: the same counts on both paths.
        await w.WriteLineAsync("C5,phone,2026-03-06T09:05:00+01:00,5,5,A5,K5,notitie 5");
        await w.WriteLineAsync("C6,chat,2026-03-07T09:06:00+01:00,6,6,A6,K6,andere notitie");
        await w.WriteLineAsync("C-bad,fax,2026-03-07T09:06:00+01:00,6,6,A6,K6,kapot");
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await Task.WhenAll(_empty.DisposeAsync(), _busy.DisposeAsync());
    }

    [Fact]
    public async Task ABigLoadIntoAnEmptyTableGivesTheSameRowsCountsAndIndexesAsALoadThatKeepsTheIndexes()
    {
        // _busy holds as many contacts of another source as the file has rows: too big to drop its indexes.
        await _busy.AddOtherSourceContactsAsync(Rows);
        // A survey that arrived before its contact is linked on both paths.
        foreach (var db in new[] { _empty, _busy })
            await db.ExecAsync("INSERT INTO survey_responses (source, source_id, type, score, responded_utc, contact_ref, content_hash) VALUES ('main', 'S1', 'nps', 9, now(), 'C42', 1)");
        var indexesBefore = await _empty.TextAsync(Indexes);

        // The file repeats keys: the copy straight into contacts is tried first, then rolled back for the stage.
        var bulkLog = new ListLogger<IngestService>();
        var bulk = await new IngestService(_empty.DataSource, bulkLog).IngestFileAsync("contacts", _file, default);
        Assert.Contains(bulkLog.Messages, m => m.Contains("straight into", StringComparison.Ordinal));
        Assert.Contains(bulkLog.Messages, m => m.Contains("through the staging table instead", StringComparison.Ordinal));
        var kept = await new IngestService(_busy.DataSource, NullLogger<IngestService>.Instance).IngestFileAsync("contacts", _file, default);

        Assert.Equal((Rows + 3, Rows, 1, 1, 1), (bulk.RowsRead, bulk.Loaded, bulk.Duplicates, bulk.Updated, bulk.Quarantined));
        Assert.Equal((kept.RowsRead, kept.Loaded, kept.Duplicates, kept.Updated, kept.Quarantined),
            (bulk.RowsRead, bulk.Loaded, bulk.Duplicates, bulk.Updated, bulk.Quarantined));
        Assert.Equal(await _busy.TextAsync(Fingerprint), await _empty.TextAsync(Fingerprint));
        Assert.Equal(indexesBefore, await _empty.TextAsync(Indexes));
        Assert.Equal(await _busy.TextAsync(Indexes), await _empty.TextAsync(Indexes));
        // The rebuilt unique index still guards the natural key: the same file again adds nothing.
        var again = await new IngestService(_empty.DataSource, NullLogger<IngestService>.Instance).IngestFileAsync("contacts", _file, default);
        Assert.Equal((0, Rows + 1), (again.Loaded, again.Duplicates));
    }

    [Fact]
    public async Task KillingTheWorkerWhileTheIndexesAreDroppedLeavesThemInPlace()
    {
        var indexesBefore = await _empty.TextAsync(Indexes);
        var host = Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll");
        var start = new ProcessStartInfo("dotnet", [host, "ingest", "contacts", _file, "--no-follow-up"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ANALYTICS_DB"] = _empty.ConnectionString;
        using (var worker = Process.Start(start)!)
        {
            // The ACCESS EXCLUSIVE lock on contacts is taken just before the indexes are dropped and held until the end.
            const string exclusive = "SELECT count(*) FROM pg_locks WHERE relation = 'contacts'::regclass AND mode = 'AccessExclusiveLock' AND granted";
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (await _empty.ScalarAsync(exclusive) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !worker.HasExited, "the worker never locked contacts to drop its indexes");
                await Task.Delay(5);
            }
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
        // The server rolls the transaction back once it notices the client is gone.
        var gone = DateTime.UtcNow.AddSeconds(60);
        while (await _empty.ScalarAsync("SELECT count(*) FROM pg_locks WHERE relation = 'contacts'::regclass AND mode = 'AccessExclusiveLock'") > 0)
        {
            Assert.True(DateTime.UtcNow < gone, "the killed worker's transaction never ended");
            await Task.Delay(50);
        }

        Assert.Equal(indexesBefore, await _empty.TextAsync(Indexes));
        Assert.Equal(0, await _empty.ScalarAsync("SELECT count(*) FROM contacts"));
    }
}
