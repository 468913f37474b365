using Microsoft.Playwright;

namespace Analytics.IntegrationTests.Web;

/// <summary>
/// The pages in a real browser (Debian's chromium, driven by Playwright; no browser is ever downloaded) against the real
/// host, provider and database. Each test leaves a screenshot in out/screenshots/.
/// </summary>
public sealed class WebBrowserTests(WebSite site) : IClassFixture<WebSite>, IAsyncLifetime
{
    private WebBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WebBrowser.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    private static string Screenshot(string name) => WebBrowser.Screenshot(name);

    private Task<IPage> SignInAsync(TestPerson person, string path) => _browser.SignInAsync(site, person, path);

    [Fact]
    public async Task AQualityManagerSignsInAndFiltersThePareto()
    {
        var page = await SignInAsync(WebSite.Quality, "/web/reasons?from=2026-03-01&to=2026-03-31");
        Assert.Equal("Contactredenen", await page.InnerTextAsync("h1"));
        Assert.Equal("8", await page.InnerTextAsync("#total"));
        await page.SelectOptionAsync("#channel", "phone");
        await page.ClickAsync("button[type=submit] >> text=Tonen");
        await page.WaitForURLAsync(u => u.Contains("channel=phone", StringComparison.Ordinal));
        // Phone in March: K1, K3, K5, K6, K7.
        Assert.Equal("5", await page.InnerTextAsync("#total"));
        Assert.True(await page.Locator("figure svg").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("reasons-pareto-phone"), FullPage = true });
        await page.ClickAsync("text=English");
        Assert.Equal("Contact reasons", await page.InnerTextAsync("h1"));
        Assert.Contains("channel=phone", page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("reasons-pareto-english"), FullPage = true });
    }

    [Fact]
    public async Task FromAReasonToAContactAndItsReasonCorrected()
    {
        var page = await SignInAsync(WebSite.Quality, "/web/reasons?from=2026-03-01&to=2026-03-31");
        await page.ClickAsync("#pareto >> text=Verhuizing doorgeven");
        Assert.Equal("Verhuizing doorgeven", await page.InnerTextAsync("h1"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("reason-page"), FullPage = true });
        await page.ClickAsync("#examples >> text=K8");
        Assert.Equal("Contact K8", await page.InnerTextAsync("h1"));
        await page.SelectOptionAsync("#reasonCode", "FAC-ONDUID");
        await page.ClickAsync("button >> text=Opslaan als label");
        await page.WaitForURLAsync(u => u.Contains("corrected=true", StringComparison.Ordinal));
        Assert.StartsWith("FAC-ONDUID", await page.InnerTextAsync("#reason"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("contact-corrected"), FullPage = true });
    }

    [Fact]
    public async Task AnAnalystIsRefusedAContactsPage()
    {
        var page = await SignInAsync(WebSite.Analyst, "/web/reasons?from=2026-03-01&to=2026-03-31");
        // Reasons handled by fewer than five agents are hidden from an analyst, but their names still link on.
        await page.ClickAsync("#pareto >> text=Verhuizing doorgeven");
        var contact = await page.Locator("#examples a").CountAsync();
        Assert.Equal(0, contact);
        await page.GotoAsync(site.Url("/web/contacts/1").ToString());
        Assert.Equal("Niet voor uw rol", await page.InnerTextAsync("h1"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("analyst-refused-contact"), FullPage = true });
    }

    [Fact]
    public async Task AnAnalystFollowsTheOverviewToQualityAndIsRefusedAnAgentsPage()
    {
        var page = await SignInAsync(WebSite.Analyst, "/web/overview?month=2026-03");
        Assert.Equal("Overzicht van de maand", await page.InnerTextAsync("h1"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("overview-analyst"), FullPage = true });
        await page.ClickAsync("#figures >> text=NPS");
        Assert.Equal("Kwaliteit", await page.InnerTextAsync("h1"));
        Assert.Equal(0, await page.Locator("#ranking").CountAsync());
        await page.GotoAsync(site.Url("/web/quality/agents/A1?month=2026-03").ToString());
        Assert.Equal("Niet voor uw rol", await page.InnerTextAsync("h1"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("analyst-refused-agent"), FullPage = true });
    }

    [Fact]
    public async Task AQualityManagerGoesFromTheRankingToAnAgentsPage()
    {
        var page = await SignInAsync(WebSite.Quality, "/web/overview?month=2026-03");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("overview"), FullPage = true });
        // The NPS row leads to the quality page of the same month.
        await page.ClickAsync("#figures >> text=NPS");
        await page.ClickAsync("#ranking >> text=Anna");
        Assert.Equal("Medewerker Anna", await page.InnerTextAsync("h1"));
        Assert.Contains("month=", page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("quality-agent"), FullPage = true });
        await page.GoBackAsync();
        Assert.True(await page.Locator("#ranking figure, figure svg").First.IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("quality"), FullPage = true });
    }

    [Fact]
    public async Task AnAgentIsToldThePageIsNotForItsRole()
    {
        var page = await SignInAsync(WebSite.Agent, "/web/reasons");
        Assert.Equal("Niet voor uw rol", await page.InnerTextAsync("h1"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("not-for-your-role"), FullPage = true });
    }
}
