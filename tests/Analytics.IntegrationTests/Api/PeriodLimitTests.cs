using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Analytics.IntegrationTests.Api;

/// <summary>Api:MaxPeriodDays bounds the routes that read contacts row by row; rollup answers keep 10 years.</summary>
public sealed class PeriodLimitTests : SeededApiTests
{
    protected override IDictionary<string, string?>? Settings =>
        new Dictionary<string, string?> { ["Api:MaxPeriodDays"] = "31" };

    [Theory]
    [InlineData("/api/v1/contacts?from=2026-01-01&to=2026-02-01")]
    [InlineData("/api/v1/insights/drivers?from=2026-01-01&to=2026-03-31")]
    [InlineData("/api/v1/insights/fcr?from=2026-01-01&to=2026-03-31&scope=any")]
    [InlineData("/api/v1/insights/fcr?from=2026-01-01&to=2026-03-31&asOf=2026-04-30")]
    public async Task ARawScanOverTheLimitIsRefusedNamingFromAndTo(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("at most 31 days", errors.GetProperty("from")[0].GetString());
        Assert.True(errors.TryGetProperty("to", out _));
    }

    [Theory]
    [InlineData("/api/v1/contacts?from=2026-03-01&to=2026-03-31")]
    [InlineData("/api/v1/insights/fcr?from=2026-01-01&to=2026-03-31")]
    [InlineData("/api/v1/metrics/nps?from=2020-01-01&to=2026-12-31")]
    [InlineData("/api/v1/metrics/contacts?from=2020-01-01&to=2026-12-31")]
    public async Task APeriodWithinTheLimitOrAnsweredFromRollupsIsServed(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(url)).StatusCode);

    [Theory]
    [InlineData("Api:MaxPeriodDays", "0")]
    [InlineData("Ingest:MaxUploadBytes", "0")]
    [InlineData("Ingest:MaxRecordBytes", "100")]
    public async Task AnImpossibleLimitStopsTheHostAtStart(string key, string value)
    {
        await using var host = new ApiHost(Db, settings: new Dictionary<string, string?> { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => host.CreateClient());
        Assert.Contains(key.Split(':')[1], error.Message);
    }
}
