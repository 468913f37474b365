using System.Diagnostics;
using Analytics.Reports;
using Analytics.Time;
using Npgsql;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `bench reports [--contacts N] [--runs R]`: renders every report family (both languages) for one month over the
/// bench database that `bench api` fills (N sample contacts, default 1M), and prints the median time per family and in all.
/// </summary>
internal sealed class ReportsBenchmark : IBenchmark
{
    public string Name => "reports";
    public string Usage => "reports [--contacts 1000000] [--runs 3]";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var contacts = args.GetInt("contacts", 1_000_000);
        var runs = args.GetInt("runs", 3);
        var baseCs = ServiceRegistration.ConnectionString(services.GetRequiredService<IConfiguration>());
        var cs = new NpgsqlConnectionStringBuilder(baseCs) { Database = $"analytics_bench_api_{contacts}" }.ConnectionString;
        await using (var check = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(baseCs) { Database = "postgres" }.ConnectionString))
        await using (var cmd = check.CreateCommand($"SELECT 1 FROM pg_database WHERE datname = 'analytics_bench_api_{contacts}'"))
            if (await cmd.ExecuteScalarAsync(ct) is null)
                throw new CliUsageException($"no bench database for {contacts} contacts: run ./analytics bench api --contacts {contacts} first");

        // The same services as the host, pointed at the bench database.
        var builder = Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:Analytics", cs)]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAnalyticsCore(builder.Configuration);
        using var host = builder.Build();
        var period = new Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var dir = Path.Combine(Path.GetTempPath(), "analytics-bench-reports");
        var totals = new List<double>();
        var perFamily = ReportJobs.Families.ToDictionary(f => f, _ => new List<double>());
        for (var run = 0; run < runs; run++)
        {
            var all = Stopwatch.StartNew();
            foreach (var family in ReportJobs.Families)
            {
                var clock = Stopwatch.StartNew();
                await using var scope = host.Services.CreateAsyncScope();
                var jobs = scope.ServiceProvider.GetRequiredService<ReportJobs>();
                await jobs.RenderAsync(family, period, ReportLanguage.Nl, dir, ct);
                await jobs.RenderAsync(family, period, ReportLanguage.En, dir, ct);
                perFamily[family].Add(clock.Elapsed.TotalSeconds);
            }
            totals.Add(all.Elapsed.TotalSeconds);
        }
        foreach (var (family, times) in perFamily)
            Console.WriteLine(FormattableString.Invariant($"report_{family}_seconds: {Median(times):F2}"));
        Console.WriteLine(FormattableString.Invariant($"reports_all_families_seconds: {Median(totals):F2}"));
        Console.WriteLine($"reports_contacts: {contacts}");
        return 0;
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
