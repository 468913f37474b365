using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reports;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Analytics.IntegrationTests.Reports;

public sealed class ReportApiTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly SmtpSink _smtp = new();
    private ApiHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None", ["Smtp:From"] = "rapporten@example.nl",
            ["Reports:AllowedRecipientDomains:0"] = "example.nl",
        });
        _http = await _host.ClientAsync();
        await Fixtures.LoadAllAsync(_host.Service<IngestService>());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task RunNowRendersAPdfThatIsListedAndDownloadable()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/reports/run", new { family = "reasons", from = "2026-03-01", to = "2026-03-31", language = "en" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"reasons_2026-03-01_2026-03-31_en_{run.GetProperty("id").GetInt64()}.pdf",
            run.GetProperty("file").GetString());

        var list = await _http.GetFromJsonAsync<JsonElement>("/api/v1/reports");
        Assert.Equal(run.GetProperty("id").GetInt64(), list[0].GetProperty("id").GetInt64());
        var pdf = await _http.GetAsync($"/api/v1/reports/{run.GetProperty("id").GetInt64()}/download");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var doc = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Total 8", string.Join(" ", doc.GetPage(1).GetWords().Select(w => w.Text)));
    }

    [Fact]
    public async Task ADefinitionBecomesARecurringJobAndItsRunIsMailedWithRetries()
    {
        var create = await _http.PostAsJsonAsync("/api/v1/reports/definitions", new
        {
            name = "Redenen voor marketing", family = "reasons", cron = "0 7 1 * *", language = "nl", team = "T1",
            recipients = new[] { "marketing@example.nl", "cx@example.nl" },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using (var connection = _host.Services.GetRequiredService<JobStorage>().GetConnection())
            Assert.Contains(connection.GetRecurringJobs(), j => j.Id == $"report-definition-{id}" && j.Cron == "0 7 1 * *");

        // Deliver directly (as the Hangfire worker would); the sink refuses the first attempt.
        _smtp.RefuseFirst = 1;
        await using var scope = _host.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<ReportJobs>();
        var run = await jobs.RenderAsync("reasons", new Analytics.Time.Period(new(2026, 3, 1), new(2026, 3, 31)), ReportLanguage.Nl,
            _host.PdfPath("def"), default, new ReportFilters("T1"), id);
        await Assert.ThrowsAnyAsync<Exception>(() => jobs.DeliverAsync(run.Id, default));
        var failed = (await _http.GetFromJsonAsync<JsonElement>("/api/v1/reports"))[0];
        Assert.Equal("delivery-failed", failed.GetProperty("state").GetString());
        Assert.Contains("try again later", failed.GetProperty("error").GetString());

        await jobs.DeliverAsync(run.Id, default);
        var delivered = (await _http.GetFromJsonAsync<JsonElement>("/api/v1/reports"))[0];
        Assert.Equal(("delivered", 2), (delivered.GetProperty("state").GetString(), delivered.GetProperty("deliveryAttempts").GetInt32()));
        var message = Assert.Single(_smtp.Messages);
        Assert.Equal(["marketing@example.nl", "cx@example.nl"], message.To);
        Assert.Contains("application/pdf", message.Data);
        Assert.Contains("Redenen voor marketing", message.Data);

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/v1/reports/definitions/{id}")).StatusCode);
        using (var connection = _host.Services.GetRequiredService<JobStorage>().GetConnection())
            Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == $"report-definition-{id}");
    }

    [Fact]
    public async Task AnOldRowsRecipientOutsideTheAllowedDomainsIsNeverMailed()
    {
        int id;
        await using (var db = _db.NewDbContext())
        {
            var row = new Analytics.Reporting.ReportDefinition
            {
                Name = "oud", Family = "reasons", Cron = "0 7 1 * *", Recipients = ["boss@evil.example"],
            };
            db.ReportDefinitions.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }
        await using var scope = _host.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<ReportJobs>();
        var run = await jobs.RenderAsync("reasons", new Analytics.Time.Period(new(2026, 3, 1), new(2026, 3, 31)),
            ReportLanguage.Nl, _host.ReportDirectory, default, definitionId: id);
        await jobs.DeliverAsync(run.Id, default);
        var listed = (await _http.GetFromJsonAsync<JsonElement>("/api/v1/reports"))[0];
        Assert.Equal("delivery-failed", listed.GetProperty("state").GetString());
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task ABadDefinitionIsRefusedNamingEachField()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/reports/definitions", new
        {
            name = "x", family = "horoscope", cron = "every monday", language = "de", recipients = new[] { "not-an-address" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "family", "cron", "language", "recipients" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }
}
