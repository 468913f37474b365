using Microsoft.Playwright;

namespace Analytics.IntegrationTests.Web;

/// <summary>
/// Debian's chromium driven by Playwright (no browser is ever downloaded), signing people in on a <see cref="WebSite"/>,
/// and where screenshots go (out/screenshots/, to look at).
/// </summary>
public sealed class WebBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private WebBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<WebBrowser> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ANALYTICS_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
            Headless = true,
            Args = ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new WebBrowser(playwright, browser);
    }

    /// <summary>A fresh browser window (no cookies) on <paramref name="url"/>.</summary>
    public async Task<IPage> OpenAsync(Uri url)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        // Five engineers' builds share two cores here: a page may take longer than Playwright's 30 s to load.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the test provider and signs in there as the person.</summary>
    public async Task<IPage> SignInAsync(WebSite site, TestPerson person, string path)
    {
        var page = await OpenAsync(site.Url(path));
        await page.ClickAsync($"#as-{person.Login}");
        await page.WaitForURLAsync(u => u.StartsWith(site.Address.ToString(), StringComparison.Ordinal));
        return page;
    }

    public static string Screenshot(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
            {
                var folder = Directory.CreateDirectory(Path.Combine(dir.FullName, "out", "screenshots"));
                return Path.Combine(folder.FullName, name + ".png");
            }
        throw new DirectoryNotFoundException("no Analytics.sln above the test binary");
    }

    public static Task ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot(name), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
