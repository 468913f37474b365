using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.IntegrationTests.Hosting;

/// <summary>
/// The test host's settings reach the code that reads them while services are registered. They once arrived only after
/// registration, so every test host ran a Hangfire server whose follow-up jobs raced the tests (a flaky CI failure).
/// </summary>
public sealed class TestHostSettingsTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    private static bool RunsJobServer(ApiHost host) =>
        host.Services.GetServices<IHostedService>().Any(s => s.GetType().FullName!.StartsWith("Hangfire.", StringComparison.Ordinal));

    [Fact]
    public async Task AHostRunsAJobServerOnlyWhenATestAsksForOne()
    {
        await using var quiet = new ApiHost(_db);
        Assert.False(RunsJobServer(quiet));
        await using var busy = new ApiHost(_db, jobServer: true);
        Assert.True(RunsJobServer(busy));
    }
}
