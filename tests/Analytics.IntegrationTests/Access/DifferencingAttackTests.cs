using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Analytics.IntegrationTests.Access;

/// <summary>
/// The attacks a curious analyst tried, over the committed sample centre (teams of 10, 9, 9, 5 and 7 agents) with a
/// k-threshold of 6 agents, so team T4 is suppressed for an analyst. The documented tolerance (docs/security.md): a
/// count recovered by differencing is off by about 2 on average and exact in about one attempt in four; over the
/// attempts below at most 40% may be exact and the mean error must be at least 1. The error is measured against the
/// same arithmetic over exact figures, so only the perturbation counts, not contacts that belong to no team.
/// </summary>
public sealed partial class DifferencingAttackTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ApiHost _host = null!;
    private HttpClient _analyst = null!, _quality = null!, _cx = null!;
    private static readonly string[] Months = ["01", "02", "03", "04", "05", "06"];

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        // One fixed cell key (the host reads it on first use), so every run meets the same noise. With the migration's
        // random key the three-way split's 12 recoveries were exact in 0–17% of them in three runs and in 42% in a
        // fourth (session 11): a tail of the draw failing the build, not a change. docs/security.md has the spread.
        await using (var superuser = new NpgsqlConnection(_db.SuperuserConnectionString))
        {
            await superuser.OpenAsync();
            await using var fix = new NpgsqlCommand(
                "UPDATE privacy_secrets SET value = sha256(convert_to('differencing-attack-tests', 'UTF8')) WHERE name = 'cell-key'",
                superuser);
            Assert.Equal(1, await fix.ExecuteNonQueryAsync());
        }
        _host = new ApiHost(_db, settings: new Dictionary<string, string?> { ["Privacy:MinimumAgents"] = "6" });
        foreach (var kind in new[] { "reasons", "contacts", "surveys" })
            await _host.Service<IngestService>().IngestFileAsync(kind, Reports.SampleReports.SamplePath(kind + ".csv"), default);
        await _db.ExecAsync("ANALYZE");
        _analyst = await _host.ClientAsync(Roles.Analyst);
        _quality = await _host.ClientAsync(Roles.QualityManager);
        _cx = await _host.ClientAsync(Roles.CxManager);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task TotalMinusVisibleGroupsMissesTheSuppressedTeam()
    {
        var errors = new List<int>();
        foreach (var month in Months)
        {
            var period = $"from=2026-{month}-01&to={LastDay(month)}";
            foreach (var (path, counts) in new[]
                     {
                         ("/api/v1/metrics/nps", new[] { "n", "promoters", "detractors" }),
                         ("/api/v1/metrics/contacts", new[] { "contacts", "served" }),
                         ("/api/v1/insights/fcr", new[] { "contacts", "resolved" }),
                     })
            {
                var byTeam = await Groups(_analyst, $"{path}?{period}&groupBy=team");
                var total = (await Groups(_analyst, $"{path}?{period}")).Single();
                var hidden = byTeam.Single(g => g.GetProperty("group").GetString() == "T4");
                Assert.True(hidden.GetProperty("suppressed").GetBoolean(), $"{path} {month}: T4 not suppressed");
                var visible = byTeam.Where(g => !g.GetProperty("suppressed").GetBoolean())
                    .Select(g => g.GetProperty("group").GetString()).ToHashSet();
                // The same sum over exact figures: what the attack would give without perturbation.
                var exactByTeam = await Groups(_quality, $"{path}?{period}&groupBy=team");
                var exactTotal = (await Groups(_quality, $"{path}?{period}")).Single();
                foreach (var count in counts)
                {
                    var recovered = Count(total, count) - byTeam.Where(g => visible.Contains(g.GetProperty("group").GetString())).Sum(g => Count(g, count));
                    var exact = Count(exactTotal, count) - exactByTeam.Where(g => visible.Contains(g.GetProperty("group").GetString())).Sum(g => Count(g, count));
                    errors.Add(recovered - exact);
                }
            }
        }
        AssertMisses(errors, "total − visible");
    }

    [Fact]
    public async Task AThreeWaySplitByChannelMissesToo()
    {
        var errors = new List<int>();
        foreach (var month in Months)
        {
            var period = $"from=2026-{month}-01&to={LastDay(month)}";
            // T4's contacts (and served) as (all of a channel) − (the channel's visible teams), over phone, chat and
            // e-mail; the same sums over exact figures are what the attack would give without perturbation.
            foreach (var count in new[] { "contacts", "served" })
            {
                var (recovered, exact) = (0, 0);
                foreach (var channel in new[] { "phone", "chat", "email" })
                {
                    var query = $"/api/v1/metrics/contacts?{period}&channel={channel}";
                    var teams = await Groups(_analyst, query + "&groupBy=team");
                    var visible = teams.Where(g => !g.GetProperty("suppressed").GetBoolean())
                        .Select(g => g.GetProperty("group").GetString()).ToHashSet();
                    recovered += Count((await Groups(_analyst, query)).Single(), count)
                                 - teams.Where(g => visible.Contains(g.GetProperty("group").GetString())).Sum(g => Count(g, count));
                    exact += Count((await Groups(_quality, query)).Single(), count)
                             - (await Groups(_quality, query + "&groupBy=team"))
                                 .Where(g => visible.Contains(g.GetProperty("group").GetString())).Sum(g => Count(g, count));
                }
                errors.Add(recovered - exact);
            }
        }
        AssertMisses(errors, "three-way split");
    }

    [Fact]
    public async Task OverlappingPeriodsCannotIsolateADayAndAskingAgainGivesTheSameNoise()
    {
        var ragged = await _analyst.GetAsync("/api/v1/metrics/nps?from=2026-03-02&to=2026-03-31&groupBy=team");
        Assert.Equal(HttpStatusCode.BadRequest, ragged.StatusCode);
        Assert.Contains("\"from\"", await ragged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await _analyst.GetAsync("/api/v1/metrics/contacts?from=2026-03-01&to=2026-03-31&interval=day")).StatusCode);
        // Whole weeks are allowed: 2026-03-02 is a Monday, 2026-03-29 a Sunday.
        Assert.Equal(HttpStatusCode.OK, (await _analyst.GetAsync("/api/v1/metrics/nps?from=2026-03-02&to=2026-03-29")).StatusCode);

        // The same cell asked twice, or asked as a filter instead of a group, has the same noise: nothing to average.
        const string march = "from=2026-03-01&to=2026-03-31";
        var first = (await Groups(_analyst, $"/api/v1/metrics/nps?{march}&groupBy=team")).Single(g => g.GetProperty("group").GetString() == "T1");
        var again = (await Groups(_analyst, $"/api/v1/metrics/nps?{march}&groupBy=team")).Single(g => g.GetProperty("group").GetString() == "T1");
        var filtered = (await Groups(_analyst, $"/api/v1/metrics/nps?{march}&team=T1")).Single();
        Assert.Equal(Count(first, "n"), Count(again, "n"));
        Assert.Equal(Count(first, "n"), Count(filtered, "n"));
        // An agent-level role sees the exact counts.
        var exact = (await Groups(_quality, $"/api/v1/metrics/nps?{march}&groupBy=team")).Single(g => g.GetProperty("group").GetString() == "T1");
        output.WriteLine($"T1 in March: published n {Count(first, "n")}, exact {Count(exact, "n")}");
    }

    private void AssertMisses(List<int> errors, string attack, double maxExact = 0.4, double minMeanError = 1, int minRecoveries = 6)
    {
        Assert.True(errors.Count >= minRecoveries, $"{attack}: only {errors.Count} recoveries");
        var exact = errors.Count(e => e == 0) / (double)errors.Count;
        var meanError = errors.Average(e => Math.Abs(e));
        output.WriteLine($"{attack}: {errors.Count} recoveries, exact {exact:P0}, mean |error| {meanError:0.00}: {string.Join(" ", errors)}");
        Assert.True(exact <= maxExact, $"{attack}: {exact:P0} of the recovered counts are exact");
        Assert.True(meanError >= minMeanError, $"{attack}: the recovered counts are off by only {meanError:0.00} on average");
    }

    private static async Task<List<JsonElement>> Groups(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("groups").EnumerateArray().ToList();
    }

    private static int Count(JsonElement group, string name) =>
        group.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    private static string LastDay(string month) =>
        new DateOnly(2026, int.Parse(month, System.Globalization.CultureInfo.InvariantCulture), 1).AddMonths(1).AddDays(-1)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
