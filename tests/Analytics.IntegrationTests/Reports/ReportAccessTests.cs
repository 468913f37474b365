using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Reports;

/// <summary>The quality report names agents: only agent-level roles run, download or list it, audited.</summary>
public sealed class ReportAccessTests : SeededApiTests
{
    private static readonly object QualityMarch = new { family = "quality", from = "2026-03-01", to = "2026-03-31" };
    private static readonly object ReasonsMarch = new { family = "reasons", from = "2026-03-01", to = "2026-03-31" };

    [Fact]
    public async Task AnAnalystRunningAQualityReportIsRefusedAndAudited()
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var response = await analyst.PostAsJsonAsync("/api/v1/reports/run", QualityMarch);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((Roles.Analyst, 403), await LastAuditAsync("/api/v1/reports/run"));
        await using var db = Db.NewDbContext();
        Assert.False(await db.ReportRuns.AnyAsync());
        Assert.False(Directory.Exists(Host.ReportDirectory) && Directory.EnumerateFiles(Host.ReportDirectory).Any());
    }

    [Fact]
    public async Task AnAnalystDownloadingAQualityReportByItsIdIsRefusedAndAudited()
    {
        var id = await RunAsync(Http, QualityMarch);
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var response = await analyst.GetAsync($"/api/v1/reports/{id}/download");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal((Roles.Analyst, 403), await LastAuditAsync($"/api/v1/reports/{id}/download"));
    }

    [Fact]
    public async Task AnAnalystDownloadsAnAggregateReportWithoutAnAuditEntry()
    {
        var id = await RunAsync(Http, ReasonsMarch);
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var response = await analyst.GetAsync($"/api/v1/reports/{id}/download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await LastAuditAsync($"/api/v1/reports/{id}/download"));
    }

    [Fact]
    public async Task AQualityManagerRunsAndDownloadsAQualityReportAndBothAreAudited()
    {
        using var manager = await Host.ClientAsync(Roles.QualityManager);
        var id = await RunAsync(manager, QualityMarch);
        Assert.Equal((Roles.QualityManager, 200), await LastAuditAsync("/api/v1/reports/run"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/reports/{id}/download")).StatusCode);
        Assert.Equal((Roles.QualityManager, 200), await LastAuditAsync($"/api/v1/reports/{id}/download"));
    }

    [Fact]
    public async Task TheListHidesQualityRunsFromAnAnalyst()
    {
        var quality = await RunAsync(Http, QualityMarch);
        var reasons = await RunAsync(Http, ReasonsMarch);
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var seen = (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/reports"))
            .EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([reasons], seen);
        var all = (await Http.GetFromJsonAsync<JsonElement>("/api/v1/reports"))
            .EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([quality, reasons], all.Order());
    }

    [Fact]
    public async Task ACxManagerMayScheduleAggregatesButNotTheQualityReport()
    {
        using var cx = await Host.ClientAsync(Roles.CxManager);
        var quality = await cx.PostAsJsonAsync("/api/v1/reports/definitions",
            new { name = "kwaliteit", family = "quality", cron = "0 6 1 * *" });
        Assert.Equal(HttpStatusCode.Forbidden, quality.StatusCode);
        Assert.Equal((Roles.CxManager, 403), await LastAuditAsync("/api/v1/reports/definitions"));
        var reasons = await cx.PostAsJsonAsync("/api/v1/reports/definitions",
            new { name = "redenen", family = "reasons", cron = "0 6 1 * *" });
        Assert.Equal(HttpStatusCode.Created, reasons.StatusCode);
        Assert.Equal((Roles.CxManager, 201), await LastAuditAsync("/api/v1/reports/definitions"));

        var admins = await Http.PostAsJsonAsync("/api/v1/reports/definitions",
            new { name = "kwaliteit", family = "quality", cron = "0 6 1 * *" });
        var id = (await admins.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await cx.DeleteAsync($"/api/v1/reports/definitions/{id}")).StatusCode);
        var run = await cx.PostAsync($"/api/v1/reports/definitions/{id}/run", null);
        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        var ownId = (await reasons.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var turned = await cx.PutAsJsonAsync($"/api/v1/reports/definitions/{ownId}",
            new { name = "redenen", family = "quality", cron = "0 6 1 * *" });
        Assert.Equal(HttpStatusCode.Forbidden, turned.StatusCode);
    }

    private static async Task<long> RunAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/v1/reports/run", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task<(string Role, int Status)?> LastAuditAsync(string path)
    {
        await using var db = Db.NewDbContext();
        var entry = await db.AuditLog.Where(a => a.Path == path).OrderByDescending(a => a.Id).FirstOrDefaultAsync();
        return entry is null ? null : (entry.Role, entry.Status);
    }
}
