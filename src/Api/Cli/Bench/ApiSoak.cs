namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `bench api --soak S`: 128 connections of the dashboard mix on the warm host (answer cache on, as in production) for
/// S seconds, in one-minute wrk runs back to back, so the tail is seen per minute; the host's RSS and GC heap at the
/// start and the end show whether memory creeps.
/// </summary>
internal static class ApiSoak
{
    private const int Connections = 128;

    public static async Task<int> RunAsync(ApiBenchmark.Run run, CancellationToken ct)
    {
        var (host, url) = await ApiBenchmark.StartHostAsync(run, cached: true, ct);
        using var _ = host;
        try
        {
            using var http = new HttpClient();
            var script = await ApiBenchmark.MixedScriptAsync(ct);
            // The start is measured after the warm-up: the cube loaded, JIT done, pools filled.
            await ApiBenchmark.WrkAsync(url + "/", run.Key, 8, 5, script, ct);
            var (rssStart, heapStart) = await MemoryAsync(host.Id, http, url, ct);
            Console.WriteLine(FormattableString.Invariant(
                $"soak_start: rss_mb {rssStart:F0}, gc_heap_mb {heapStart:F0}, connections {Connections}, seconds {run.Seconds}, load {BenchData.LoadAverage()}"));
            var worst = 0.0;
            long errors = 0;
            for (int minute = 1, left = run.Seconds; left > 0; minute++, left -= 60)
            {
                var r = await ApiBenchmark.WrkAsync(url + "/", run.Key, Connections, Math.Min(60, left), script, ct);
                worst = Math.Max(worst, r.P99);
                errors += r.Errors;
                var (rss, heap) = await MemoryAsync(host.Id, http, url, ct);
                Console.WriteLine(FormattableString.Invariant(
                    $"soak_minute_{minute}: requests_per_s {r.Rps:F0}, p95_ms {r.P95:F1}, p99_ms {r.P99:F1}, errors {r.Errors}, rss_mb {rss:F0}, gc_heap_mb {heap:F0}, load {BenchData.LoadAverage()}"));
            }
            var (rssEnd, heapEnd) = await MemoryAsync(host.Id, http, url, ct);
            Console.WriteLine(FormattableString.Invariant(
                $"soak_end: rss_mb {rssEnd:F0} ({(rssEnd / rssStart - 1) * 100:+0.0;-0.0}%), gc_heap_mb {heapEnd:F0}, worst_minute_p99_ms {worst:F1}, errors {errors}"));
            return 0;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    private static async Task<(double RssMb, double HeapMb)> MemoryAsync(int pid, HttpClient http, string url,
        CancellationToken ct)
    {
        var runtime = await TailProbe.RuntimeAsync(http, url, ct);
        return (TailProbe.RssMb(pid), runtime.GetValueOrDefault("heap") / 1e6);
    }

}
