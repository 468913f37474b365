using System.Globalization;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `bench api --soak S`: 128 connections of the dashboard mix on the warm host (answer cache on, as in production) for
/// S seconds, in one-minute wrk runs back to back, so the tail is seen per minute; the host's RSS and GC heap at the
/// start and the end show whether memory creeps. The start is taken after a minute at the soak's own 128 connections
/// (decision 040): what opening them costs (pooled connections, their buffers, threads) is a step, not growth.
/// </summary>
internal static class ApiSoak
{
    private const int Connections = 128;
    private const int WarmUpSeconds = 60;

    public static async Task<int> RunAsync(ApiBenchmark.Run run, CancellationToken ct)
    {
        var (host, url) = await ApiBenchmark.StartHostAsync(run, cached: true, ct);
        using var _ = host;
        try
        {
            using var http = new HttpClient();
            var script = await ApiBenchmark.MixedScriptAsync(ct);
            // Two starts: after 5 s at 8 connections (the cube loaded, JIT done; decision 030's yardstick) and after a
            // minute at the soak's own connections, the pools filled (the yardstick, decision 040).
            await ApiBenchmark.WrkAsync(url + "/", run.Key, 8, 5, script, ct);
            var light = await MemoryAsync(host.Id, http, url, ct);
            var warm = await ApiBenchmark.WrkAsync(url + "/", run.Key, Connections, WarmUpSeconds, script, ct);
            var start = await MemoryAsync(host.Id, http, url, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak_start_after_c8: {light}, load {BenchData.LoadAverage()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak_start: {start}, warm_up_s {WarmUpSeconds} at c{Connections} "
                + $"(p99_ms {warm.P99:F1}, errors {warm.Errors}), "
                + $"seconds {run.Seconds}, cache_seconds {run.CacheSeconds}, load {BenchData.LoadAverage()}"));
            var worst = 0.0;
            long errors = 0;
            for (int minute = 1, left = run.Seconds; left > 0; minute++, left -= 60)
            {
                var r = await ApiBenchmark.WrkAsync(url + "/", run.Key, Connections, Math.Min(60, left), script, ct);
                worst = Math.Max(worst, r.P99);
                errors += r.Errors;
                var memory = await MemoryAsync(host.Id, http, url, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"soak_minute_{minute}: requests_per_s {r.Rps:F0}, p95_ms {r.P95:F1}, p99_ms {r.P99:F1}, "
                    + $"errors {r.Errors}, {memory}, load {BenchData.LoadAverage()}"));
            }
            var end = await MemoryAsync(host.Id, http, url, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak_end: {end}, rss_growth {Growth(end, start)} (from the start after the c{Connections} warm-up), "
                + $"rss_growth_from_c8 {Growth(end, light)}, worst_minute_p99_ms {worst:F1}, errors {errors}"));
            return 0;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    private static string Growth(Memory end, Memory start) =>
        string.Create(CultureInfo.InvariantCulture, $"{(end.RssMb / start.RssMb - 1) * 100:+0.0;-0.0}%");

    /// <summary>
    /// Where the host's memory is: RSS, the GC's heap after its last collection, what the GC has committed (heap, free
    /// space and budget) and the free space inside it; RSS minus committed is native (runtime, JIT, libraries, stacks).
    /// </summary>
    /// <remarks>JIT-compiled methods are counted because compiled code is native memory: tiering keeps compiling
    /// methods that become hot, which is growth that stops, not a leak.</remarks>
    private sealed record Memory(double RssMb, double HeapMb, double CommittedMb, double FreeMb, double Threads, double JitMethods)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"rss_mb {RssMb:F0}, gc_heap_mb {HeapMb:F0}, gc_committed_mb {CommittedMb:F0}, gc_free_mb {FreeMb:F0}, "
            + $"native_mb {RssMb - CommittedMb:F0}, threadpool_threads {Threads:F0}, jit_methods {JitMethods:F0}");
    }

    private static async Task<Memory> MemoryAsync(int pid, HttpClient http, string url, CancellationToken ct)
    {
        var runtime = await TailProbe.RuntimeAsync(http, url, ct);
        return new Memory(TailProbe.RssMb(pid), runtime.GetValueOrDefault("heap") / 1e6,
            runtime.GetValueOrDefault("committed") / 1e6, runtime.GetValueOrDefault("fragmentation") / 1e6,
            runtime.GetValueOrDefault("threads"), runtime.GetValueOrDefault("jit_methods"));
    }
}
