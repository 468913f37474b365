using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// Where a run's time went, printed beside its latencies: what PostgreSQL's busy backends of the bench database waited
/// on (pg_stat_activity sampled every 100 ms: CPU, WAL writes and flushes, locks, the client), and what the host's
/// runtime did in the run (CPU, GC pauses and collections, contended locks; from its /metrics and /proc).
/// </summary>
internal sealed partial class TailProbe : IAsyncDisposable
{
    private readonly string _name;
    private readonly int _hostPid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(int Samples, Dictionary<string, int> Waits)> _sampling;
    private readonly Dictionary<string, double> _runtimeBefore;
    private readonly double _cpuBefore;
    private readonly HttpClient _http;
    private readonly string _url;

    private TailProbe(string name, string cs, int hostPid, HttpClient http, string url,
        Dictionary<string, double> runtimeBefore)
    {
        _name = name;
        _hostPid = hostPid;
        _http = http;
        _url = url;
        _runtimeBefore = runtimeBefore;
        _cpuBefore = CpuSeconds(hostPid);
        _sampling = SampleAsync(cs, _stop.Token);
    }

    public static async Task<TailProbe> StartAsync(string name, string cs, int hostPid, HttpClient http, string url,
        CancellationToken ct) =>
        new(name, cs, hostPid, http, url, await RuntimeAsync(http, url, ct));

    /// <summary>Stops sampling; prints a line of waits and one of the host's runtime for <paramref name="requests"/> answers.
    /// </summary>
    public async Task PrintAsync(long requests, CancellationToken ct)
    {
        var cpu = CpuSeconds(_hostPid) - _cpuBefore;
        await _stop.CancelAsync();
        var (samples, waits) = await _sampling;
        var after = await RuntimeAsync(_http, _url, ct);
        double Delta(string k) => after.GetValueOrDefault(k) - _runtimeBefore.GetValueOrDefault(k);
        var busy = waits.Values.Sum() / (double)Math.Max(1, samples);
        var top = waits.OrderByDescending(kv => kv.Value).Take(6)
            .Select(kv => FormattableString.Invariant($"{kv.Key} {kv.Value / (double)Math.Max(1, samples):F2}"));
        Console.WriteLine(FormattableString.Invariant(
            $"waits_{_name}: busy_backends {busy:F2} ({string.Join(", ", top)}), samples {samples}"));
        var gc = FormattableString.Invariant(
            $"gc_pause_ms {Delta("gc_pause_s") * 1000:F0}, gc_gen0 {Delta("gen0"):F0}, gc_gen1 {Delta("gen1"):F0}, gc_gen2 {Delta("gen2"):F0}");
        var rest = FormattableString.Invariant(
            $"lock_contentions {Delta("contentions"):F0}, threadpool_threads {after.GetValueOrDefault("threads"):F0}, gc_heap_mb {after.GetValueOrDefault("heap") / 1e6:F0}");
        var audit = FormattableString.Invariant($"alloc_kb_per_request {Delta("alloc") / 1024 / Math.Max(1, requests):F1}, audit_commits {Delta("audit_commits"):F0}, audit_rows {Delta("audit_rows"):F0}");
        Console.WriteLine(FormattableString.Invariant(
            $"runtime_{_name}: host_cpu_ms_per_request {cpu * 1000 / Math.Max(1, requests):F2}, {gc}, {rest}, {audit}, load {BenchData.LoadAverage()}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _sampling; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private static async Task<(int, Dictionary<string, int>)> SampleAsync(string cs, CancellationToken stop)
    {
        var waits = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = 0;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(CancellationToken.None);
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*)::int FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1
            """, conn);
        while (!stop.IsCancellationRequested)
        {
            await using (var r = await cmd.ExecuteReaderAsync(CancellationToken.None))
                while (await r.ReadAsync(CancellationToken.None))
                    waits[r.GetString(0)] = waits.GetValueOrDefault(r.GetString(0)) + r.GetInt32(1);
            samples++;
            try { await Task.Delay(100, stop); } catch (OperationCanceledException) { break; }
        }
        return (samples, waits);
    }

    /// <summary>The host's runtime counters and gauges from its Prometheus scrape (loopback needs no key).</summary>
    public static async Task<Dictionary<string, double>> RuntimeAsync(HttpClient http, string url, CancellationToken ct)
    {
        var text = await http.GetStringAsync(url + "/metrics", ct);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in MetricLine().Matches(text))
        {
            var (metric, labels) = (m.Groups["name"].Value, m.Groups["labels"].Value);
            var key = metric switch
            {
                "dotnet_gc_pause_time_seconds_total" => "gc_pause_s",
                "dotnet_gc_collections_total" => labels.Contains("gen0") ? "gen0" : labels.Contains("gen1") ? "gen1"
                    : labels.Contains("gen2") ? "gen2" : null,
                "dotnet_monitor_lock_contentions_total" => "contentions",
                "dotnet_thread_pool_thread_count" => "threads",
                "dotnet_gc_last_collection_heap_size_bytes" => "heap",
                "dotnet_gc_last_collection_memory_committed_size_bytes" => "committed",
                "dotnet_gc_last_collection_heap_fragmentation_size_bytes" => "fragmentation",
                "dotnet_gc_heap_total_allocated_bytes_total" => "alloc",
                "dotnet_jit_compiled_methods_total" => "jit_methods",
                "analytics_audit_batch_rows_count" => "audit_commits",
                "analytics_audit_batch_rows_sum" => "audit_rows",
                _ => null,
            };
            if (key is not null)
                values[key] = values.GetValueOrDefault(key)
                              + double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return values;
    }

    /// <summary>User and system CPU seconds of a process so far (/proc/PID/stat, in clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture)
                    + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Resident memory of a process in MB (VmRSS of /proc/PID/status).</summary>
    public static double RssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status")
            .FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null) return 0;
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex MetricLine();
}
