using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Analytics.Access;
using Analytics.Data;
using Analytics.Ingest.Samples;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `bench api [--contacts N] [--seconds S]`: loads N sample contacts (default 10M, ~2M surveys) into a bench database
/// once, starts the real host on a free port, and drives it with wrk at 32 and 128 connections: one month per team and
/// per reason and per team of one channel (the same question again and again), a dashboard's mix of 270 questions, and a full-text search.
/// Each run prints where its time went (<see cref="TailProbe"/>). `--targets` keeps the targets whose names contain one
/// of the words, `--modes` the cold or warm host, `--host DIR` drives another build's host (before/after, interleaved),
/// `--soak S` holds 128 connections of the mix on the warm host for S seconds instead; `--cache-seconds N` shortens the
/// answer cache's life (300 s) so that a short soak sees several of its expiries.
/// </summary>
internal sealed class ApiBenchmark : IBenchmark
{
    public string Name => "api";
    public string Usage => "api [--contacts 10000000] [--seconds 20] [--targets mixed,search] [--modes cold,warm] [--soak SECONDS] [--cache-seconds 300] [--host DIR]";

    private const string Lua = """
        done = function(summary, latency, requests)
          io.write(string.format("RESULT %d %d %.1f %.3f %.3f %.3f %d\n", summary.requests, summary.duration,
            summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
            latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
        end
        """;

    /// <summary>
    /// A dashboard's mix: 3 survey types × 6 months × 5 groupings × 3 team filters = 270 different questions in turn,
    /// so the warm run measures a realistic hit rate rather than one answer served from the cache again and again.
    /// </summary>
    private const string MixedRequests = """

        local types = { "nps", "ces", "csat" }
        local groups = { "none", "team", "reason", "month", "agent" }
        local teams = { "", "&team=T1", "&team=T3" }
        local counter = 0
        request = function()
          counter = counter + 1
          local i = counter
          local t = types[i % 3 + 1]; i = math.floor(i / 3)
          local m = i % 6 + 1; i = math.floor(i / 6)
          local g = groups[i % 5 + 1]; i = math.floor(i / 5)
          local f = teams[i % 3 + 1]
          local last = ({ 31, 28, 31, 30, 31, 30 })[m]
          return wrk.format("GET", string.format("/api/v1/metrics/%s?from=2026-%02d-01&to=2026-%02d-%02d&groupBy=%s%s", t, m, m, last, g, f))
        end
        """;

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var contacts = args.GetInt("contacts", 10_000_000);
        var seconds = args.GetInt("seconds", 20);
        if (!File.Exists("/usr/bin/wrk")) throw new CliUsageException("wrk is not installed (apt-get install -y wrk; ./analytics bench api installs it)");
        var baseCs = new NpgsqlConnectionStringBuilder(ServiceRegistration.ConnectionString(services.GetRequiredService<IConfiguration>()));
        var cs = new NpgsqlConnectionStringBuilder(baseCs.ConnectionString) { Database = $"analytics_bench_api_{contacts}" }.ConnectionString;
        await EnsureDataAsync(baseCs, cs, contacts, ct);

        var options = new DbContextOptionsBuilder<AnalyticsDbContext>();
        AnalyticsDbContext.Configure(options, cs);
        string key;
        await using (var db = new AnalyticsDbContext(options.Options))
        {
            var (k, hash, prefix) = ApiKey.NewKey();
            db.ApiKeys.Add(new ApiKey { Name = "bench", Role = Roles.Admin, Prefix = prefix, Hash = hash, CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(ct);
            key = k;
        }

        var run = new Run(cs, key, seconds, args.Get("host") ?? AppContext.BaseDirectory,
            args.Get("targets")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            args.GetInt("cache-seconds", 300));
        if (args.GetInt("soak", 0) is > 0 and var soak) return await ApiSoak.RunAsync(run with { Seconds = soak }, ct);
        var modes = (args.Get("modes") ?? "cold,warm").Split(',', StringSplitOptions.TrimEntries);
        foreach (var cached in new[] { false, true }.Where(c => modes.Contains(c ? "warm" : "cold")))
            await RunHostAsync(run, cached, ct);
        return 0;
    }

    /// <summary>
    /// One benchmark's settings: the database, the admin key, seconds per run, the host build, the targets kept and how
    /// long the warm host's answers live.
    /// </summary>
    internal sealed record Run(string Cs, string Key, int Seconds, string HostDir, string[]? Targets, int CacheSeconds);

    /// <summary>Starts the host of <paramref name="run"/> on a free port and waits until it answers /health.</summary>
    internal static async Task<(Process Host, string Url)> StartHostAsync(Run run, bool cached, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(run.HostDir, "Analytics.Api.dll"), "serve", "--urls", url])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ANALYTICS_DB"] = run.Cs;
        start.Environment["Api__RateLimitPerMinute"] = "100000000";
        start.Environment["Jobs__Server"] = "false";
        start.Environment["Api__CacheSeconds"] = cached ? run.CacheSeconds.ToString(CultureInfo.InvariantCulture) : "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var host = Process.Start(start)!;
        try
        {
            await WaitForAsync(url, ct);
        }
        catch
        {
            host.Kill(entireProcessTree: true);
            host.Dispose();
            throw;
        }
        return (host, url);
    }

    /// <summary>Cold: every request computes its answer. Warm: the answer cache per data version is on, as in production.</summary>
    private static async Task RunHostAsync(Run run, bool cached, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var (host, url) = await StartHostAsync(run, cached, ct);
        var ready = started.Elapsed;
        using var _ = host;
        try
        {
            var lua = await ScriptAsync("analytics-wrk.lua", Lua, ct);
            var mixedLua = await MixedScriptAsync(ct);
            var targets = new (string Name, string Path, string Script)[]
            {
                ("metrics_nps_team_month", "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=team", lua),
                ("metrics_nps_reason_month", "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=reason", lua),
                ("metrics_nps_team_chat_month", "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=team&channel=chat", lua),
                ("metrics_mixed", "/", mixedLua),
                ("search_factuur", "/api/v1/contacts?from=2026-03-01&to=2026-03-31&q=factuur&limit=50", lua),
            };
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", run.Key);
            // The first answer after the host reports itself healthy (the warm-up before it listens is in host_ready):
            // reported on its own, not inside the percentiles.
            var first = Stopwatch.StartNew();
            (await http.GetAsync(url + targets[0].Path, ct)).EnsureSuccessStatusCode();
            var mode = cached ? "warm" : "cold";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"metrics_first_answer_{mode}_ms: {first.Elapsed.TotalMilliseconds:F0}, "
                + $"host_ready_ms {ready.TotalMilliseconds:F0}, load {BenchData.LoadAverage()}"));
            // The cube's copy loads in the background after a start (seconds at 10M contacts), and answers come more
            // slowly meanwhile: the first target would measure the load, not the steady state (decision 043).
            var loaded = Stopwatch.StartNew();
            while (!await CubeCopyLoadedAsync(http, url, ct) && loaded.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(100, ct);
            Console.WriteLine(FormattableString.Invariant($"cube_copy_loaded_after_first_answer_ms: {loaded.Elapsed.TotalMilliseconds:F0}"));
            foreach (var (name, path, script) in targets.Where(t => run.Targets is null || run.Targets.Any(w => t.Name.Contains(w, StringComparison.Ordinal))))
            {
                // Steady state is what is measured: JIT, connection pools and PostgreSQL's buffers are warmed first.
                await WrkAsync(url + path, run.Key, 8, 3, script, ct);
                foreach (var connections in new[] { 32, 128 })
                {
                    var label = $"{name}_{mode}_c{connections}";
                    await using var probe = await TailProbe.StartAsync(label, run.Cs, host.Id, http, url, ct);
                    var r = await WrkAsync(url + path, run.Key, connections, run.Seconds, script, ct);
                    Console.WriteLine(FormattableString.Invariant(
                        $"{label}: requests_per_s {r.Rps:F0}, p50_ms {r.P50:F1}, p95_ms {r.P95:F1}, p99_ms {r.P99:F1}, errors {r.Errors}, requests {r.Requests}"));
                    await probe.PrintAsync(r.Requests, ct);
                }
            }
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Whether /health/ready says the survey cube's copy is in memory (a build without that check: yes).</summary>
    internal static async Task<bool> CubeCopyLoadedAsync(HttpClient http, string url, CancellationToken ct)
    {
        using var answer = await http.GetAsync(url + "/health/ready", ct); // 503 while the database is unhealthy
        using var ready = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync(ct));
        return !ready.RootElement.GetProperty("checks").TryGetProperty("survey-cube", out var cube) || cube.GetString() == "Healthy";
    }

    private static async Task<string> ScriptAsync(string file, string text, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), file);
        await File.WriteAllTextAsync(path, text, ct);
        return path;
    }

    internal static Task<string> MixedScriptAsync(CancellationToken ct) => ScriptAsync("analytics-wrk-mixed.lua", Lua + MixedRequests, ct);

    internal static async Task<(double Rps, double P50, double P95, double P99, long Errors, long Requests)> WrkAsync(
        string url, string key, int connections, int seconds, string lua, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("wrk", ["-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s",
            "--timeout", "10s", "-s", lua, "-H", $"Authorization: Bearer {key}", url]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        var line = output.Split('\n').First(l => l.StartsWith("RESULT", StringComparison.Ordinal)).Split(' ');
        double D(int i) => double.Parse(line[i], CultureInfo.InvariantCulture);
        return (D(3), D(4), D(5), D(6), long.Parse(line[7], CultureInfo.InvariantCulture), long.Parse(line[1], CultureInfo.InvariantCulture));
    }

    internal static async Task EnsureDataAsync(NpgsqlConnectionStringBuilder baseCs, string cs, int contacts, CancellationToken ct)
    {
        var name = new NpgsqlConnectionStringBuilder(cs).Database!;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(baseCs.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", admin);
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                var existing = new DbContextOptionsBuilder<AnalyticsDbContext>();
                AnalyticsDbContext.Configure(existing, cs);
                await using var old = new AnalyticsDbContext(existing.Options);
                // Loading 10M contacts takes a quarter of an hour: a schema that moved on is migrated, not reloaded.
                if ((await old.Database.GetAppliedMigrationsAsync(ct)).Any() && await old.Contacts.CountAsync(ct) >= contacts)
                {
                    await old.Database.MigrateAsync(ct);
                    Console.WriteLine($"reusing {name}");
                    return;
                }
            }
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin)) await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        NpgsqlConnection.ClearAllPools(); // pooled connections to the dropped database are dead
        var options = new DbContextOptionsBuilder<AnalyticsDbContext>();
        AnalyticsDbContext.Configure(options, cs);
        await using (var db = new AnalyticsDbContext(options.Options)) await db.Database.MigrateAsync(ct);

        var dir = Path.GetFullPath(Path.Combine("out", "bench", $"samples-{contacts}"));
        var clock = Stopwatch.StartNew();
        if (!File.Exists(Path.Combine(dir, "surveys.csv")))
            SampleGenerator.Generate(new SampleOptions(Contacts: contacts, TranscriptShare: 0), dir);
        Console.WriteLine($"generated {contacts:N0} contacts in {clock.Elapsed.TotalSeconds:F0} s; loading …");
        foreach (var kind in new[] { "reasons", "contacts", "surveys" })
        {
            var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll"), "ingest", kind, Path.Combine(dir, kind + ".csv")]);
            psi.Environment["ANALYTICS_DB"] = cs;
            using var p = Process.Start(psi)!;
            await p.WaitForExitAsync(ct);
            if (p.ExitCode != 0) throw new InvalidOperationException($"loading {kind} failed");
        }
        // Statistics now rather than whenever autovacuum gets to it: before them the search got a parallel plan (2
        // workers, 12 times the buffers; decision 040), and a run started at once would measure that.
        await using (var analyze = new NpgsqlConnection(cs))
        {
            await analyze.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("ANALYZE", analyze) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
        Console.WriteLine($"loaded and analysed in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    // Up to three minutes: on the shared machine under load 40-60 a start took over one.
    private static async Task WaitForAsync(string url, CancellationToken ct)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 360; i++)
        {
            try { if ((await http.GetAsync(url + "/health", ct)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(500, ct);
        }
        throw new InvalidOperationException("the host did not start");
    }
}
