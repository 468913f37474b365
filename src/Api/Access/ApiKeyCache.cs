using System.Collections.Concurrent;
using Npgsql;

namespace Analytics.Api.Access;

/// <summary>
/// Valid API keys, cached so the hot metrics path does not pay a query per request. The cache is trusted only while
/// this process listens to the database's api_keys notifications (a trigger sends one on every revocation), so a
/// revoked key stops working at once in every process; while not listening every request reads the table.
/// </summary>
internal sealed class ApiKeyCache
{
    internal sealed record Entry(int Id, string Role, string Name, string[]? Teams, string? Agent);

    private readonly ConcurrentDictionary<string, (Entry? Key, long ExpiresTicks)> _keys = new(StringComparer.Ordinal);
    private volatile bool _listening;
    private long _generation;

    /// <summary>Read before a lookup and given to <see cref="Set"/>: a change in between keeps the answer out.</summary>
    private long Generation => Interlocked.Read(ref _generation);

    /// <summary>How long a found key is trusted without a notification (a safety net; revocations notify).</summary>
    internal long LifetimeMs { get; init; } = 300_000;

    // A found key is looked up again in its last 30 s, in the background, by one lookup for all requests.
    private const long RefreshAheadMs = 30_000;
    private readonly ConcurrentDictionary<string, Task<Entry?>> _lookups = new(StringComparer.Ordinal);

    /// <summary>
    /// The key of this hash (null: unknown or revoked). Requests that find it missing share one lookup, and a found key
    /// is looked up again shortly before it expires while requests keep using it: when the one key of a busy dashboard
    /// expired, every request in flight ran its own query at once, a second-long stall every five minutes that also
    /// opened connections for good (docs/decisions/035-soak-tails.md). Not listening: every request reads the table.
    /// </summary>
    public Task<Entry?> GetAsync(string hash, Func<Task<Entry?>> read)
    {
        if (!_listening) return read();
        var now = Environment.TickCount64;
        if (!_keys.TryGetValue(hash, out var hit) || hit.ExpiresTicks < now) return Lookup(hash, read);
        if (hit.Key is not null && hit.ExpiresTicks - now < RefreshAheadMs)
            _ = Lookup(hash, read).ContinueWith(t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.FromResult(hit.Key);
    }

    private Task<Entry?> Lookup(string hash, Func<Task<Entry?>> read)
    {
        var generation = Generation;
        var mine = new TaskCompletionSource<Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _lookups.GetOrAdd(hash, mine.Task);
        if (shared != mine.Task) return shared;
        _ = RunAsync();
        return mine.Task;

        async Task RunAsync()
        {
            try
            {
                var found = await read();
                Set(hash, found, generation);
                mine.SetResult(found);
            }
            catch (Exception e)
            {
                mine.SetException(e);
            }
            finally
            {
                _lookups.TryRemove(new KeyValuePair<string, Task<Entry?>>(hash, mine.Task));
            }
        }
    }

    // Unknown keys are remembered briefly too, so a flood of wrong keys does not become a flood of queries.
    private void Set(string hash, Entry? key, long generation)
    {
        _keys[hash] = (key, Environment.TickCount64 + (key is null ? 5_000 : LifetimeMs));
        if (generation != Generation) _keys.TryRemove(hash, out _);
    }

    internal void Listening(bool on)
    {
        Clear();
        _listening = on;
    }

    internal void Clear()
    {
        Interlocked.Increment(ref _generation);
        _keys.Clear();
        // A lookup that started before the change may have read the old row: later requests start their own.
        _lookups.Clear();
    }
}

/// <summary>LISTEN api_keys: every notification empties the cache; a lost connection turns the cache off until back.</summary>
internal sealed partial class ApiKeyChangeListener(NpgsqlDataSource db, ApiKeyCache cache, ILogger<ApiKeyChangeListener> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, _) => cache.Clear();
                await using (var listen = new NpgsqlCommand("LISTEN api_keys", conn)) await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.Listening(true);
                while (!stoppingToken.IsCancellationRequested) await conn.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException)
            {
                cache.Listening(false);
                LogLost(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        cache.Listening(false);
    }

    [LoggerMessage(LogLevel.Warning, "Not listening to API key changes ({Reason}); keys are read from the database until back")]
    private partial void LogLost(string reason);
}
