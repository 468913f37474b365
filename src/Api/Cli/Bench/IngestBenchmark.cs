using System.Diagnostics;
using System.Globalization;
using System.Text;
using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `bench ingest --rows N [--runs R]`: our whole pipeline (parse, map, validate, redact, COPY, merge) in a fresh worker
/// process, against `psql \copy` of the same file into an unindexed table, in one run on one database. Prints medians.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";
    public string Usage => "ingest --rows N [--runs R]";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var rows = args.GetInt("rows", 1_000_000);
        var runs = args.GetInt("runs", 3);
        var dir = Path.GetFullPath(Path.Combine("out", "bench"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"contacts-{rows}.csv");
        if (!File.Exists(file)) { Console.WriteLine($"generating {file} …"); IngestBenchData.WriteContacts(file, rows); }
        // A day's export after the history: a tenth as many rows, new contacts of customers mostly seen before, loaded
        // into the table the big file just filled (through the stage, with every index kept up).
        var dailyRows = Math.Max(1, rows / 10);
        var daily = Path.Combine(dir, $"contacts-{rows}-next-{dailyRows}.csv");
        if (!File.Exists(daily)) IngestBenchData.WriteContacts(daily, dailyRows, idPrefix: "N", seed: 43, from: new DateTime(2026, 7, 1, 8, 0, 0));
        Console.WriteLine($"file: {file} ({new FileInfo(file).Length / 1e6:F0} MB, {rows:N0} rows)");

        var main = services.GetRequiredService<IConfiguration>();
        var baseCs = new NpgsqlConnectionStringBuilder(ServiceRegistration.ConnectionString(main));
        var benchCs = new NpgsqlConnectionStringBuilder(baseCs.ConnectionString) { Database = "analytics_bench" };
        await RecreateDatabaseAsync(baseCs, "analytics_bench", ct);
        var options = new DbContextOptionsBuilder<AnalyticsDbContext>();
        AnalyticsDbContext.Configure(options, benchCs.ConnectionString);
        await using (var db = new AnalyticsDbContext(options.Options)) await db.Database.MigrateAsync(ct);
        await using var data = NpgsqlDataSource.Create(benchCs.ConnectionString);
        // The reference: the file's columns as text, no indexes. Unlogged (how the headline ratio has always been measured)
        // and, as a second reference, an ordinary table that writes WAL as contacts does.
        var columns = string.Join(", ", IngestBenchData.Header.Split(',').Select(c => $"\"{c}\" text"));
        await ExecAsync(data, IngestBenchData.ReasonsSql + $"CREATE UNLOGGED TABLE copy_reference ({columns}) {Quiet}; CREATE TABLE copy_reference_logged ({columns}) {Quiet};", ct);

        var ours = new List<(double Seconds, double PeakMb, double Cpu, double ServerCpu)>();
        var copy = new List<(double Seconds, double ServerCpu)>();
        var logged = new List<double>();
        var next = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await ExecAsync(data, "TRUNCATE contacts, agents, teams, customers, ingest_batches, quarantined_rows CASCADE; TRUNCATE copy_reference, copy_reference_logged;", ct);
            await ExecAsync(data, "CHECKPOINT", ct);
            var serverBefore = ServerCpuSeconds(benchCs.Host);
            var c = await PsqlCopyAsync(benchCs, file, "copy_reference", ct);
            var serverBetween = ServerCpuSeconds(benchCs.Host);
            copy.Add((c, serverBetween - serverBefore));
            var (seconds, peak, cpu, summary) = await OurPipelineAsync(benchCs.ConnectionString, file, ct);
            ours.Add((seconds, peak, cpu, ServerCpuSeconds(benchCs.Host) - serverBetween));
            next.Add((await OurPipelineAsync(benchCs.ConnectionString, daily, ct)).Seconds);
            logged.Add(await PsqlCopyAsync(benchCs, file, "copy_reference_logged", ct));
            Console.WriteLine($"run {run}: ours {seconds:F2} s ({rows / seconds:N0} rows/s, peak RSS {peak:F0} MB, CPU {cpu:F1} s here + {ours[^1].ServerCpu:F1} s PostgreSQL), " +
                $"psql \\copy {c:F2} s ({rows / c:N0} rows/s, {copy[^1].ServerCpu:F1} s PostgreSQL), into a logged table {logged[^1]:F2} s; then {dailyRows:N0} new rows into the loaded table {next[^1]:F2} s  [{summary}]");
        }
        var oursMedian = Median(ours.Select(o => o.Seconds));
        var copyMedian = Median(copy.Select(c => c.Seconds));
        Console.WriteLine($"ingest_rows: {rows}");
        Console.WriteLine($"ingest_rows_per_s: {rows / oursMedian:F0}");
        Console.WriteLine($"psql_copy_rows_per_s: {rows / copyMedian:F0}");
        Console.WriteLine($"ratio_ours_to_copy: {oursMedian / copyMedian:F2}");
        Console.WriteLine($"peak_rss_mb: {Median(ours.Select(o => o.PeakMb)):F0}");
        Console.WriteLine($"psql_copy_logged_rows_per_s: {rows / Median(logged):F0}");
        Console.WriteLine($"ratio_ours_to_copy_logged: {oursMedian / Median(logged):F2}");
        Console.WriteLine($"next_day_rows: {dailyRows}");
        Console.WriteLine($"next_day_rows_per_s: {dailyRows / Median(next):F0}");
        // Where the time goes on a machine with few cores: CPU seconds of the worker (all its threads) and of the
        // PostgreSQL server (every local postgres process, so checkpoints and autovacuum count too; NaN when the server
        // is not on this machine), for both loads.
        Console.WriteLine($"ingest_cpu_s: {Median(ours.Select(o => o.Cpu)):F2}");
        Console.WriteLine($"ingest_server_cpu_s: {Median(ours.Select(o => o.ServerCpu)):F2}");
        Console.WriteLine($"psql_copy_server_cpu_s: {Median(copy.Select(c => c.ServerCpu)):F2}");
        Console.WriteLine($"cores: {Environment.ProcessorCount}");
        return 0;
    }

    /// <summary>
    /// CPU seconds used so far by the local PostgreSQL server: every postgres process's own time plus what its ended
    /// children used (the postmaster collects the time of each backend that exits), NaN if it is not on this machine.
    /// </summary>
    private static double ServerCpuSeconds(string? host)
    {
        if (host is not ("127.0.0.1" or "localhost" or "::1") || !OperatingSystem.IsLinux()) return double.NaN;
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || stat[(open + 1)..close] != "postgres") continue;
            // After "(comm) ": state, ppid, … utime, stime, cutime, cstime are fields 14–17 of proc(5), here 11–14.
            var fields = stat[(close + 2)..].Split(' ');
            for (var i = 11; i <= 14; i++) ticks += long.Parse(fields[i], CultureInfo.InvariantCulture);
        }
        return ticks / 100.0; // USER_HZ
    }

    /// <summary>
    /// Scratch tables are never vacuumed: autovacuum woke on a reference table a million rows had just been copied into
    /// and ran during the next measurement, on the same two cores.
    /// </summary>
    private const string Quiet = "WITH (autovacuum_enabled = false)";

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>A fresh worker process, as in production; it reports its own elapsed time and peak RSS.</summary>
    private static async Task<(double Seconds, double PeakMb, double Cpu, string Summary)> OurPipelineAsync(string cs, string file, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll"), "ingest", "contacts", file, "--stats", "--no-follow-up"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ANALYTICS_DB"] = cs;
        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync(ct);
        var errors = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"the ingest worker failed: {errors}{output}");
        double Value(string name) => double.Parse(output.Split('\n').First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1], CultureInfo.InvariantCulture);
        var summary = output.Split('\n').First(l => l.StartsWith("batch", StringComparison.Ordinal)).Trim();
        return (Value("elapsed_s"), Value("peak_rss_mb"), Value("cpu_s"), summary[(summary.IndexOf(':') + 1)..].Trim());
    }

    private static async Task<double> PsqlCopyAsync(NpgsqlConnectionStringBuilder cs, string file, string table, CancellationToken ct)
    {
        var start = new ProcessStartInfo("psql", ["-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username!, "-d", cs.Database!,
            "-v", "ON_ERROR_STOP=1", "-qc", $"\\copy {table} FROM '{file}' WITH (FORMAT csv, HEADER true)"]) { RedirectStandardError = true };
        start.Environment["PGPASSWORD"] = cs.Password ?? "";
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start)!;
        var errors = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"psql \\copy failed: {errors}");
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task RecreateDatabaseAsync(NpgsqlConnectionStringBuilder cs, string name, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync(ct);
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin)) await drop.ExecuteNonQueryAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Deterministic synthetic contacts for benchmarks: realistic widths, Dutch notes, 3% with personal data.</summary>
internal static class IngestBenchData
{
    public const string Header = "contact_id,channel,queue,started_at,ended_at,wait_s,talk_s,hold_s,acw_s,transfers,outcome,agent_id,agent_name,team_code,team_name,customer_key,reason_code,notes";
    private static readonly string[] Reasons = ["R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08"];
    public static readonly string ReasonsSql = "INSERT INTO contact_reasons (code, name_nl, name_en, department, avoidable) VALUES " +
        string.Join(", ", Reasons.Select(r => $"('{r}', 'Reden {r}', 'Reason {r}', 'operations', false)")) + ";";
    private static readonly string[] Notes =
    [
        "klant belde over een onduidelijke factuur, uitleg gegeven over de termijnbedragen",
        "storing internet sinds gisteravond, modem herstart en monteur ingepland",
        "verhuizing doorgegeven per eerste van de maand, nieuw adres bevestigd",
        "vraag over tariefwijziging, klant akkoord met nieuwe voorwaarden",
        "betalingsregeling afgesproken in drie termijnen, bevestiging per mail",
        "inloggen op digitale factuur lukt niet, wachtwoord opnieuw ingesteld",
    ];

    public static void WriteContacts(string path, int rows, string idPrefix = "K", int seed = 42, DateTime? from = null)
    {
        var random = new Random(seed);
        var start = from ?? new DateTime(2026, 1, 1, 8, 0, 0);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write(Header);
        w.Write('\n');
        var sb = new StringBuilder(256);
        for (var i = 0; i < rows; i++)
        {
            var t = start.AddSeconds(i * 13L % (180L * 86400));
            var agent = random.Next(40);
            var note = Notes[random.Next(Notes.Length)];
            if (random.NextDouble() < 0.03) note += $" klant vraagt terugbellen op 06-{random.Next(10_000_000, 99_999_999)}";
            sb.Clear();
            sb.Append(idPrefix).Append(i).Append(',').Append(i % 5 == 0 ? "chat" : "phone").Append(",q").Append(i % 4).Append(',')
              .Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).Append(",,")
              .Append(random.Next(300)).Append(',').Append(random.Next(1200)).Append(',').Append(random.Next(60)).Append(',')
              .Append(random.Next(120)).Append(',').Append(random.Next(3)).Append(",resolved,A").Append(agent).Append(",Agent ").Append(agent)
              .Append(",T").Append(agent % 5).Append(",Team ").Append(agent % 5).Append(",C").Append(random.Next(300_000)).Append(',')
              .Append(Reasons[random.Next(Reasons.Length)]).Append(",\"").Append(note).Append("\"\n");
            w.Write(sb);
        }
    }
}
