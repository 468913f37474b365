using Analytics.Api.Access;

namespace Analytics.IntegrationTests.Access;

/// <summary>
/// The API key cache under a dashboard's load (decision 035): at a key's expiry every request in flight used to run
/// its own lookup; now they share one, and a found key is looked up again before it expires while requests keep it.
/// </summary>
public sealed class ApiKeyCacheTests
{
    private static readonly ApiKeyCache.Entry Key = new(1, "analyst", "dashboard", null, null);

    private static ApiKeyCache Listening(long lifetimeMs = 300_000)
    {
        var cache = new ApiKeyCache { LifetimeMs = lifetimeMs };
        cache.Listening(true);
        return cache;
    }

    [Fact]
    public async Task RequestsThatFindTheKeyMissingShareOneLookup()
    {
        var cache = Listening();
        var lookups = 0;
        var release = new TaskCompletionSource<ApiKeyCache.Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<ApiKeyCache.Entry?> Read()
        {
            Interlocked.Increment(ref lookups);
            return release.Task;
        }
        var requests = Enumerable.Range(0, 64).Select(_ => Task.Run(() => cache.GetAsync("h", Read))).ToList();
        await Task.Delay(200);
        release.SetResult(Key);
        Assert.All(await Task.WhenAll(requests), k => Assert.Equal(Key, k));
        Assert.Equal(1, lookups);
        Assert.Equal(Key, await cache.GetAsync("h", () => throw new InvalidOperationException("not cached")));
    }

    [Fact]
    public async Task AKeyAboutToExpireIsLookedUpAgainWhileRequestsKeepUsingIt()
    {
        // Trusted for 20 s, looked up again in its last 30 s: every use is "about to expire".
        var cache = Listening(lifetimeMs: 20_000);
        Assert.Equal(Key, await cache.GetAsync("h", () => Task.FromResult<ApiKeyCache.Entry?>(Key)));
        var lookups = 0;
        var release = new TaskCompletionSource<ApiKeyCache.Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<ApiKeyCache.Entry?> Read()
        {
            Interlocked.Increment(ref lookups);
            return release.Task;
        }
        // The lookup has not answered, and nobody waits for it.
        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => cache.GetAsync("h", Read)))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(answers, k => Assert.Equal(Key, k));
        Assert.Equal(1, lookups);
        var renamed = Key with { Name = "renamed" };
        release.SetResult(renamed);
        for (var i = 0; i < 100 && (await cache.GetAsync("h", Read))!.Name != "renamed"; i++) await Task.Delay(10);
        Assert.Equal("renamed", (await cache.GetAsync("h", Read))!.Name);
    }

    [Fact]
    public async Task ALookupStartedBeforeARevocationIsNotSharedWithRequestsAfterIt()
    {
        var cache = Listening();
        var before = new TaskCompletionSource<ApiKeyCache.Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = cache.GetAsync("h", () => before.Task);
        cache.Clear(); // the api_keys notification of a revocation
        var second = cache.GetAsync("h", () => Task.FromResult<ApiKeyCache.Entry?>(null));
        Assert.Null(await second);
        before.SetResult(Key);
        Assert.Equal(Key, await first);
        // Nor is the older answer kept.
        Assert.Null(await cache.GetAsync("h", () => Task.FromResult<ApiKeyCache.Entry?>(null)));
    }
}
