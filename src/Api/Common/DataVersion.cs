using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Analytics.Api.Common;

/// <summary>
/// A number that changes whenever data that figures depend on changes (a batch completes, its follow-ups finish, a reason
/// is corrected, the aggregates are rebuilt: an erasure removes rows without a batch).
/// Metric answers are cached under it: dashboards ask the same questions again and again, and until the next
/// ingest the answer cannot change. Read from PostgreSQL at most once a second.
/// </summary>
internal sealed class DataVersion(NpgsqlDataSource db, Microsoft.Extensions.Options.IOptions<ApiOptions> api)
    : IDisposable
{
    private const long MaxAgeMs = 1000;

    // Answers have a cache of their own with a bound: a client asking ever-new questions cannot fill the memory.
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = api.Value.AnswerCacheEntries });
    private readonly Lock _gate = new();
    private (long AtTicks, Task<string> Version)? _version;

    public void Dispose() => _answers.Dispose();

    /// <summary>
    /// Concurrent callers share one read when the last one expires, rather than each sending the same query at once
    /// (docs/decisions/030-tails-under-load.md).
    /// </summary>
    public Task<string> CurrentAsync(CancellationToken ct)
    {
        Task<string> read;
        lock (_gate)
        {
            var now = Environment.TickCount64;
            if (_version is not { } v || now - v.AtTicks >= MaxAgeMs || v.Version.IsFaulted || v.Version.IsCanceled)
                _version = (now, Task.Run(ReadAsync));
            read = _version.Value.Version;
        }
        return read.IsCompletedSuccessfully ? read : read.WaitAsync(ct);
    }

    private async Task<string> ReadAsync()
    {
        // A batch's follow-ups (search documents, cube, scores) land after it completes: they change answers too.
        await using var cmd = db.CreateCommand("""
            SELECT coalesce(max(id), 0)::text || ':' || coalesce(max(id) FILTER (WHERE follow_up_utc IS NOT NULL), 0)::text
                || ':' || (SELECT coalesce(max(id), 0) FROM reason_corrections)::text
                || ':' || (SELECT coalesce(max(refreshed_utc), 'epoch') FROM aggregate_states)::text
            FROM ingest_batches WHERE state = 'completed'
            """);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Reads the version again on next use: after a change this host made itself (an erasure).</summary>
    public void Forget()
    {
        lock (_gate) _version = null;
    }

    /// <summary>
    /// The cached answer for this data version, or computes and caches it. Callers asking the same question while it
    /// is computed wait for that one computation (after a batch every dashboard asks again at once).
    /// </summary>
    public async Task<T> CachedAsync<T>(string key, Func<Task<T>> compute, CancellationToken ct, int seconds)
    {
        if (seconds <= 0) return await compute();
        var full = $"{key}@{await CurrentAsync(ct)}";
        while (true)
        {
            TaskCompletionSource<T>? mine = null;
            if (!_answers.TryGetValue(full, out Task<T>? answer))
                lock (_gate)
                    if (!_answers.TryGetValue(full, out answer))
                    {
                        mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                        answer = mine.Task;
                        _answers.Set(full, answer, new MemoryCacheEntryOptions
                        {
                            Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds),
                        });
                    }
            // Computed outside the lock: an answer from memory runs synchronously and must not hold up other questions.
            if (mine is not null)
            {
                try { mine.SetResult(await compute()); }
                catch (OperationCanceledException) { mine.SetCanceled(); }
                catch (Exception e) { mine.SetException(e); }
            }
            try
            {
                return await answer!.WaitAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A failed or abandoned computation is not an answer: forget it; another caller's cancellation is not
                // ours, so compute again rather than fail.
                lock (_gate)
                    if (_answers.TryGetValue(full, out Task<T>? cached) && cached == answer) _answers.Remove(full);
                if (e is not OperationCanceledException) throw;
            }
        }
    }
}

/// <summary>The answer cache as a handler reaches it: keyed on the question, dropped when the data version moves.</summary>
internal static class CachedAnswers
{
    public static Task<T> CachedAsync<T>(this HttpContext http, string key, Func<Task<T>> compute, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<DataVersion>().CachedAsync(key, compute, ct,
            http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Api:CacheSeconds", 300));
}
