using System.Net;
using System.Text.RegularExpressions;
using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Web;

/// <summary>A reason's page, a contact's page and correcting its reason: the API's rules, scopes and audit, on pages.</summary>
public sealed class WebContactsTests(WebSite site) : IClassFixture<WebSite>
{
    private async Task<long> IdOfAsync(string sourceId)
    {
        await using var scope = site.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Contacts
            .Where(c => c.SourceId == sourceId).Select(c => c.Id).SingleAsync();
    }

    private async Task<List<Analytics.Access.AuditEntry>> AuditAsync(string path)
    {
        await using var scope = site.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().AuditLog.AsNoTracking()
            .Where(a => a.Path == path).ToListAsync();
    }

    [Fact]
    public async Task AReasonsPageShowsItsWeeksAndExampleContactsWithTheirNotes()
    {
        var (client, page) = await site.SignInAsync(WebSite.Quality, "/web/reasons/FAC-ONDUID?from=2026-03-02&to=2026-03-29");
        using var _ = client;
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Onduidelijke factuur</h1>", html);
        // Weeks of 2 March (K1, K4) and 9 March (K6).
        Assert.Matches("<th scope=\"row\">2026-03-02</th>\\s*<td class=\"n\">2</td>", html);
        Assert.Matches("<th scope=\"row\">2026-03-09</th>\\s*<td class=\"n\">1</td>", html);
        foreach (var k in new[] { "K1", "K4", "K6" }) Assert.Contains($">{k}</a>", html);
        Assert.Contains("klant begreep factuur niet", html);
        Assert.DoesNotContain(">K2</a>", html);
    }

    [Fact]
    public async Task AQualityManagerOpensAContactAndTheVisitIsAudited()
    {
        var id = await IdOfAsync("K3");
        var (client, page) = await site.SignInAsync(WebSite.Quality, $"/web/contacts/{id}");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Contact K3</h1>", html);
        Assert.Contains("modem herstart", html);
        var audit = Assert.Single(await AuditAsync($"/web/contacts/{id}"));
        Assert.Equal((200, "quality-manager", "web: Quinty Manager"), (audit.Status, audit.Role, audit.Detail));
    }

    [Fact]
    public async Task AnAnalystIsRefusedAContactsPageAndTheRefusalIsAudited()
    {
        var id = await IdOfAsync("K2");
        var (client, page) = await site.SignInAsync(WebSite.Analyst, $"/web/contacts/{id}");
        using var _ = client;
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Niet voor uw rol</h1>", html);
        Assert.DoesNotContain("internet ligt eruit", html);
        Assert.Equal(403, Assert.Single(await AuditAsync($"/web/contacts/{id}")).Status);
    }

    [Fact]
    public async Task ATeamLeadSeesItsOwnTeamsContactsOnly()
    {
        var (own, other) = (await IdOfAsync("K1"), await IdOfAsync("K7"));
        var (client, page) = await site.SignInAsync(WebSite.Lead, $"/web/contacts/{own}");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var refused = await client.GetAsync(site.Url($"/web/contacts/{other}"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("outside your teams (T1)", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CorrectingAReasonOnThePageMakesALabel()
    {
        var id = await IdOfAsync("K5");
        var (client, page) = await site.SignInAsync(WebSite.Quality, $"/web/contacts/{id}");
        using var _ = client;
        var html = await page.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        FormUrlEncodedContent Form(string code) => new([KeyValuePair.Create("reasonCode", code), KeyValuePair.Create("__RequestVerificationToken", token)]);

        var wrong = await client.PostAsync(site.Url($"/web/contacts/{id}"), Form("NOPE"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("<strong>reasonCode</strong>", await wrong.Content.ReadAsStringAsync());

        var done = await client.PostAsync(site.Url($"/web/contacts/{id}"), Form("STO-INT"));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("corrected=true", done.RequestMessage!.RequestUri!.Query);
        Assert.Contains("De reden is gecorrigeerd", await done.Content.ReadAsStringAsync());
        await using var scope = site.Host.Services.CreateAsyncScope();
        var correction = await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().ReasonCorrections.AsNoTracking()
            .SingleAsync(c => c.ContactId == id);
        Assert.Equal(("STO-INT", "VER-ADRES"), (correction.ReasonCode, correction.PreviousReasonCode));
    }

    [Fact]
    public async Task APostWithoutTheFormsTokenIsRefused()
    {
        var id = await IdOfAsync("K8");
        var (client, _) = await site.SignInAsync(WebSite.Quality, $"/web/contacts/{id}");
        using var __ = client;
        var forged = await client.PostAsync(site.Url($"/web/contacts/{id}"), new FormUrlEncodedContent([KeyValuePair.Create("reasonCode", "STO-INT")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var scope = site.Host.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().ReasonCorrections.AnyAsync(c => c.ContactId == id));
    }
}
