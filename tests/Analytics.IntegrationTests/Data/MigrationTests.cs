using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Data;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task TheMigrationsMatchTheModelAndLeaveNothingPending()
    {
        await using var db = _db.NewDbContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the entity model changed without a migration: run dotnet ef migrations add");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_contact_search_vector'"));
    }
}
