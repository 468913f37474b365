using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Analytics.Access;
using Analytics.IntegrationTests.Reports;
using Analytics.Reports;
using Analytics.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Web;

/// <summary>The Reasons page: the API's Pareto for the person's role, the report's figure, the same numbers as the PDF.</summary>
public sealed class WebReasonsTests(WebSite site) : IClassFixture<WebSite>
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    /// <summary>Each table row of the page: reason name, contacts, share (as printed), or null counts when hidden.</summary>
    private static List<(string Code, string Name, string? Contacts, string? Share)> Rows(string html) =>
        Regex.Matches(html, "<tr data-reason=\"([^\"]+)\">\\s*<th scope=\"row\"><a href=\"[^\"]*\">([^<]+)</a></th>\\s*<td>[^<]*</td>\\s*" +
                            "(?:<td class=\"n\">([^<]+)</td>\\s*<td class=\"n\">([^<]+)</td>|<td class=\"n\" colspan=\"3\">)")
            .Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value),
                m.Groups[3].Success ? m.Groups[3].Value : null, m.Groups[4].Success ? m.Groups[4].Value : null)).ToList();

    [Fact]
    public async Task ThePageAndTheReasonsPdfShowTheSameNumbers()
    {
        var (client, page) = await site.SignInAsync(WebSite.Quality, "/web/reasons?" + March);
        using var _ = client;
        var html = await page.Content.ReadAsStringAsync();
        var rows = Rows(html);
        Assert.Equal(3, rows.Count);

        await using var scope = site.Host.Services.CreateAsyncScope();
        var path = Path.Combine(Path.GetTempPath(), $"web-pareto-{Guid.NewGuid():N}.pdf");
        try
        {
            await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync("reasons",
                new Period(new(2026, 3, 1), new(2026, 3, 31)), ReportLanguage.Nl, path, default);
            var pdf = PdfContent.Read(path);
            foreach (var (_, name, contacts, share) in rows)
                Assert.Contains(pdf.Lines, line => line.StartsWith(name + " ", StringComparison.Ordinal)
                                                   && line.Contains($" {contacts} {share} ", StringComparison.Ordinal));
            var total = Regex.Match(html, "<strong id=\"total\">([^<]+)</strong>").Groups[1].Value;
            Assert.Equal("8", total);
            Assert.Contains(pdf.Lines, line => line.StartsWith($"Totaal {total} 100,0%", StringComparison.Ordinal));
        }
        finally { File.Delete(path); }
        // The figure beside the table is the report's chart as SVG: its bars carry the same counts.
        Assert.Contains("<svg viewBox=", html);
        Assert.Matches("<text[^>]*>[^<]*3\\s+\\(38%\\)", html.Replace("&#160;", " "));
    }

    [Fact]
    public async Task FiltersLiveInTheUrlAndNarrowTheCounts()
    {
        var (client, page) = await site.SignInAsync(WebSite.Quality, "/web/reasons?" + March + "&channel=phone&queue=billing&language=nl");
        using var _ = client;
        var html = await page.Content.ReadAsStringAsync();
        // Phone, billing queue in March: K1 and K6, both "Onduidelijke factuur" (contacts carry no language yet: nl is the default).
        var rows = Rows(html);
        Assert.Equal("2", Assert.Single(rows).Contacts);
        Assert.Contains("href=\"/web/reasons/FAC-ONDUID?from=2026-03-01&amp;to=2026-03-31&amp;channel=phone&amp;queue=billing&amp;language=nl\"", html);
    }

    [Fact]
    public async Task ARoleThatSeesPublishedFiguresGetsWhatTheApiGivesIt()
    {
        var (client, page) = await site.SignInAsync(WebSite.Analyst, "/web/reasons?" + March);
        using var _ = client;
        var html = await page.Content.ReadAsStringAsync();
        using var api = await site.Host.ClientAsync(Roles.Analyst);
        var answer = await api.GetFromJsonAsync<Analytics.Api.Reasons.ParetoResponse>("/api/v1/reasons/pareto?" + March);
        // Every reason was handled by fewer than five agents: hidden on the page as in the API (decision 020).
        Assert.All(answer!.Reasons, r => Assert.True(r.Suppressed));
        Assert.Equal(answer.Reasons.Select(r => r.Code), Rows(html).Select(r => r.Code));
        Assert.All(Rows(html), r => Assert.Null(r.Contacts));
    }

    [Fact]
    public async Task ASmallTeamAndAPartOfAMonthAreRefusedAsTheApiRefusesThem()
    {
        var (client, small) = await site.SignInAsync(WebSite.Analyst, "/web/reasons?" + March + "&team=T1");
        using var _ = client;
        Assert.Equal(HttpStatusCode.Forbidden, small.StatusCode);
        Assert.Contains("team T1 has fewer than 5 agents", await small.Content.ReadAsStringAsync());
        var part = await client.GetAsync(site.Url("/web/reasons?from=2026-03-03&to=2026-03-31"));
        Assert.Equal(HttpStatusCode.BadRequest, part.StatusCode);
        Assert.Matches("<strong>(from|to)</strong>", await part.Content.ReadAsStringAsync());
        var channel = await client.GetAsync(site.Url("/web/reasons?" + March + "&channel=pigeon"));
        Assert.Equal(HttpStatusCode.BadRequest, channel.StatusCode);
        Assert.Contains("<strong>channel</strong>", await channel.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EnglishIsOneLinkAwayAndRemembered()
    {
        var (client, page) = await site.SignInAsync(WebSite.Quality, "/web/reasons?" + March + "&lang=en");
        using var _ = client;
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Unclear invoice", html);
        Assert.Contains("37.5%", html);
        var again = await (await client.GetAsync(site.Url("/web/reasons?" + March))).Content.ReadAsStringAsync();
        Assert.Contains("Contacts per reason, 1 March 2026 to 31 March 2026", again);
    }
}
