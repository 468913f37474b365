namespace Analytics.Api.Contacts;

/// <summary>
/// How many contact listings read from PostgreSQL at once. Without a bound, 128 clients searching opened up to the
/// pool's 100 backends on two cores: every runnable backend got its slice of the CPU, the host's threads theirs, and
/// the answers queued behind them (p99 2.6 s at 10M contacts). Waiting here instead costs nothing while the few
/// backends that run finish sooner (docs/decisions/043-search-without-joins.md).
/// </summary>
internal sealed class SearchGate(Microsoft.Extensions.Options.IOptions<ApiOptions> api) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(api.Value.SearchConcurrency > 0 ? api.Value.SearchConcurrency : 2 * Environment.ProcessorCount);

    public async Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return await read();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
