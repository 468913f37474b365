using System.Net;
using System.Text.RegularExpressions;
using Analytics.Data;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Web;

/// <summary>The contact search page: the API's filters in the URL, its cursor for paging, its rules per role.</summary>
public sealed class WebContactSearchTests(WebSite site) : IClassFixture<WebSite>, IAsyncLifetime
{
    // Customer C1 calls again twice after K1 (2 March) about the same invoice: a repeat chain of three.
    private const string Repeats = """
        contact_id,channel,queue,started_at,ended_at,wait_s,talk_s,hold_s,acw_s,transfers,outcome,agent_id,agent_name,team_code,team_name,customer_key,reason_code,notes
        R1,chat,billing,2026-02-03T09:00:00+01:00,,10,100,0,10,0,resolved,A1,Anna,T1,Team Noord,C1,FAC-ONDUID,nog een vraag
        R2,phone,billing,2026-02-04T09:00:00+01:00,,10,100,0,10,0,resolved,A2,Bert,T1,Team Noord,C1,FAC-ONDUID,weer de factuur
        """;

    public async Task InitializeAsync()
    {
        await using var scope = site.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        if (!await db.Contacts.AnyAsync(c => c.SourceId == "R1"))
            await site.Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream(Repeats), "repeats.csv", CancellationToken.None);
        // Search documents are a follow-up job of each batch; no job server runs in tests.
        await new Analytics.Search.SearchIndexer(site.Host.Service<Npgsql.NpgsqlDataSource>()).IndexMissingAsync(default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<string> Rows(string html) =>
        Regex.Matches(html, "<tr data-id=\"\\d+\">\\s*<th scope=\"row\">\\s*(?:<a href=\"/web/contacts/\\d+\">)?(\\w+)")
            .Select(m => m.Groups[1].Value).ToList();

    private static string Next(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "<a id=\"next\" rel=\"next\" href=\"([^\"]+)\"").Groups[1].Value);

    [Fact]
    public async Task FiltersLiveInTheUrlAndTheCursorPagesThroughTheAnswer()
    {
        var (client, page) = await site.SignInAsync(WebSite.Quality,
            "/web/contacts?from=2026-03-01&to=2026-03-31&channel=phone&sort=started&limit=2");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        // Phone in March, oldest first: K1, K3 | K5, K6 | K7.
        Assert.Equal(["K1", "K3"], Rows(html));
        Assert.Contains("<option value=\"phone\" selected=\"selected\">phone</option>", html);
        var second = await (await client.GetAsync(site.Url(Next(html)))).Content.ReadAsStringAsync();
        Assert.Equal(["K5", "K6"], Rows(second));
        Assert.Contains("channel=phone", Next(second));
        var third = await (await client.GetAsync(site.Url(Next(second)))).Content.ReadAsStringAsync();
        Assert.Equal(["K7"], Rows(third));
        Assert.DoesNotContain("id=\"next\"", third);
        Assert.Contains("href=\"/web/contacts/", third);

        var words = await (await client.GetAsync(site.Url("/web/contacts?from=2026-03-01&to=2026-03-31&q=modem")))
            .Content.ReadAsStringAsync();
        Assert.Equal(["K3"], Rows(words));
    }

    [Fact]
    public async Task BadFiltersAreFieldErrorsNotFaults()
    {
        var (client, page) = await site.SignInAsync(WebSite.Quality, "/web/contacts?from=2026-03-01&to=2026-03-31&channel=fax");
        using var _ = client;
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("<strong>channel</strong>", await page.Content.ReadAsStringAsync());
        var cursor = await client.GetAsync(site.Url("/web/contacts?cursor=nonsense"));
        Assert.Equal(HttpStatusCode.BadRequest, cursor.StatusCode);
        Assert.Contains("<strong>cursor</strong>", await cursor.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAnalystSearchesWithoutAgentsAndSmallTeamsStayHidden()
    {
        var (client, page) = await site.SignInAsync(WebSite.Analyst, "/web/contacts?from=2026-03-01&to=2026-03-31");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        // Both fixture teams have fewer than five agents: the API leaves their contacts out for this role.
        Assert.Empty(Rows(html));
        Assert.DoesNotContain("id=\"agent\"", html);
        var byAgent = await client.GetAsync(site.Url("/web/contacts?from=2026-03-01&to=2026-03-31&agent=A1"));
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Contains("quality-manager and admin roles", await byAgent.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AContactsPageShowsTheCustomersRepeatChain()
    {
        await using var scope = site.Host.Services.CreateAsyncScope();
        var ids = await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Contacts
            .Where(c => c.SourceId == "R1" || c.SourceId == "R2").ToDictionaryAsync(c => c.SourceId, c => c.Id);
        var (client, page) = await site.SignInAsync(WebSite.Quality, $"/web/contacts/{ids["R2"]}");
        using var _ = client;
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var chain = Regex.Match(html, "<table id=\"chain\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("keten van 2", chain);
        Assert.Contains($"<a href=\"/web/contacts/{ids["R1"]}\">", chain);
    }
}
