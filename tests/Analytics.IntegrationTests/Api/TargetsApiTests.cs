using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

public sealed class TargetsApiTests : SeededApiTests
{

    [Fact]
    public async Task ProgressShowsTheCurrentValueTheTrendAndTheExpectedDate()
    {
        var created = await Http.PostAsJsonAsync("/api/v1/targets", new
        {
            name = "NPS centrum 2026", metric = "nps", startDate = "2026-02-01", startValue = -10, dueDate = "2026-09-30", targetValue = 50,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var p = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/targets/{id}/progress?asOf=2026-03-31");
        // Last 30 days (2–31 March): 10 responses, NPS +30. Months: February −100 (n 1), March +30 (n 10): trend +130 a month.
        Assert.Equal((30.0, 10), (p.GetProperty("current").GetDouble(), p.GetProperty("currentN").GetInt32()));
        Assert.Equal(66.67, Math.Round(p.GetProperty("progressPercent").GetDouble(), 2)); // (30 − −10) / (50 − −10)
        Assert.Equal(130.0, Math.Round(p.GetProperty("trendPerMonth").GetDouble(), 6));
        Assert.Equal("2026-04-05", p.GetProperty("expectedDate").GetString());            // 20 points at 130 a month: 5 days
        Assert.True(p.GetProperty("onTrack").GetBoolean());
    }

    [Fact]
    public async Task ABadTargetIsRefusedNamingTheFields()
    {
        var response = await Http.PostAsJsonAsync("/api/v1/targets", new
        {
            name = "x", metric = "nps", team = "T99", startDate = "2026-09-01", startValue = -10, dueDate = "2026-01-01", targetValue = 120,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var f in new[] { "team", "dueDate", "targetValue" }) Assert.True(errors.TryGetProperty(f, out _), f);
    }
}
