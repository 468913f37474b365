using Analytics.Access;
using Analytics.Ingest.Pipeline;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>
/// A test class over the real host and its own database, seeded with the hand-made fixtures, and a client whose key has
/// the given role. Most API and report tests start from exactly this.
/// </summary>
public abstract class SeededApiTests(string role = Roles.Admin) : IAsyncLifetime
{
    protected TestDatabase Db { get; } = new();
    protected ApiHost Host { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    /// <summary>Settings a test class needs on top of the defaults (a small upload limit, a high rate limit).</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Host = new ApiHost(Db, settings: Settings);
        Http = await Host.ClientAsync(role);
        await Fixtures.LoadAllAsync(Host.Service<IngestService>());
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Db.DisposeAsync();
    }
}
