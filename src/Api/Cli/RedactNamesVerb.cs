using Analytics.Data;
using Analytics.Ingest.Redaction;

namespace Analytics.Api.Cli;

internal sealed class RedactNamesVerb : ICliVerb
{
    public string Name => "redact-names";
    public string Usage => "redact-names [--batch 5000]   re-redacts stored notes, transcripts and survey comments (names too) "
                           + "and rebuilds their search documents; counted and audited, a second run changes nothing";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var batch = args.GetInt("batch", 5000);
        if (batch <= 0) throw new CliUsageException("--batch must be positive");
        var progress = new Progress<string>(line => Console.Error.WriteLine($"redact-names: {line}"));
        var result = await services.GetRequiredService<StoredTextRedaction>().RunAsync(batch, ct, progress);
        Console.WriteLine($"redact-names: {result}");

        await using var scope = services.CreateAsyncScope();
        var counts = string.Join("&", result.Counts.ToDictionary().Select(kv => $"{kv.Key}={kv.Value}"));
        var tables = string.Join("&", result.Tables.Select(t => $"{t.Table}={t.Changed}"));
        await CliAudit.WriteAsync(scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>(), "redact-names",
            string.Join("&", new[] { tables, counts, $"search={result.SearchDocuments}" }.Where(p => p.Length > 0)), ct);
        return 0;
    }
}
