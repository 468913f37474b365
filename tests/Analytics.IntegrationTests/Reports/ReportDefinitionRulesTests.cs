using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Api.Reports;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reporting;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Reports;

/// <summary>A definition mails PDFs unattended: to allowed domains, at most hourly, with a one-line subject.</summary>
public sealed class ReportDefinitionRulesTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ApiHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Reports:AllowedRecipientDomains:0"] = "example.nl",
        });
        _http = await _host.ClientAsync();
        await Fixtures.LoadAllAsync(_host.Service<IngestService>());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task AnAllowedDefinitionIsCreated() =>
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(Valid())).StatusCode);

    [Theory]
    [InlineData("boss@evil.example")]
    [InlineData("cx@example.nl.evil.example")]
    [InlineData("Boss <cx@example.nl>")]
    [InlineData("cx@example.nl, other@evil.example")]
    [InlineData("cx@example.nl\r\nBcc: other@evil.example")]
    [InlineData("x@y")]
    public async Task ARecipientOutsideTheAllowedDomainsOrNotAPlainAddressIsRefused(string recipient) =>
        await AssertRefusedAsync(Valid() with { Recipients = ["cx@example.nl", recipient] }, "recipients");

    [Fact]
    public async Task WithoutAllowedDomainsNoRecipientIsAccepted()
    {
        var db = new TestDatabase();
        await db.InitializeAsync();
        try
        {
            await using var host = new ApiHost(db);
            using var http = await host.ClientAsync();
            await Fixtures.LoadAllAsync(host.Service<IngestService>());
            var response = await http.PostAsJsonAsync("/api/v1/reports/definitions", Valid());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("AllowedRecipientDomains", await ErrorAsync(response, "recipients"));
            var mailless = await http.PostAsJsonAsync("/api/v1/reports/definitions",
                Valid() with { Recipients = null });
            Assert.Equal(HttpStatusCode.Created, mailless.StatusCode);
        }
        finally { await db.DisposeAsync(); }
    }

    [Theory]
    [InlineData("Maandrapport\r\nBcc: other@evil.example")]
    [InlineData("Maandrapport\nX-Extra: 1")]
    [InlineData("Maand\trapport")]
    [InlineData("Maand\u2028rapport")]
    public async Task ASubjectWithControlCharactersIsRefused(string name) =>
        await AssertRefusedAsync(Valid() with { Name = name }, "name");

    [Fact]
    public async Task ATooLongNameIsRefused() =>
        await AssertRefusedAsync(Valid() with { Name = new string('x', 201) }, "name");

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("*/30 * * * *")]
    [InlineData("0,59 * * * *")]
    [InlineData("* 7 1 * *")]
    [InlineData("0,59 0,23 * * *")]
    public async Task AScheduleMoreOftenThanHourlyIsRefused(string cron) =>
        await AssertRefusedAsync(Valid() with { Cron = cron }, "cron");

    [Theory]
    [InlineData("0 * * * *")]
    [InlineData("0 7 * * 1")]
    public async Task AnHourlyOrRarerScheduleIsAccepted(string cron) =>
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(Valid() with { Cron = cron })).StatusCode);

    [Fact]
    public async Task ADefinitionWithoutCronIsABadRequestNamingCron()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/reports/definitions",
            new { name = "zonder", family = "reasons" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await ErrorAsync(response, "cron"));
    }

    [Fact]
    public async Task AnUpdateIsHeldToTheSameRules()
    {
        var created = await CreateAsync(Valid());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var response = await _http.PutAsJsonAsync($"/api/v1/reports/definitions/{id}",
            Valid() with { Cron = "* * * * *", Recipients = ["a@evil.example"] });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("cron", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("recipients", out _), errors.ToString());
    }

    [Fact]
    public async Task AnOldRowThatRunsEveryMinuteIsLeftOffTheSchedulerAtStart()
    {
        int often, monthly;
        await using (var db = _db.NewDbContext())
        {
            var rows = new[]
            {
                new ReportDefinition { Name = "elke minuut", Family = "reasons", Cron = "* * * * *" },
                new ReportDefinition { Name = "maandelijks", Family = "reasons", Cron = "0 7 1 * *" },
            };
            db.ReportDefinitions.AddRange(rows);
            await db.SaveChangesAsync();
            (often, monthly) = (rows[0].Id, rows[1].Id);
        }
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReportSchedule>().SyncAllAsync(default);
        using var connection = _host.Services.GetRequiredService<JobStorage>().GetConnection();
        var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();
        Assert.Contains(ReportSchedule.JobId(monthly), ids);
        Assert.DoesNotContain(ReportSchedule.JobId(often), ids);
    }

    private sealed record Definition(string Name, string Family, string? Cron, string[]? Recipients,
        string? Team = null);

    private static Definition Valid() => new("Redenen maandelijks", "reasons", "0 7 1 * *", ["cx@example.nl"], "T1");

    private Task<HttpResponseMessage> CreateAsync(Definition d) =>
        _http.PostAsJsonAsync("/api/v1/reports/definitions", d);

    private async Task AssertRefusedAsync(Definition d, string field)
    {
        var response = await CreateAsync(d);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await ErrorAsync(response, field));
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages),
            $"no error for {field}: {body}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }
}
