using Analytics.Data;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Cli;

internal sealed class MigrateVerb : ICliVerb
{
    public string Name => "migrate";
    public string Usage => "migrate              apply database migrations (explicit, never at host start-up)";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        await services.GetRequiredService<Analytics.Privacy.PrivacySwitches>().WriteBiPolicyAsync(ct);
        Console.WriteLine(pending.Count == 0 ? "migrate: database is up to date" : $"migrate: applied {string.Join(", ", pending)}");
        return 0;
    }
}
