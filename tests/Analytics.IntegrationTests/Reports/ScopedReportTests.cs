using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Reports;

/// <summary>
/// A team lead's quality reports are its own teams' only; every report's pages state the privacy switches, and with
/// ranking off the quality report has no rank positions.
/// </summary>
public sealed class ScopedReportTests() : SeededApiTests(Roles.Admin)
{
    // Two responses rank an agent here, so the quality report has positions to leave out.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Metrics:MinimumResponses"] = "2", ["Insights:MinimumResponses"] = "2",
    };

    private static bool HasRankedRow(PdfContent pdf) =>
        pdf.Lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ (Anna|Bert|Cees) "));

    private static object Quality(string? team) =>
        new { family = "quality", from = "2026-03-01", to = "2026-03-31", language = "en", team };

    private async Task<PdfContent> PdfOfAsync(long id)
    {
        await using var db = Db.NewDbContext();
        return PdfContent.Read((await db.ReportRuns.SingleAsync(r => r.Id == id)).Path);
    }

    [Fact]
    public async Task ATeamLeadRunsAndDownloadsQualityReportsOfItsOwnTeamOnly()
    {
        using var lead = await Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync("/api/v1/reports/run", Quality(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync("/api/v1/reports/run", Quality("T2"))).StatusCode);
        var own = await lead.PostAsJsonAsync("/api/v1/reports/run", Quality("T1"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var id = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/v1/reports/{id}/download")).StatusCode);

        // A quality manager's whole-centre report is not the team lead's to download.
        var all = await Http.PostAsJsonAsync("/api/v1/reports/run", Quality(null));
        var allId = (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/v1/reports/{allId}/download")).StatusCode);
        await using var db = Db.NewDbContext();
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Role == Roles.TeamLead && a.Status == 403));
    }

    [Fact]
    public async Task EveryPageStatesTheSwitchesAndRankingOffLeavesNoPositions()
    {
        var before = await Http.PostAsJsonAsync("/api/v1/reports/run", Quality(null));
        var on = await PdfOfAsync((await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Contains("Privacy switches: ranking on · survey-gaming signals on · transcripts for quality managers on · " +
                        "minimum group 5 agents / 10 responses", on.Text);
        Assert.True(HasRankedRow(on), string.Join("\n", on.Lines));

        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsJsonAsync("/api/v1/privacy/switches/ranking", new { enabled = false })).StatusCode);
        var after = await Http.PostAsJsonAsync("/api/v1/reports/run",
            new { family = "reasons", from = "2026-03-01", to = "2026-03-31", language = "nl" });
        var off = await PdfOfAsync((await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Contains("Privacy-afspraken: ranglijst uit", off.Text);
        var quality = await Http.PostAsJsonAsync("/api/v1/reports/run", Quality(null));
        var unranked = await PdfOfAsync((await quality.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.False(HasRankedRow(unranked), string.Join("\n", unranked.Lines));
        Assert.Contains("Privacy switches: ranking off", unranked.Text);
    }
}
