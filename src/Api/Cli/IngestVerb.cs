using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;

namespace Analytics.Api.Cli;

internal sealed class IngestVerb : ICliVerb
{
    public string Name => "ingest";
    public string Usage => $"ingest {string.Join('|', IngestKinds.All)} FILE…   load files; bad rows are quarantined with their line and reason";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positional.Count < 2) throw new CliUsageException("name a kind and at least one file");
        var kind = args.Positional[0];
        if (!IngestKinds.All.Contains(kind)) throw new CliUsageException($"unknown kind '{kind}'");
        var ingest = services.GetRequiredService<IngestService>();
        var failed = 0;
        foreach (var file in args.Positional.Skip(1))
        {
            if (!File.Exists(file)) { await Console.Error.WriteLineAsync($"ingest: {file}: no such file"); failed++; continue; }
            var result = await ingest.IngestFileAsync(kind, file, ct);
            Console.WriteLine($"batch {result.BatchId}: {result}");
            if (result.State == "failed") failed++;
        }
        return failed == 0 ? 0 : 1;
    }
}
