using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.IntegrationTests.Reports;
using Analytics.Time;

namespace Analytics.IntegrationTests.Privacy;

/// <summary>The monthly audit summary: admins only, in both languages, counting what the audit log holds.</summary>
public sealed class AuditReportTests : SeededApiTests
{
    [Theory]
    [InlineData("nl", "Inzagen per sleutel", "Geweigerde pogingen")]
    [InlineData("en", "Looks per key", "Refused attempts")]
    public async Task TheSummaryCountsLooksPerKeyAndAgentRefusalsAndExports(string language, string looks, string refused)
    {
        using var manager = await Host.ClientAsync(Roles.QualityManager);
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/agents/A1/scorecard?from=2026-03-01&to=2026-03-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/agents/A2/scorecard?from=2026-03-01&to=2026-03-31")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await analyst.GetAsync("/api/v1/insights/agents/ranking?from=2026-03-01&to=2026-03-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/contacts?from=2026-03-01&to=2026-03-31&csv=nl")).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await Http.PutAsJsonAsync("/api/v1/privacy/switches/ranking", new { enabled = false })).StatusCode);

        var month = Period.LastFullMonth(Amsterdam.Today().AddMonths(1));
        var run = await Http.PostAsJsonAsync("/api/v1/reports/run",
            new { family = "audit", from = month.From.ToString("yyyy-MM-dd"), to = month.To.ToString("yyyy-MM-dd"), language });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var id = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var file = Host.PdfPath("audit");
        await File.WriteAllBytesAsync(file, await Http.GetByteArrayAsync($"/api/v1/reports/{id}/download"));
        var pdf = PdfContent.Read(file);

        Assert.Contains(looks, pdf.Text);
        Assert.Contains(refused, pdf.Text);
        // The quality manager's key: four looks at two agents; A1 three times, A2 once.
        Assert.Matches(@"quality-manager #\d+ \(test-quality-manager\) 4 2", pdf.Text);
        Assert.Matches(@"\bA1 3 1\b", pdf.Text);
        Assert.Matches(@"\bA2 1 1\b", pdf.Text);
        Assert.Matches(@"analyst #\d+ \(test-analyst\) GET /api/v1/insights/agents/ranking 1", pdf.Text);
        Assert.Matches(@"analyst #\d+ \(test-analyst\) contacts\.csv 1", pdf.Text);
        // A switch change names the switch and its old and new value, as the audit log's detail has it.
        Assert.Contains("ranking: on -> off 1", pdf.Text);
    }

    [Theory]
    [InlineData(Roles.QualityManager)]
    [InlineData(Roles.CxManager)]
    public async Task OnlyAdminsRunTheAuditSummaryAndRefusalsAreAudited(string role)
    {
        using var client = await Host.ClientAsync(role);
        var response = await client.PostAsJsonAsync("/api/v1/reports/run", new { family = "audit", from = "2026-03-01", to = "2026-03-31" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, await Db.ScalarAsync(
            $"SELECT count(*) FROM audit_log WHERE path = '/api/v1/reports/run' AND status = 403 AND role = '{role}'"));
    }
}
