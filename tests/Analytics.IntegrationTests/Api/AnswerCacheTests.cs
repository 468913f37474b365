using Analytics.Api;
using Analytics.Api.Common;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Analytics.IntegrationTests.Api;

/// <summary>The answer cache under many callers at once (decision 030): one computation per question, not per caller.
/// </summary>
public sealed class AnswerCacheTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private DataVersion NewCache() => new(db.DataSource, Options.Create(new ApiOptions()));

    [Fact]
    public async Task CallersAskingTheSameQuestionWhileItIsComputedShareOneComputation()
    {
        using var cache = NewCache();
        var computed = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<int> Compute()
        {
            Interlocked.Increment(ref computed);
            return await release.Task;
        }
        var callers = Enumerable.Range(0, 32)
            .Select(_ => Task.Run(() => cache.CachedAsync("q", Compute, default, 300))).ToList();
        // All have asked (the version read is shared and quick) before the one computation finishes.
        while (Volatile.Read(ref computed) == 0) await Task.Delay(10);
        await Task.Delay(300);
        release.SetResult(42);
        Assert.All(await Task.WhenAll(callers), v => Assert.Equal(42, v));
        Assert.Equal(1, computed);
        // Answered from the cache afterwards.
        Assert.Equal(42, await cache.CachedAsync("q", () => Task.FromResult(7), default, 300));
    }

    [Fact]
    public async Task AComputationThatFailsIsNotKeptAndAnotherCallersCancellationIsNotOurs()
    {
        using var cache = NewCache();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.CachedAsync<int>("failing", () => throw new InvalidOperationException("database away"), default,
                300));
        Assert.Equal(5, await cache.CachedAsync("failing", () => Task.FromResult(5), default, 300));

        // The first caller gives up; a second caller waiting for the same question computes it itself.
        using var gaveUp = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = cache.CachedAsync("abandoned", async () =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, gaveUp.Token);
            return 1;
        }, gaveUp.Token, 300);
        await started.Task;
        var second = cache.CachedAsync("abandoned", () => Task.FromResult(2), default, 300);
        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(2, await second);
    }
}
