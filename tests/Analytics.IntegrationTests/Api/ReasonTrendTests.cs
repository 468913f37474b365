using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

public sealed class ReasonTrendTests : SeededApiTests
{
    private static List<(string?, string?, int, double)> Points(JsonElement body) => body.GetProperty("points").EnumerateArray()
        .Select(p => (p.GetProperty("period").GetString(), p.GetProperty("code").GetString(), p.GetProperty("contacts").GetInt32(),
            p.GetProperty("sharePercent").GetDouble())).ToList();

    [Fact]
    public async Task WeeklyCountsPerReasonWithTheirShareOfTheWeek()
    {
        // Week of 2 March: K1 FAC, K2 STO, K3 STO, K4 FAC, K5 VER (5); week of 9 March: K6 FAC, K7 STO, K8 VER (3).
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/reasons/trend?from=2026-03-01&to=2026-03-31&interval=week");
        Assert.Equal(
        [
            ("2026-03-02", "FAC-ONDUID", 2, 40.0), ("2026-03-02", "STO-INT", 2, 40.0), ("2026-03-02", "VER-ADRES", 1, 20.0),
            ("2026-03-09", "FAC-ONDUID", 1, 33.33), ("2026-03-09", "STO-INT", 1, 33.33), ("2026-03-09", "VER-ADRES", 1, 33.33),
        ], Points(body));
    }

    [Fact]
    public async Task OneReasonsMonthlySeriesKeepsItsShareOfAllContacts()
    {
        // FAC-ONDUID: February K9 (the only February contact) = 100%; March K1, K4, K6 of 8 = 37.5%.
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/reasons/trend?from=2026-02-01&to=2026-03-31&interval=month&reason=FAC-ONDUID");
        Assert.Equal([("2026-02", "FAC-ONDUID", 1, 100.0), ("2026-03", "FAC-ONDUID", 3, 37.5)], Points(body));
    }

    [Fact]
    public async Task TheRollupGivesExactlyTheTrendTheContactsGive()
    {
        await Host.Service<Analytics.Insights.Rollups.InsightRollups>().RefreshAsync(default);
        var fromRollup = new Analytics.Metrics.ReasonMetrics(Db.DataSource);
        var fromRows = new Analytics.Metrics.ReasonMetrics(Db.DataSource) { UseRollups = false };
        var compared = 0;
        foreach (var period in new[] { new Analytics.Time.Period(new(2026, 2, 1), new(2026, 3, 31)), new Analytics.Time.Period(new(2026, 2, 15), new(2026, 3, 10)),
                     new Analytics.Time.Period(new(2026, 3, 9), new(2026, 3, 9)) })
        foreach (var interval in new[] { "day", "week", "month" })
        foreach (var (team, channel) in new[] { ((string?)null, (string?)null), ("T1", null), (null, "phone"), ("T2", "chat") })
        {
            var raw = await fromRows.TrendAsync(period, interval, default, team, channel);
            Assert.Equal(raw, await fromRollup.TrendAsync(period, interval, default, team, channel));
            compared += raw.Count;
        }
        Assert.True(compared > 50, $"only {compared} points compared");
    }

    [Theory]
    [InlineData("interval=none")]
    [InlineData("interval=quarter")]
    [InlineData("interval=day&from=2020-01-01&to=2026-01-01")]
    public async Task ABadIntervalIsAProblem(string query)
    {
        var response = await Http.GetAsync($"/api/v1/reasons/trend?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("interval", out _));
    }
}
