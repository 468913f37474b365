using Analytics.Data;
using Analytics.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Cli;

internal sealed class RetentionVerb : ICliVerb
{
    public string Name => "retention";
    public string Usage =>
        "retention [--dry-run]   removes or anonymises what is older than the Retention:* periods; counts per kind";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var result = await services.GetRequiredService<Retention>()
            .RunAsync(args.Has("dry-run"), "cli:" + Environment.UserName, ct);
        foreach (var (kind, count) in result.Counts) Console.WriteLine($"{kind,-16} {count,10}");
        Console.WriteLine(result.DryRun ? "retention: dry run, nothing changed" : "retention: done (audited)");
        return 0;
    }
}

internal sealed class EraseCustomerVerb : ICliVerb
{
    public string Name => "erase-customer";
    public string Usage => "erase-customer KEY   erases one customer (contacts, transcripts, surveys, search, " +
                           "quarantined lines); figures recomputed; audited";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positional.FirstOrDefault() is not { } key || string.IsNullOrWhiteSpace(key))
            throw new CliUsageException("give the customer's key");
        var result = await services.GetRequiredService<Erasure>().EraseAsync(key.Trim(),
            new ErasureActor("cli:" + Environment.UserName, null, "CLI", "erase-customer"), ct);
        Console.WriteLine($"erase-customer: {result.AsQuery().Replace('&', ' ')}");
        return 0;
    }
}

internal sealed class AgentsVerb : ICliVerb
{
    public string Name => "agents";
    public string Usage => "agents leave CODE --on DATE   records an agent's last working day " +
                           "(pseudonymised Retention:AgentPseudonymiseAfterDays later)";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positional is not ["leave", var code]) throw new CliUsageException("use: agents leave CODE --on DATE");
        var on = args.GetDate("on") ?? throw new CliUsageException("--on is required");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        var n = await db.Agents.Where(a => a.Code == code)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LeftOn, on), ct);
        Console.WriteLine(n == 1 ? $"agents: {code} left on {on:yyyy-MM-dd}" : $"agents: no agent {code}");
        return n == 1 ? 0 : 1;
    }
}
