using System.Diagnostics;
using Analytics.Data;
using Analytics.Insights.Agents;
using Analytics.Insights.Alerts;
using Analytics.Insights.Drivers;
using Analytics.Insights.Repeats;
using Analytics.Insights.Rollups;
using Analytics.Metrics;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `bench insights [--contacts N] [--runs R] [--database NAME]`: brings the bench database that `bench api` fills (or NAME) up
/// to date (migrations, then a full refresh of every derived table the queries read, timed as insights_refresh_s), then
/// times each main insight query for one month and prints the median per query (no answer cache: every run computes).
/// </summary>
internal sealed class InsightsBenchmark : IBenchmark
{
    public string Name => "insights";
    public string Usage => "insights [--contacts 1000000] [--runs 3] [--database analytics_bench_api_1000000]";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var contacts = args.GetInt("contacts", 1_000_000);
        var runs = args.GetInt("runs", 3);
        var baseCs = ServiceRegistration.ConnectionString(services.GetRequiredService<IConfiguration>());
        var database = args.Get("database") ?? $"analytics_bench_api_{contacts}";
        var cs = new NpgsqlConnectionStringBuilder(baseCs) { Database = database }.ConnectionString;
        var builder = Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:Analytics", cs)]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAnalyticsCore(builder.Configuration);
        using var host = builder.Build();
        var sp = host.Services;
        await using (var scope = sp.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Database.MigrateAsync(ct);
        var cube = await sp.GetRequiredService<SurveyCube>().RefreshAsync(ct);
        var rollups = sp.GetRequiredService<InsightRollups>();
        var rolled = await rollups.RefreshAsync(ct);
        Console.WriteLine(FormattableString.Invariant($"insights_refresh_s: {(cube + rolled).TotalSeconds:F1} (survey cube {cube.TotalSeconds:F1}, insight rollups {rolled.TotalSeconds:F1}: {rollups.LastStages})"));
        var month = new Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var queries = new (string Name, Func<Task> Run)[]
        {
            ("nps_by_team", () => sp.GetRequiredService<SurveyMetrics>().QueryAsync("nps", "team", new SurveyFilter(month), ct)),
            ("nps_by_reason", () => sp.GetRequiredService<SurveyMetrics>().QueryAsync("nps", "reason", new SurveyFilter(month), ct)),
            ("contact_kpis_by_channel", () => sp.GetRequiredService<ContactMetrics>().QueryAsync(month, "channel", ct: ct)),
            // Filtered and per week: one dimension narrowed is still read from the rollup, two (or a language) need the rows for the median.
            ("contact_kpis_phone_by_queue_weekly", () => sp.GetRequiredService<ContactMetrics>().QueryAsync(month, "queue",
                filter: new ContactFilter(Channel: "phone"), interval: "week", ct: ct)),
            ("contact_kpis_phone_nl_by_team", () => sp.GetRequiredService<ContactMetrics>().QueryAsync(month, "team",
                filter: new ContactFilter(Channel: "phone", Language: "nl"), ct: ct)),
            ("fcr_by_reason", () => sp.GetRequiredService<RepeatAnalysis>().FcrAsync(month, "reason", new RepeatOptions(), ct: ct)),
            ("fcr_phone_nl_by_team_weekly", () => sp.GetRequiredService<RepeatAnalysis>().FcrAsync(month, "team", new RepeatOptions(),
                filter: new ContactFilter(Channel: "phone", Language: "nl"), interval: "week", ct: ct)),
            ("fair_agent_ranking", () => sp.GetRequiredService<FairRanking>().RankAsync(month, ct: ct)),
            ("detractor_drivers", () => sp.GetRequiredService<DriverAnalysis>().AnalyseAsync(month, ct: ct)),
            ("failure_demand", () => sp.GetRequiredService<FailureDemand>().ByDepartmentAsync(month, ct)),
            ("emerging_reason_alerts", () => sp.GetRequiredService<EmergingReasons>().DetectAsync(month, ct)),
        };
        foreach (var (name, run) in queries)
        {
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                await run();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(FormattableString.Invariant($"insights_{name}_ms: {times[times.Count / 2]:F0}"));
        }
        Console.WriteLine($"insights_contacts: {contacts}");
        return 0;
    }
}
