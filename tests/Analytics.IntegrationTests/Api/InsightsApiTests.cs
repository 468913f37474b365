using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>The insights over HTTP: routes, roles and problem details (the statistics themselves are tested in Insights/).</summary>
public sealed class InsightsApiTests : SeededApiTests
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    [Theory]
    [InlineData("/api/v1/insights/fcr?from=2026-03-01&to=2026-03-31&groupBy=reason")]
    [InlineData("/api/v1/insights/drivers?from=2026-03-01&to=2026-03-31")]
    [InlineData("/api/v1/insights/failure-demand?from=2026-03-01&to=2026-03-31")]
    [InlineData("/api/v1/insights/alerts?from=2026-03-01&to=2026-03-31")]
    public async Task AggregateInsightsAnswerAnAnalyst(string url)
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var response = await analyst.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(JsonValueKind.Undefined, (await response.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/insights/agents/ranking?from=2026-03-01&to=2026-03-31")]
    [InlineData("/api/v1/insights/agents/behaviour?from=2026-03-01&to=2026-03-31")]
    [InlineData("/api/v1/insights/gaming?from=2026-03-01&to=2026-03-31")]
    [InlineData("/api/v1/insights/fcr?from=2026-03-01&to=2026-03-31&groupBy=agent")]
    public async Task AgentLevelInsightsAreForbiddenToAnAnalystAndAuditedForAQualityManager(string url)
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(url)).StatusCode);
        using var quality = await Host.ClientAsync(Roles.QualityManager);
        Assert.Equal(HttpStatusCode.OK, (await quality.GetAsync(url)).StatusCode);
        Assert.Equal(1, await Db.ScalarAsync($"SELECT count(*) FROM audit_log WHERE role = 'quality-manager' AND path = '{url.Split('?')[0]}'"));
    }

    [Fact]
    public async Task TheAgentRankingShowsRawAndShrunkFigures()
    {
        using var quality = await Host.ClientAsync(Roles.QualityManager);
        var body = await quality.GetFromJsonAsync<JsonElement>($"/api/v1/insights/agents/ranking?{March}");
        var agents = body.GetProperty("agents");
        Assert.Equal(3, agents.GetArrayLength());
        Assert.All(agents.EnumerateArray(), a =>
        {
            Assert.True(a.TryGetProperty("raw", out _));
            Assert.True(a.TryGetProperty("shrunk", out _));
            Assert.True(a.GetProperty("tooFewResponses").GetBoolean()); // 2 to 4 surveys each: never ranked on noise
            Assert.Equal(JsonValueKind.Null, a.GetProperty("tier").ValueKind); // nor put above or below the team
            // Figures are rounded to two decimals, as on every other endpoint (2 of 3 promoters is 33.33, not 33.333…).
            foreach (var estimate in new[] { "raw", "shrunk" })
                foreach (var part in new[] { "value", "low", "high" })
                {
                    var v = a.GetProperty(estimate).GetProperty(part).GetDouble();
                    Assert.Equal(Math.Round(v, 2), v);
                }
            var teamNps = a.GetProperty("teamNps").GetDouble();
            Assert.Equal(Math.Round(teamNps, 2), teamNps);
        });
    }

    [Theory]
    [InlineData("/api/v1/insights/fcr?from=2026-03-01&to=2026-03-31&groupBy=colour", "groupBy")]
    [InlineData("/api/v1/insights/fcr?from=2026-03-31&to=2026-03-01", "from")]
    [InlineData("/api/v1/insights/fcr?from=2024-01-01&to=2026-03-31&groupBy=day", "groupBy")]
    [InlineData("/api/v1/insights/drivers?from=2026-03-01&to=2026-03-31&type=mood", "type")]
    public async Task BadInsightParametersAre400NamingTheParameter(string url, string parameter)
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var response = await analyst.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(parameter, out _));
    }
}
