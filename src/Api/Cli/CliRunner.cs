using System.Reflection;

namespace Analytics.Api.Cli;

internal static class CliRunner
{
    public static IReadOnlyList<ICliVerb> Verbs { get; } = typeof(CliRunner).Assembly.GetTypes()
        .Where(t => typeof(ICliVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (ICliVerb)Activator.CreateInstance(t, nonPublic: true)!)
        .OrderBy(v => v.Name, StringComparer.Ordinal)
        .ToList();

    public static bool IsCliInvocation(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" or "help" || Verbs.Any(v => v.Name == args[0]));

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] is "--help" or "-h" or "help")
        {
            foreach (var v in Verbs) Console.WriteLine($"  {v.Usage}");
            Console.WriteLine("  serve [--urls URL]   serve the HTTP API, Hangfire server and dashboard");
            return 0;
        }
        var verb = Verbs.Single(v => v.Name == args[0]);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        var builder = Host.CreateApplicationBuilder(ServiceRegistration.HostArgs);
        builder.AddBuiltSettings();
        builder.Configuration.AddDatabaseFromEnvironment();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Analytics", args.Contains("--verbose") ? LogLevel.Information : LogLevel.Warning);
        // EF logs the expected "no history table yet" probe as a failure; the verb reports what matters.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.Services.AddAnalyticsCore(builder.Configuration);
        using var host = builder.Build();
        try
        {
            return await verb.RunAsync(new CliArgs(args.Skip(1)), host.Services, cts.Token);
        }
        catch (CliUsageException e)
        {
            await Console.Error.WriteLineAsync($"{verb.Name}: {e.Message}\nusage: {verb.Usage}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{verb.Name}: cancelled");
            return 130;
        }
    }
}
