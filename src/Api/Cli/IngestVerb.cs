using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;

namespace Analytics.Api.Cli;

internal sealed class IngestVerb : ICliVerb
{
    public string Name => "ingest";
    public string Usage => $"ingest {string.Join('|', IngestKinds.All)} FILE… [--profile NAME|PATH]   load files; bad rows are quarantined with line and reason";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Positional.Count < 2) throw new CliUsageException("name a kind and at least one file");
        var kind = args.Positional[0];
        if (!IngestKinds.All.Contains(kind)) throw new CliUsageException($"unknown kind '{kind}'");
        MappingProfile? profile = null;
        if (args.Get("profile") is { } p)
        {
            try { profile = MappingProfile.Load(p); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        }
        var ingest = services.GetRequiredService<IngestService>();
        var failed = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        var results = new List<IngestResult>();
        foreach (var file in args.Positional.Skip(1))
        {
            if (!File.Exists(file)) { await Console.Error.WriteLineAsync($"ingest: {file}: no such file"); failed++; continue; }
            using var bar = new ProgressBar(Path.GetFileName(file), new FileInfo(file).Length);
            var result = await ingest.IngestFileAsync(kind, file, ct, bar, profile);
            bar.Dispose();
            Console.WriteLine($"batch {result.BatchId}: {result}");
            if (result.State == "failed") { failed++; continue; }
            results.Add(result);
        }
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var loadCpu = Environment.CpuUsage.TotalTime - cpuAtStart;
        // Follow-ups (search index, scoring) run after the load, so the load's figures are its own.
        if (!args.Has("no-follow-up"))
        {
            var followUps = services.GetRequiredService<BatchFollowUps>();
            foreach (var r in results) await followUps.RunAsync(r.BatchId, r.Kind, ct);
        }
        if (args.Has("stats"))
        {
            // Read by `bench ingest`: the pipeline's own time and CPU (all threads, no process start) and its peak resident memory.
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            Console.WriteLine(FormattableString.Invariant($"elapsed_s: {loadSeconds:F3}"));
            Console.WriteLine(FormattableString.Invariant($"cpu_s: {loadCpu.TotalSeconds:F3}"));
            Console.WriteLine(FormattableString.Invariant($"gc_pause_s: {GC.GetTotalPauseDuration().TotalSeconds:F3} (gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)})"));
            Console.WriteLine(FormattableString.Invariant($"follow_up_s: {clock.Elapsed.TotalSeconds - loadSeconds:F3}"));
            Console.WriteLine(FormattableString.Invariant($"peak_rss_mb: {self.PeakWorkingSet64 / 1048576.0:F1}"));
        }
        return failed == 0 ? 0 : 1;
    }
}

/// <summary>A one-line progress bar (bytes, rows/s, ETA) on stderr, only when it is a terminal.</summary>
internal sealed class ProgressBar(string label, long total) : IProgress<long>, IDisposable
{
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private bool _drawn;

    public void Report(long position)
    {
        if (!_enabled || total <= 0) return;
        var fraction = Math.Clamp((double)position / total, 0, 1);
        var elapsed = _clock.Elapsed.TotalSeconds;
        var mbPerSecond = elapsed > 0 ? position / 1e6 / elapsed : 0;
        var eta = fraction > 0 ? TimeSpan.FromSeconds(elapsed / fraction - elapsed) : TimeSpan.Zero;
        const int width = 30;
        var filled = (int)(fraction * width);
        Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {fraction:P0}  {mbPerSecond:F1} MB/s  ETA {eta:mm\\:ss}   ");
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn) Console.Error.Write("\r" + new string(' ', 90) + "\r");
        _drawn = false;
    }
}
