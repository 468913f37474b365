using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Metrics;

public sealed class NpsApiTests : SeededApiTests
{

    [Fact]
    public async Task NpsOfTheFixtureEqualsTheHandComputedValue()
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31");
        var all = body.GetProperty("groups")[0];
        Assert.Equal(10, all.GetProperty("n").GetInt32());
        Assert.Equal(30.0, all.GetProperty("value").GetDouble());
        Assert.Equal((5, 3, 2), (all.GetProperty("promoters").GetInt32(), all.GetProperty("passives").GetInt32(), all.GetProperty("detractors").GetInt32()));
        Assert.True(all.GetProperty("low").GetDouble() < 30 && all.GetProperty("high").GetDouble() > 30);
        Assert.True(all.GetProperty("tooFewResponses").GetBoolean()); // 10 < the default minimum of 30
    }

    [Fact]
    public async Task NpsPerTeamSplitsTheResponses()
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=team");
        var groups = body.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(2, groups.Count);
        Assert.Equal(6, groups["T1"].GetProperty("n").GetInt32());
        Assert.Equal(33.33, groups["T1"].GetProperty("value").GetDouble());
        Assert.Equal(4, groups["T2"].GetProperty("n").GetInt32());
        Assert.Equal(25.0, groups["T2"].GetProperty("value").GetDouble());
        Assert.Equal("Team Zuid", groups["T2"].GetProperty("name").GetString());
    }

    [Fact]
    public async Task NpsPerWeekNamesEachIsoWeekByItsMondayAndSplitsByTeamWithinIt()
    {
        // Week of Mon 2 March: S1..S6 (10, 9, 8, 9, 3, 7) → P3 Pa2 D1 = +33.33; week of 9 March: S7..S10 (0, 10, 9, 8) → +25.
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&interval=week");
        Assert.Equal("week", body.GetProperty("interval").GetString());
        var weeks = body.GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("period").GetString(), g.GetProperty("n").GetInt32(), g.GetProperty("value").GetDouble())).ToList();
        Assert.Equal([("2026-03-02", 6, 33.33), ("2026-03-09", 4, 25.0)], weeks);

        // Per month and team, February included: S11 (0) is Team Noord's only February response.
        var byTeam = await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-02-01&to=2026-03-31&interval=month&groupBy=team");
        var cells = byTeam.GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("period").GetString(), g.GetProperty("group").GetString(), g.GetProperty("n").GetInt32())).ToList();
        Assert.Equal([("2026-02", "T1", 1), ("2026-03", "T1", 6), ("2026-03", "T2", 4)], cells);
    }

    [Fact]
    public async Task AcceptTextCsvGivesTheSameGroupsAsTheJson()
    {
        const string url = "/api/v1/metrics/nps?from=2026-02-01&to=2026-03-31&groupBy=team&interval=month";
        var json = (await Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("groups").EnumerateArray()
            .Select(g => $"{g.GetProperty("period").GetString()}|{g.GetProperty("group").GetString()}|{g.GetProperty("n").GetInt32()}|{g.GetProperty("value").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await Http.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var header = lines[0].ToList();
        var csv = lines.Skip(1).Select(f => $"{f[header.IndexOf("period")]}|{f[header.IndexOf("group")]}|{f[header.IndexOf("n")]}|{f[header.IndexOf("value")]}").ToList();
        Assert.Equal(3, json.Count);
        Assert.Equal(json, csv);
    }

    [Fact]
    public async Task TheQueueFilterKeepsOnlyThatQueuesResponses()
    {
        // Queue billing in March: K1 (S1 = 10), K4 (S4 = 9), K6 (S8 = 10) → three promoters.
        var all = (await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&queue=billing")).GetProperty("groups")[0];
        Assert.Equal((3, 100.0), (all.GetProperty("n").GetInt32(), all.GetProperty("value").GetDouble()));
    }

    [Theory]
    [InlineData("interval=hour", "interval")]
    [InlineData("interval=day&from=2024-01-01&to=2026-03-31", "interval")]
    public async Task ABadIntervalIsAProblemNamingTheParameter(string query, string field)
    {
        var response = await Http.GetAsync($"/api/v1/metrics/nps?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task NpsPerReasonAndTheDayBoundaryIsAmsterdamTime()
    {
        // S8 was answered on 9 March 20:00 CET; asking for 9 March only must include it and nothing else.
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-09&to=2026-03-09&groupBy=reason");
        var g = Assert.Single(body.GetProperty("groups").EnumerateArray());
        Assert.Equal("FAC-ONDUID", g.GetProperty("group").GetString());
        Assert.Equal(1, g.GetProperty("n").GetInt32());
        Assert.Equal(100.0, g.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task WhenAContactIsRecodedItsSurveysFollowInTheReasonSplit()
    {
        // K1 (survey S1, score 10) moves from FAC-ONDUID to VER-ADRES in a corrected re-export.
        var recoded = Fixtures.Contacts.Replace("C1,FAC-ONDUID,klant begreep", "C1,VER-ADRES,klant begreep");
        var batch = await Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream(recoded), "contacts-v2.csv", default);
        Assert.Equal(1, batch.Updated);
        await Task.Delay(1100);
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=reason");
        var groups = body.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g.GetProperty("n").GetInt32());
        // Before: FAC-ONDUID S1,S4,S8 = 3, VER-ADRES S5,S6,S9,S10 = 4. After: 2 and 5.
        Assert.Equal((2, 5), (groups["FAC-ONDUID"], groups["VER-ADRES"]));
    }

    [Fact]
    public async Task NpsPerPredictedReasonUsesTheActiveModelsLabels()
    {
        // An active reasons model that says K1 and K2 were about STO-INT and K4 is unknown; other contacts are not scored.
        await using (var db = Db.NewDbContext())
        {
            db.Models.Add(new Analytics.Models.ModelRecord { Kind = "reasons", Version = 1, DataHash = "x", MetricsJson = "{}", Artifact = [], Active = true, TrainedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await Db.ScalarAsync("""
            INSERT INTO predictions (contact_id, model_id, kind, label, confidence, created_utc)
            SELECT c.id, (SELECT id FROM models), 'reasons', CASE WHEN c.source_id = 'K4' THEN 'unknown' ELSE 'STO-INT' END, 0.9, now()
            FROM contacts c WHERE c.source_id IN ('K1', 'K2', 'K4') RETURNING 1
            """);
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=predictedReason");
        var groups = body.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g.GetProperty("n").GetInt32());
        // K1 (S1) and K2 (S2) → STO-INT: 2; K4 (S4) → unknown: 1; the other 7 March responses have no prediction.
        Assert.Equal((2, 1, 7), (groups["STO-INT"], groups["unknown"], groups["(not scored)"]));
    }

    [Fact]
    public async Task ACachedFigureChangesAsSoonAsANewBatchLands()
    {
        const string url = "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31";
        Assert.Equal(10, (await Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("groups")[0].GetProperty("n").GetInt32());
        var csv = "response_id,type,score,responded_at,contact_id\nS99,nps,0,2026-03-20T10:00:00+01:00,K1\n";
        await Host.Service<IngestService>().IngestAsync("surveys", Fixtures.Stream(csv), "late.csv", default);
        await Task.Delay(1100); // the data version is read at most once a second
        var after = (await Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("groups")[0];
        // 5 promoters, 3 passives, 3 detractors of 11: (5 - 3) / 11 = +18.18
        Assert.Equal((11, 18.18), (after.GetProperty("n").GetInt32(), after.GetProperty("value").GetDouble()));
    }

    [Theory]
    [InlineData("from=2026-13-01&to=2026-03-31", "from")]
    [InlineData("from=2026-03-31&to=2026-03-01", "from")]
    [InlineData("from=2026-03-01&to=2026-03-31&groupBy=shoe_size", "groupBy")]
    [InlineData("from=2026-03-01&to=2026-03-31&channel=fax", "channel")]
    [InlineData("from=2026-03-01%27%3B%20DROP%20TABLE%20contacts%3B--&to=2026-03-31", "from")]
    public async Task BadParametersAnswer400ProblemDetailsNamingTheParameter(string query, string parameter)
    {
        var response = await Http.GetAsync($"/api/v1/metrics/nps?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors should name '{parameter}': {problem}");
        Assert.Equal(9, await Db.ScalarAsync("SELECT count(*) FROM contacts"));
    }

    [Fact]
    public async Task AnUnknownMetricIs404AndTheOpenApiDocumentDescribesTheEndpoint()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/metrics/nope?from=2026-03-01")).StatusCode);
        var openApi = await Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/metrics/{type}", openApi);
    }
}
