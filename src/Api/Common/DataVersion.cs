using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Analytics.Api.Common;

/// <summary>
/// A number that changes whenever data that figures depend on changes (a batch completes, its follow-ups finish, a reason
/// is corrected, the aggregates are rebuilt: an erasure removes rows without a batch).
/// Metric answers are cached under it: dashboards ask the same questions again and again, and until the next
/// ingest the answer cannot change. Read from PostgreSQL at most once a second.
/// </summary>
internal sealed class DataVersion(NpgsqlDataSource db, IMemoryCache cache,
    Microsoft.Extensions.Options.IOptions<ApiOptions> api) : IDisposable
{
    // Answers have a cache of their own with a bound: a client asking ever-new questions cannot fill the memory.
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = api.Value.AnswerCacheEntries });

    public void Dispose() => _answers.Dispose();

    public async Task<string> CurrentAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("data-version", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(1);
            // A batch's follow-ups (search documents, cube, scores) land after it completes: they change answers too.
            await using var cmd = db.CreateCommand("""
                SELECT coalesce(max(id), 0)::text || ':' || coalesce(max(id) FILTER (WHERE follow_up_utc IS NOT NULL), 0)::text
                    || ':' || (SELECT coalesce(max(id), 0) FROM reason_corrections)::text
                    || ':' || (SELECT coalesce(max(refreshed_utc), 'epoch') FROM aggregate_states)::text
                FROM ingest_batches WHERE state = 'completed'
                """);
            return (string)(await cmd.ExecuteScalarAsync(ct))!;
        }))!;

    /// <summary>Reads the version again on next use: after a change this host made itself (an erasure).</summary>
    public void Forget() => cache.Remove("data-version");

    /// <summary>The cached answer for this data version, or computes and caches it.</summary>
    public async Task<T> CachedAsync<T>(string key, Func<Task<T>> compute, CancellationToken ct, int seconds)
    {
        if (seconds <= 0) return await compute();
        var full = $"{key}@{await CurrentAsync(ct)}";
        return (await _answers.GetOrCreateAsync(full, async e =>
        {
            e.Size = 1;
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds);
            return await compute();
        }))!;
    }
}
