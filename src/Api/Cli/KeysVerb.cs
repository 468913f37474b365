using Analytics.Access;
using Analytics.Data;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Cli;

internal sealed class KeysVerb : ICliVerb
{
    public string Name => "keys";
    public string Usage => $"keys create --role {string.Join('|', Roles.All)} [--name NAME] | keys list | keys revoke ID   manage API keys";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        switch (args.Positional.FirstOrDefault())
        {
            case "create":
                var role = args.Require("role");
                if (!Roles.All.Contains(role)) throw new CliUsageException($"unknown role '{role}'; use one of {string.Join(", ", Roles.All)}");
                var (key, hash, prefix) = ApiKey.NewKey();
                var entity = new ApiKey { Name = args.Get("name") ?? role, Role = role, Prefix = prefix, Hash = hash, CreatedUtc = DateTime.UtcNow };
                db.ApiKeys.Add(entity);
                await db.SaveChangesAsync(ct);
                await AuditAsync(db, "keys create", $"id={entity.Id}&role={role}&name={Uri.EscapeDataString(entity.Name)}", ct);
                // Only the hash is stored: this is the one time the key is shown.
                Console.WriteLine(key);
                await Console.Error.WriteLineAsync($"keys: created key {entity.Id} ({entity.Name}, role {role}); store it now, it is not shown again");
                return 0;
            case "list":
                foreach (var k in await db.ApiKeys.OrderBy(k => k.Id).ToListAsync(ct))
                    Console.WriteLine($"{k.Id,4}  {k.Prefix}…  {k.Role,-16} {k.Name,-20} created {k.CreatedUtc:u}{(k.RevokedUtc is { } r ? $"  REVOKED {r:u}" : "")}");
                return 0;
            case "revoke":
                if (args.Positional.Count < 2 || !int.TryParse(args.Positional[1], out var id)) throw new CliUsageException("give the key's id");
                var n = await db.ApiKeys.Where(k => k.Id == id && k.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, DateTime.UtcNow), ct);
                if (n == 1) await AuditAsync(db, "keys revoke", $"id={id}", ct);
                Console.WriteLine(n == 1 ? $"keys: revoked {id}" : $"keys: no active key {id}");
                return n == 1 ? 0 : 1;
            default:
                throw new CliUsageException("use create, list or revoke");
        }
    }

    /// <summary>Who holds which key is what the audit log is about: creations and revocations are written to it too.</summary>
    private static Task AuditAsync(AnalyticsDbContext db, string what, string query, CancellationToken ct) =>
        CliAudit.WriteAsync(db, what, query, ct);
}
