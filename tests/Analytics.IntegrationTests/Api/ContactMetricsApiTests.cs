using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Insights.Rollups;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>
/// Filters, intervals, access and bad values of the contact KPIs and FCR over HTTP, on the hand-made fixture (March:
/// T1 = A1 with K1–K3 and A2 with K4–K5, T2 = B1 with K6–K8; every contact has a customer and was served).
/// </summary>
public sealed class ContactMetricsApiTests() : SeededApiTests(Roles.QualityManager)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    // K2 and K7 were English conversations, K8 has no language, the rest Dutch; then the rollups are rebuilt, so the
    // answers come from them as in production after a batch.
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.ScalarAsync("""
            WITH u AS (UPDATE contacts SET language = CASE source_id WHEN 'K2' THEN 'en' WHEN 'K7' THEN 'en' WHEN 'K8' THEN NULL ELSE 'nl' END
                       RETURNING 1) SELECT count(*) FROM u
            """);
        await Host.Service<InsightRollups>().RefreshAsync(default);
    }

    [Theory]
    [InlineData("channel=phone", 5, "c.channel = 'phone'")]                              // K1 K3 K5 K6 K7
    [InlineData("language=en", 2, "c.language = 'en'")]                                  // K2 K7
    [InlineData("language=Engels", 2, "c.language = 'en'")]                              // a language's name works too
    [InlineData("team=T1&reason=FAC-ONDUID", 2, "t.code = 'T1' AND r.code = 'FAC-ONDUID'")] // K1 K4
    [InlineData("queue=tech&agent=A1", 2, "c.queue = 'tech' AND a.code = 'A1'")]          // K2 K3
    [InlineData("channel=phone&language=nl&team=T2", 1, "c.channel = 'phone' AND c.language = 'nl' AND t.code = 'T2'")] // K6
    public async Task FiltersKeepOnlyTheContactsTheyName(string query, int handCounted, string where)
    {
        var counted = await Db.ScalarAsync($"""
            SELECT count(*) FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN contact_reasons r ON r.id = c.reason_id
            WHERE c.started_utc >= '2026-03-01' AND c.started_utc < '2026-04-01' AND {where}
            """);
        Assert.Equal(handCounted, counted);
        var kpi = Assert.Single((await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/contacts?{March}&{query}")).GetProperty("groups").EnumerateArray());
        Assert.Equal(handCounted, kpi.GetProperty("contacts").GetInt32());
        // Every fixture contact in March is judged for FCR (a customer, served), so FCR counts the same contacts.
        var fcr = Assert.Single((await Http.GetFromJsonAsync<JsonElement>($"/api/v1/insights/fcr?{March}&{query}")).GetProperty("groups").EnumerateArray());
        Assert.Equal(handCounted, fcr.GetProperty("contacts").GetInt32());
    }

    [Fact]
    public async Task PerWeekAndPerLanguageEachRowNamesItsPeriodAndGroup()
    {
        var weeks = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/contacts?{March}&interval=week&groupBy=team");
        Assert.Equal("week", weeks.GetProperty("interval").GetString());
        Assert.Equal([("2026-03-02", "T1", 5), ("2026-03-09", "T2", 3)], Cells(weeks, "contacts"));

        var fcr = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/insights/fcr?{March}&interval=week&groupBy=team");
        Assert.Equal("week", fcr.GetProperty("interval").GetString());
        Assert.Equal([("2026-03-02", "T1", 5), ("2026-03-09", "T2", 3)], Cells(fcr, "contacts"));

        var languages = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/contacts?{March}&groupBy=language&interval=month");
        Assert.Equal([("2026-03", "en", 2), ("2026-03", "nl", 5), ("2026-03", "(none)", 1)], Cells(languages, "contacts"));
    }

    [Fact]
    public async Task EveryParameterIsPartOfTheCachedAnswersKey()
    {
        // Asked one after the other within the cache's lifetime: a parameter missing from the key would repeat an earlier answer.
        (string Query, int Rows, int Contacts)[] asks =
        [
            ("", 1, 8), ("team=T2", 1, 3), ("agent=A2", 1, 2), ("queue=sales", 1, 2), ("channel=chat", 1, 2),
            ("reason=STO-INT", 1, 3), ("language=en", 1, 2), ("interval=week", 2, 8), ("groupBy=language", 3, 8),
        ];
        foreach (var (query, rows, contacts) in asks)
        {
            var groups = (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/contacts?{March}&{query}")).GetProperty("groups");
            Assert.Equal((query, rows, contacts), (query, groups.GetArrayLength(), groups.EnumerateArray().Sum(g => g.GetProperty("contacts").GetInt32())));
        }
    }

    [Theory]
    [InlineData("/api/v1/metrics/contacts")]
    [InlineData("/api/v1/insights/fcr")]
    public async Task AnAgentFilterIsForbiddenToAnAnalystAndAuditedForAQualityManager(string path)
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var refused = await analyst.GetAsync($"{path}?{March}&agent=A1");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"{path}?{March}&groupBy=agent")).StatusCode);
        // Refused attempts are audited too: a works council asks who tried, not only who saw.
        Assert.Equal(2, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE role = 'analyst' AND status = 403"));

        var kpi = Assert.Single((await Http.GetFromJsonAsync<JsonElement>($"{path}?{March}&agent=A1")).GetProperty("groups").EnumerateArray());
        Assert.Equal(3, kpi.GetProperty("contacts").GetInt32());
        Assert.Equal(1, await Db.ScalarAsync($"SELECT count(*) FROM audit_log WHERE role = 'quality-manager' AND path = '{path}' AND query LIKE '%agent=A1%' AND status = 200"));
    }

    [Theory]
    [InlineData("/api/v1/metrics/contacts")]
    [InlineData("/api/v1/insights/fcr")]
    public async Task GroupsWithTooFewAgentsAreSuppressedForAnAnalyst(string path)
    {
        // Both teams have fewer than 5 agents: an analyst sees that they exist, not their figures; a quality manager sees all.
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var body = await analyst.GetFromJsonAsync<JsonElement>($"{path}?{March}&groupBy=team&channel=phone");
        Assert.Equal(["T1", "T2"], body.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        Assert.All(body.GetProperty("groups").EnumerateArray(), g =>
        {
            Assert.True(g.GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, g.GetProperty("contacts").ValueKind);
        });
        var full = await Http.GetFromJsonAsync<JsonElement>($"{path}?{March}&groupBy=team&channel=phone");
        Assert.All(full.GetProperty("groups").EnumerateArray(), g => Assert.False(g.GetProperty("suppressed").GetBoolean()));

        // With a threshold of two agents Team Noord (A1, A2) is large enough and Team Zuid (B1 alone) is not.
        await using var host = new ApiHost(Db, settings: new Dictionary<string, string?> { ["Privacy:MinimumAgents"] = "2" });
        using var lenient = await host.ClientAsync(Roles.Analyst);
        var groups = (await lenient.GetFromJsonAsync<JsonElement>($"{path}?{March}&groupBy=team")).GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("group").GetString()!);
        // Visible to the analyst, with its count perturbed by at most 2 (cell-key method; exact is 5).
        Assert.False(groups["T1"].GetProperty("suppressed").GetBoolean());
        Assert.InRange(groups["T1"].GetProperty("contacts").GetInt32(), 3, 7);
        Assert.True(groups["T2"].GetProperty("suppressed").GetBoolean());
    }

    [Theory]
    [InlineData("interval=hour", "interval")]
    [InlineData("interval=day&from=2024-01-01&to=2026-03-31", "interval")]
    [InlineData("groupBy=colour", "groupBy")]
    [InlineData("language=klingon", "language")]
    [InlineData("channel=fax", "channel")]
    [InlineData("from=2026-02-30", "from")]
    public async Task BadValuesAre400NamingTheParameter(string query, string parameter)
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        foreach (var path in new[] { "/api/v1/metrics/contacts", "/api/v1/insights/fcr" })
        {
            var response = await analyst.GetAsync($"{path}?{(query.Contains("from=") ? "" : March + "&")}{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"{path}: errors should name '{parameter}': {problem}");
        }
    }

    private static List<(string?, string?, int)> Cells(JsonElement body, string count) =>
        body.GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("period").GetString(), g.GetProperty("group").GetString(), g.GetProperty(count).GetInt32())).ToList();
}
