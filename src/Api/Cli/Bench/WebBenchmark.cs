using System.Diagnostics;
using Npgsql;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `bench web [--contacts 1000000] [--seconds 15] [--users 8]`: the pages on the `bench api` database (built once, then
/// reused), the real host on Kestrel with the production answer cache, and N people signed in through OpenID Connect
/// (<see cref="BenchOpenIdProvider"/>) as quality managers, the role that may open every view. Each named view is asked
/// by all of them at once, each waiting for its answer before asking again, for S seconds: p50/p95/p99 and requests/s.
/// </summary>
internal sealed class WebBenchmark : IBenchmark
{
    public string Name => "web";
    public string Usage => "web [--contacts 1000000] [--seconds 15] [--users 8] [--month 2026-03]";

    private const string Group = "bench-quality";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var contacts = args.GetInt("contacts", 1_000_000);
        var seconds = args.GetInt("seconds", 15);
        var users = args.GetInt("users", 8);
        var month = args.Get("month") ?? "2026-03";
        var baseCs = new NpgsqlConnectionStringBuilder(
            ServiceRegistration.ConnectionString(services.GetRequiredService<IConfiguration>()));
        var cs = new NpgsqlConnectionStringBuilder(baseCs.ConnectionString)
            { Database = $"analytics_bench_api_{contacts}" }.ConnectionString;
        await ApiBenchmark.EnsureDataAsync(baseCs, cs, contacts, ct);
        var views = await ViewsAsync(cs, month, ct);

        await using var provider = await BenchOpenIdProvider.StartAsync(Group, ct);
        var run = new ApiBenchmark.Run(cs, "", seconds, AppContext.BaseDirectory, null, CacheSeconds: 300);
        var (host, url) = await ApiBenchmark.StartHostAsync(run, cached: true, ct, new Dictionary<string, string>
        {
            ["Web__OpenIdConnect__Authority"] = provider.Authority,
            ["Web__OpenIdConnect__RequireHttpsMetadata"] = "false",
            ["Web__OpenIdConnect__ClientId"] = BenchOpenIdProvider.ClientId,
            ["Web__OpenIdConnect__ClientSecret"] = BenchOpenIdProvider.ClientSecret,
            [$"Web__OpenIdConnect__Groups__{Group}__Role"] = Analytics.Access.Roles.QualityManager,
        });
        using var _ = host;
        try
        {
            var people = new List<HttpClient>();
            for (var i = 0; i < users; i++)
                people.Add(await BenchOpenIdProvider.SignInAsync(url, $"bench-user-{i + 1}", ct));
            Console.WriteLine($"web: {contacts:N0} contacts, {users} people signed in, {seconds} s per view, " +
                              $"load {BenchData.LoadAverage()}");
            foreach (var (name, path) in views)
            {
                // Steady state is measured: the first answers (JIT, pools, the cube, the answer cache) come before.
                await DriveAsync(people, url + path, 2, ct);
                var r = await DriveAsync(people, url + path, seconds, ct);
                Console.WriteLine(FormattableString.Invariant(
                    $"{name}: requests_per_s {r.Rps:F0}, p50_ms {r.P50:F1}, p95_ms {r.P95:F1}, p99_ms {r.P99:F1}, ") +
                    FormattableString.Invariant($"errors {r.Errors}, requests {r.Requests}  ({path})"));
            }
            foreach (var person in people) person.Dispose();
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
        return 0;
    }

    /// <summary>
    /// The named views of issue 17 on this database's data: a month's overview; the Pareto of the busiest team, phone
    /// and Dutch; that month's largest reason; the busiest agent of that team; a contact of that month. Null: not
    /// measurable in this build.
    /// </summary>
    private static async Task<List<(string Name, string Path)>> ViewsAsync(string cs, string month,
        CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        var from = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (fromText, toText) = ($"{from:yyyy-MM-dd}", $"{from.AddMonths(1).AddDays(-1):yyyy-MM-dd}");
        async Task<object?> One(string sql, object? team = null)
        {
            await using var cmd = db.CreateCommand(sql);
            cmd.Parameters.AddWithValue("team", team ?? "");
            cmd.Parameters.AddWithValue("from", from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            cmd.Parameters.AddWithValue("to", from.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            return await cmd.ExecuteScalarAsync(ct);
        }
        const string InMonth = "c.started_utc >= @from AND c.started_utc < @to";
        const string Staff = "contacts c JOIN agents a ON a.id = c.agent_id JOIN teams t ON t.id = a.team_id";
        const string Busiest = "ORDER BY count(*) DESC LIMIT 1";
        var team = await One($"SELECT t.code FROM {Staff} WHERE {InMonth} GROUP BY t.code {Busiest}");
        var reason = await One("SELECT r.code FROM contacts c JOIN contact_reasons r ON r.id = c.reason_id " +
                               $"WHERE {InMonth} GROUP BY r.code {Busiest}");
        var agent = await One(
            $"SELECT a.code FROM {Staff} WHERE {InMonth} AND t.code = @team GROUP BY a.code {Busiest}",
            team);
        var contact = await One(
            $"SELECT c.id FROM contacts c WHERE {InMonth} AND c.agent_id IS NOT NULL ORDER BY c.started_utc LIMIT 1");
        var period = $"from={fromText}&to={toText}";
        return
        [
            ("web_overview_month", $"/web/overview?month={month}"),
            ("web_pareto_team_channel_language", $"/web/reasons?{period}&team={team}&channel=phone&language=nl"),
            ("web_reason", $"/web/reasons/{reason}?{period}"),
            ("web_agent", $"/web/quality/agents/{agent}?month={month}"),
            ("web_contact_search_two_filters", $"/web/contacts?{period}&reason={reason}&channel=phone"),
            ("web_contact", $"/web/contacts/{contact}"),
        ];
    }

    /// <summary>Every person asks the page, waits for the whole answer, asks again, for a number of seconds.</summary>
    private static async Task<(double Rps, double P50, double P95, double P99, int Errors, int Requests)> DriveAsync(
        IReadOnlyList<HttpClient> people, string url, int seconds, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var perPerson = await Task.WhenAll(people.Select(async person =>
        {
            var times = new List<double>();
            var errors = 0;
            while (clock.Elapsed < until)
            {
                var start = clock.Elapsed;
                using var answer = await person.GetAsync(url, ct);
                await answer.Content.LoadIntoBufferAsync(ct);
                times.Add((clock.Elapsed - start).TotalMilliseconds);
                if (answer.StatusCode != System.Net.HttpStatusCode.OK) errors++;
            }
            return (times, errors);
        }));
        var all = perPerson.SelectMany(p => p.times).Order().ToList();
        double At(double q) =>
            all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
        var errors = perPerson.Sum(p => p.errors);
        return (all.Count / clock.Elapsed.TotalSeconds, At(0.50), At(0.95), At(0.99), errors, all.Count);
    }
}
