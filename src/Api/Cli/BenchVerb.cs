namespace Analytics.Api.Cli;

/// <summary>A benchmark run by `./analytics bench NAME`; discovered by reflection like verbs.</summary>
internal interface IBenchmark
{
    string Name { get; }
    string Usage { get; }
    Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct);
}

internal sealed class BenchVerb : ICliVerb
{
    private static readonly IReadOnlyList<IBenchmark> Benchmarks = typeof(BenchVerb).Assembly.GetTypes()
        .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IBenchmark)Activator.CreateInstance(t, nonPublic: true)!)
        .OrderBy(b => b.Name, StringComparer.Ordinal)
        .ToList();

    public string Name => "bench";
    public string Usage => $"bench {string.Join('|', Benchmarks.Select(b => b.Name))} [OPTIONS]   run a benchmark and print its figures";

    public Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var name = args.Positional.FirstOrDefault() ?? throw new CliUsageException("name a benchmark");
        var bench = Benchmarks.FirstOrDefault(b => b.Name == name)
                    ?? throw new CliUsageException($"unknown benchmark '{name}'; known: {string.Join(", ", Benchmarks.Select(b => b.Name))}");
        return bench.RunAsync(new CliArgs(args.Positional.Skip(1).Concat(OptionsBack(args))), services, ct);
    }

    // Re-serialise options so the benchmark sees the same CliArgs shape as a verb.
    private static IEnumerable<string> OptionsBack(CliArgs args) => args.RawOptions.SelectMany(kv =>
        kv.Value is null ? new[] { $"--{kv.Key}" } : new[] { $"--{kv.Key}", kv.Value });
}
