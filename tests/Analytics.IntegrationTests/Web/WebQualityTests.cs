using System.Net;
using System.Net.Http.Json;
using Analytics.Access;
using Analytics.Data;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.IntegrationTests.Reports;
using Analytics.Reports;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Web;

/// <summary>The Quality pages: teams, the fair ranking (switch, scopes, audit) and an agent's page for a coaching talk.</summary>
public sealed class WebQualityTests(WebSite site) : IClassFixture<WebSite>
{
    private const string March = "month=2026-03";

    private async Task<(HttpStatusCode Status, string Html)> OpenAsync(TestPerson person, string path)
    {
        var (client, page) = await site.SignInAsync(person, path);
        using var _ = client;
        return (page.StatusCode, await page.Content.ReadAsStringAsync());
    }

    private async Task<List<(int Status, string? Detail)>> AuditedAsync(string path)
    {
        await using var scope = site.Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().AuditLog.AsNoTracking()
            .Where(a => a.Path == path).Select(a => new { a.Status, a.Detail }).ToListAsync()).Select(a => (a.Status, a.Detail)).ToList();
    }

    [Fact]
    public async Task ThePageAndTheQualityPdfShowTheSameNumbers()
    {
        var (status, html) = await OpenAsync(WebSite.Quality, "/web/quality?" + March);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["T1", "T2"], WebRows.Keys(html, "team"));
        // By hand (Fixtures): Team Noord 6 NPS responses in March, Team Zuid 4; A1 3, A2 2, B1 4.
        Assert.Equal("6", WebRows.Row(html, "team", "T1")!.Value.Cells[0]);
        Assert.Equal(["A1", "A2", "B1"], WebRows.Keys(html, "agent").Order());
        Assert.Contains("href=\"/web/quality/agents/A1?month=2026-03\"", html);
        Assert.Contains("<svg viewBox=", html);

        var path = Path.Combine(Path.GetTempPath(), $"web-quality-{Guid.NewGuid():N}.pdf");
        try
        {
            await using (var scope = site.Host.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync("quality",
                    new Period(new(2026, 3, 1), new(2026, 3, 31)), ReportLanguage.Nl, path, default);
            var pdf = PdfContent.Read(path);
            foreach (var team in WebRows.Keys(html, "team"))
            {
                var (name, cells) = WebRows.Row(html, "team", team)!.Value;
                Assert.Contains(pdf.Lines, line => line.StartsWith($"{name} {cells[0]} {cells[1]}", StringComparison.Ordinal));
            }
            foreach (var agent in WebRows.Keys(html, "agent"))
            {
                // Cells: position, team, n, raw, shrunk, interval, tier; the PDF's row: name, team name, n, raw, shrunk, …
                var (name, cells) = WebRows.Row(html, "agent", agent)!.Value;
                Assert.Contains(pdf.Lines, line => line.Contains($"{name} ", StringComparison.Ordinal)
                                                   && line.Contains($" {cells[2]} {cells[3]} {cells[4]} ", StringComparison.Ordinal));
            }
        }
        finally { File.Delete(path); }
        // The ranking is agent-level data: the visit is audited with the person's name.
        Assert.Contains((200, "web: Quinty Manager"), await AuditedAsync("/web/quality"));
    }

    [Fact]
    public async Task WithTheRankingSwitchOffTheScoresStayWithoutPositions()
    {
        using var admin = await site.Host.ClientAsync(Roles.Admin);
        (await admin.PutAsJsonAsync("/api/v1/privacy/switches/ranking", new { enabled = false })).EnsureSuccessStatusCode();
        try
        {
            var (status, html) = await OpenAsync(WebSite.Quality, "/web/quality?" + March);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("staat uit: scores zonder posities", html);
            Assert.DoesNotContain("<th scope=\"col\" class=\"n\">#</th>", html);
            // Sorted by team and agent, so the order says nothing either.
            Assert.Equal(["A1", "A2", "B1"], WebRows.Keys(html, "agent"));
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/v1/privacy/switches/ranking", new { enabled = true })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task ATeamLeadSeesItsOwnAgentsOnlyAndIsRefusedAnotherTeamsAgent()
    {
        var (_, html) = await OpenAsync(WebSite.Lead, "/web/quality?" + March);
        Assert.Equal(["A1", "A2"], WebRows.Keys(html, "agent").Order());
        var (own, _) = await OpenAsync(WebSite.Lead, "/web/quality/agents/A1?" + March);
        Assert.Equal(HttpStatusCode.OK, own);
        var (other, refusal) = await OpenAsync(WebSite.Lead, "/web/quality/agents/B1?" + March);
        Assert.Equal(HttpStatusCode.Forbidden, other);
        Assert.Contains("agent B1 belongs to an agent outside your teams (T1)", refusal);
        Assert.Contains(403, (await AuditedAsync("/web/quality/agents/B1")).Select(a => a.Status));
    }

    [Fact]
    public async Task AnAnalystSeesTheTeamsAsPublishedButNoAgent()
    {
        var (status, html) = await OpenAsync(WebSite.Analyst, "/web/quality?" + March);
        Assert.Equal(HttpStatusCode.OK, status);
        // Both teams have fewer than five agents: hidden, as GET /api/v1/metrics/nps?groupBy=team hides them for this role.
        Assert.Equal("verborgen", WebRows.Row(html, "team", "T1")!.Value.Cells[1]);
        Assert.Empty(WebRows.Keys(html, "agent"));
        Assert.Contains("is voor rollen met toegang tot medewerkers", html);
        var (agent, refusal) = await OpenAsync(WebSite.Analyst, "/web/quality/agents/A1?" + March);
        Assert.Equal(HttpStatusCode.Forbidden, agent);
        Assert.Contains("<h1>Niet voor uw rol</h1>", refusal);
    }

    [Fact]
    public async Task AnAgentsPageHoldsWhatACoachingTalkNeeds()
    {
        // K4 (Bert, A2): the agent asks for the customer number while the customer is still speaking.
        await site.Host.Service<IngestService>().IngestAsync("transcripts", Fixtures.Stream("""
            contact_id,seq,speaker,start_ms,end_ms,text
            K4,1,customer,0,6000,Ik begrijp de factuur van deze maand helemaal niet
            K4,2,agent,3000,7000,Wat is uw klantnummer?
            K4,3,customer,8000,9000,Dat is 12345.
            """), "transcripts.csv", CancellationToken.None);
        var (status, html) = await OpenAsync(WebSite.Quality, "/web/quality/agents/A2?" + March);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Medewerker Bert</h1>", html);
        // A2's March responses: S4 (9), S5 (3), S6 (7): one promoter, one detractor, NPS 0 of 3, below the minimum n.
        Assert.Equal(["0,0", "3", "te weinig reacties"], WebRows.Row(html, "figure", "nps")!.Value.Cells);
        Assert.Contains("Duurde veel te lang", html); // the detractor's comment, redacted
        Assert.Contains("Wat is uw klantnummer?", html); // the flagged turn
        Assert.Contains(">interruption<", html);
        var k4 = await IdOfK4Async();
        Assert.Contains($"href=\"/web/contacts/{k4}\"", html);
        // Behaviour against the team: Team Noord's transcripts are K4's alone, so both columns count one contact.
        Assert.Equal(["1", "1"], WebRows.Row(html, "check", "b.contacts")!.Value.Cells);
        Assert.Contains((200, "web: Quinty Manager"), await AuditedAsync("/web/quality/agents/A2"));
    }

    private async Task<long> IdOfK4Async()
    {
        await using var scope = site.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Contacts.Where(c => c.SourceId == "K4")
            .Select(c => c.Id).SingleAsync();
    }
}
