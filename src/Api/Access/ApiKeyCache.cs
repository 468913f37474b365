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
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string hash, out Entry? key)
    {
        key = null;
        if (!_listening || !_keys.TryGetValue(hash, out var hit) || hit.ExpiresTicks < Environment.TickCount64) return false;
        key = hit.Key;
        return true;
    }

    // Unknown keys are remembered briefly too, so a flood of wrong keys does not become a flood of queries.
    public void Set(string hash, Entry? key, long generation)
    {
        _keys[hash] = (key, Environment.TickCount64 + (key is null ? 5_000 : 300_000));
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
