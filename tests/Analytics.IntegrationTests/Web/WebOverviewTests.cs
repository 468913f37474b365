using System.Net;
using System.Net.Http.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Reports;
using Analytics.Reports;
using Analytics.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Web;

/// <summary>The Overview page: the month's figures as the API publishes them for the role, and as the management PDF prints them.</summary>
public sealed class WebOverviewTests(WebSite site) : IClassFixture<WebSite>
{
    private async Task<(HttpStatusCode Status, string Html)> OpenAsync(TestPerson person, string path)
    {
        var (client, page) = await site.SignInAsync(person, path);
        using var _ = client;
        return (page.StatusCode, await page.Content.ReadAsStringAsync());
    }

    private static string Cell(string html, string figure, int cell = 0) =>
        (WebRows.Row(html, "figure", figure) ?? throw new Xunit.Sdk.XunitException($"no row {figure}")).Cells[cell];

    [Fact]
    public async Task ThePageAndTheManagementPdfShowTheSameNumbers()
    {
        var (status, html) = await OpenAsync(WebSite.Quality, "/web/overview?month=2026-03");
        Assert.Equal(HttpStatusCode.OK, status);
        // By hand (Fixtures): NPS +30 of 10 responses, 8 contacts in March and 1 in February.
        Assert.Equal(["+30,0", "10"], new[] { Cell(html, "nps"), Cell(html, "nps", 1) });
        Assert.Equal(["8", "1"], new[] { Cell(html, "contacts"), Cell(html, "contacts", 3) });

        var path = Path.Combine(Path.GetTempPath(), $"web-overview-{Guid.NewGuid():N}.pdf");
        try
        {
            await using (var scope = site.Host.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync("management",
                    new Period(new(2026, 3, 1), new(2026, 3, 31)), ReportLanguage.Nl, path, default);
            var pdf = PdfContent.Read(path);
            // The PDF's KPI row reads value by value: NPS, contacts, honest FCR, abandonment.
            var kpis = $"{Cell(html, "nps")} {Cell(html, "contacts")} {Cell(html, "fcr.honest")} {Cell(html, "abandoned")}";
            Assert.Contains(kpis, pdf.Lines);
            var reasons = WebRows.Keys(html, "reason");
            Assert.Equal(3, reasons.Count);
            foreach (var code in reasons)
            {
                var (name, cells) = WebRows.Row(html, "reason", code)!.Value;
                Assert.Contains(pdf.Lines, line => line.StartsWith(name + " ", StringComparison.Ordinal)
                                                   && line.Contains($" {cells[0]} {cells[1]} ", StringComparison.Ordinal));
            }
        }
        finally { File.Delete(path); }
        // The reasons' figure is the reasons report's chart, and each reason links to its page for the same month.
        Assert.Contains("<svg viewBox=", html);
        Assert.Contains("href=\"/web/reasons/FAC-ONDUID?from=2026-03-01&amp;to=2026-03-31\"", html);
    }

    [Fact]
    public async Task ARoleWithoutAgentAccessSeesWhatTheApiPublishesForIt()
    {
        var (status, html) = await OpenAsync(WebSite.Analyst, "/web/overview?month=2026-03");
        Assert.Equal(HttpStatusCode.OK, status);
        using var api = await site.Host.ClientAsync(Roles.Analyst);
        var nps = await api.GetFromJsonAsync<Analytics.Api.Metrics.SurveyMetricResponse>(
            "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31");
        // Three agents in the whole centre: fewer than five, so the API hides the figure and the page with it (decision 020).
        Assert.True(Assert.Single(nps!.Groups).Suppressed);
        Assert.Equal("verborgen", Cell(html, "nps"));
        Assert.Equal("verborgen", Cell(html, "contacts"));
        Assert.DoesNotContain("+30,0", html);
    }

    [Fact]
    public async Task FiltersLiveInTheUrlAndBadOnesAreNamed()
    {
        var (_, phone) = await OpenAsync(WebSite.Quality, "/web/overview?month=2026-03&channel=phone");
        // Phone in March: K1, K3, K5, K6, K7.
        Assert.Equal("5", Cell(phone, "contacts"));
        Assert.Contains("href=\"/web/reasons/STO-INT?from=2026-03-01&amp;to=2026-03-31&amp;channel=phone\"", phone);

        var (status, month) = await OpenAsync(WebSite.Quality, "/web/overview?month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<strong>month</strong>", month);
        var (channelStatus, channel) = await OpenAsync(WebSite.Quality, "/web/overview?month=2026-03&channel=pigeon");
        Assert.Equal(HttpStatusCode.BadRequest, channelStatus);
        Assert.Contains("<strong>channel</strong>", channel);
        // A team of two agents is refused to a role without agent access, as the API refuses it.
        var (smallStatus, small) = await OpenAsync(WebSite.Analyst, "/web/overview?month=2026-03&team=T1");
        Assert.Equal(HttpStatusCode.Forbidden, smallStatus);
        Assert.Contains("team T1 has fewer than 5 agents", small);
    }
}
