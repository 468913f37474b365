using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Analytics.Access;
using Npgsql;

namespace Analytics.Api.Access;

/// <summary>
/// Writes audit rows of concurrent requests together: one INSERT of every row waiting and one commit (one WAL flush)
/// per batch instead of one each (docs/decisions/030-tails-under-load.md). A caller's task completes when its batch has
/// committed, so a request that awaits it answers only after its row is durable; nothing is lost in a crash that the
/// answer did not wait for. One writer: while a batch commits, the next one gathers, so no timer delays a quiet server.
/// </summary>
internal sealed class AuditWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 500;

    private const string InsertSql = """
        INSERT INTO audit_log (at_utc, api_key_id, role, method, path, query, status, detail)
        SELECT * FROM unnest(@at, @key, @role, @method, @path, @query, @status, @detail)
        """;

    private static readonly Meter Meter = new(Analytics.Telemetry.AnalyticsTelemetry.MeterName);
    private static readonly Histogram<int> BatchRows = Meter.CreateHistogram<int>("analytics.audit.batch.rows", "{row}",
        "Audit rows per commit: its count is the commits, its sum the rows.");

    private readonly NpgsqlDataSource _db;
    private readonly Channel<Pending> _queue =
        Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _commits;

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Done);

    public AuditWriter(NpgsqlDataSource db)
    {
        _db = db;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Batches committed by this writer (tests read it to see that rows were written together).</summary>
    public long CommitCount => Interlocked.Read(ref _commits);

    /// <summary>Completes once the row is committed; faults with the database's error if it could not be.</summary>
    public Task WriteAsync(AuditEntry entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        // After shutdown began, a late request writes its own row rather than lose it.
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : InsertAsync([pending]);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await InsertAsync(batch);
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One row the database refuses must not fail its neighbours' requests: each alone, with its own error.
                foreach (var p in batch)
                    try { await InsertAsync([p]); }
                    catch (Exception) { /* already set on p.Done */ }
            }
            catch (Exception)
            {
                // A single row's error is set on its task by InsertAsync.
            }
            batch.Clear();
        }
    }

    private async Task InsertAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            await using var cmd = _db.CreateCommand(InsertSql);
            cmd.Parameters.AddWithValue("at", batch.Select(p => p.Entry.AtUtc).ToArray());
            cmd.Parameters.AddWithValue("key", batch.Select(p => p.Entry.ApiKeyId).ToArray());
            cmd.Parameters.AddWithValue("role", batch.Select(p => p.Entry.Role).ToArray());
            cmd.Parameters.AddWithValue("method", batch.Select(p => p.Entry.Method).ToArray());
            cmd.Parameters.AddWithValue("path", batch.Select(p => p.Entry.Path).ToArray());
            cmd.Parameters.AddWithValue("query", batch.Select(p => p.Entry.Query).ToArray());
            cmd.Parameters.AddWithValue("status", batch.Select(p => p.Entry.Status).ToArray());
            cmd.Parameters.AddWithValue("detail", batch.Select(p => p.Entry.Detail).ToArray());
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (batch.Count == 1)
        {
            batch[0].Done.TrySetException(e);
            throw;
        }
        Interlocked.Increment(ref _commits);
        BatchRows.Record(batch.Count);
        foreach (var p in batch) p.Done.TrySetResult();
    }

    /// <summary>Rows already queued are written before the host stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    // A container disposed synchronously must not throw for want of this, nor drop queued rows.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
