using System.Net;
using System.Text.RegularExpressions;
using Analytics.Access;
using Analytics.Data;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Web;

/// <summary>A host as the demo runs it: no OpenID provider, Web:KeySignIn on, on a real port.</summary>
public sealed class KeySite : IAsyncLifetime
{
    public TestDatabase Db { get; } = new();
    public ApiHost Host { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Host = new ApiHost(Db, settings: new Dictionary<string, string?> { ["Web:KeySignIn"] = "true" });
        Host.UseKestrel(0);
        Host.StartServer();
        var address = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        await Fixtures.LoadAllAsync(Host.Service<IngestService>());
    }

    public async Task<(int Id, string Key)> KeyAsync(string role, string[]? teams = null)
    {
        var (key, hash, prefix) = ApiKey.NewKey();
        await using var db = Db.NewDbContext();
        var row = new ApiKey { Name = $"demo-{role}", Role = role, Prefix = prefix, Hash = hash, CreatedUtc = DateTime.UtcNow, Teams = teams };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync();
        return (row.Id, key);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Db.DisposeAsync();
    }
}

/// <summary>Signing in to the pages with an API key (the demo's way in): a POST form, the key's role and scope, revocation.</summary>
public sealed class WebKeySignInTests(KeySite site) : IClassFixture<KeySite>
{
    internal static string Field(string html, string name) => WebUtility.HtmlDecode(
        Regex.Match(html, $"name=\"{name}\" (?:type=\"hidden\" )?value=\"([^\"]*)\"").Groups[1].Value);

    /// <summary>Asks for <paramref name="path"/>, lands on the sign-in form, posts the key there.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Page)> SignInAsync(string key, string path)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var form = await client.GetAsync(new Uri(site.Address, path));
        Assert.Equal("/web/sign-in", form.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await form.Content.ReadAsStringAsync();
        var page = await client.PostAsync(new Uri(site.Address, "/web/sign-in"), new FormUrlEncodedContent(
        [
            KeyValuePair.Create("key", key), KeyValuePair.Create("returnUrl", Field(html, "returnUrl")),
            KeyValuePair.Create("__RequestVerificationToken", Field(html, "__RequestVerificationToken")),
        ]));
        return (client, page);
    }

    private async Task<List<AuditEntry>> AuditAsync(string path)
    {
        await using var db = site.Db.NewDbContext();
        return await db.AuditLog.AsNoTracking().Where(a => a.Path == path).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task AKeyPostedOnTheFormOpensThePagesWithTheKeysRoleAndTeams()
    {
        var (id, key) = await site.KeyAsync(Roles.TeamLead, ["T1"]);
        var (client, page) = await SignInAsync(key, "/web/contacts?from=2026-03-01&to=2026-03-31");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/web/contacts", page.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Aangemeld als demo-team-lead (team-lead)", html);
        Assert.DoesNotContain(key, html);

        await using var db = site.Db.NewDbContext();
        var (own, other) = (await db.Contacts.Where(c => c.SourceId == "K1").Select(c => c.Id).SingleAsync(),
            await db.Contacts.Where(c => c.SourceId == "K7").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(site.Address, $"/web/contacts/{own}"))).StatusCode);
        var refused = await client.GetAsync(new Uri(site.Address, $"/web/contacts/{other}"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("outside your teams (T1)", await refused.Content.ReadAsStringAsync());
        // The audit names the key, as for the same call on the API.
        Assert.All(await AuditAsync($"/web/contacts/{own}"), a => Assert.Equal((id, "team-lead"), (a.ApiKeyId!.Value, a.Role)));
        Assert.Contains(await AuditAsync("/web/sign-in"), a => a.ApiKeyId == id && a.Status == 303);
    }

    [Fact]
    public async Task AKeyInTheUrlOrOfAFeedOpensNothing()
    {
        var (_, key) = await site.KeyAsync(Roles.Admin);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var form = await (await client.GetAsync(new Uri(site.Address, $"/web/sign-in?key={key}"))).Content.ReadAsStringAsync();
        var posted = await client.PostAsync(new Uri(site.Address, $"/web/sign-in?key={key}"), new FormUrlEncodedContent(
            [KeyValuePair.Create("__RequestVerificationToken", Field(form, "__RequestVerificationToken"))]));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal("/web/sign-in", (await client.GetAsync(new Uri(site.Address, "/web/data/batches"))).RequestMessage!.RequestUri!.AbsolutePath);

        var (_, ingest) = await site.KeyAsync(Roles.Ingest);
        var (feed, page) = await SignInAsync(ingest, "/web");
        using var __ = feed;
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("id=\"refused\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RevokingAKeyEndsItsPageSessionsAtOnceAndRefusesItsNextSignIn()
    {
        var (id, key) = await site.KeyAsync(Roles.Admin);
        var (client, page) = await SignInAsync(key, "/web/data/batches");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/web/data/batches", page.RequestMessage!.RequestUri!.AbsolutePath);
        await using (var db = site.Db.NewDbContext())
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, DateTime.UtcNow));
        var after = await client.GetAsync(new Uri(site.Address, "/web/data/batches"));
        Assert.Equal("/web/sign-in", after.RequestMessage!.RequestUri!.AbsolutePath);

        var (again, refused) = await SignInAsync(key, "/web");
        using var __ = again;
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(await AuditAsync("/web/sign-in"), a => a.ApiKeyId is null && a.Status == 403 && a.Role == "anonymous");
    }

    [Fact]
    public async Task InTheBrowserTheDemosAdminKeyOpensTheContactSearch()
    {
        var (_, key) = await site.KeyAsync(Roles.Admin);
        await using var browser = await WebBrowser.StartAsync();
        var page = await browser.OpenAsync(new Uri(site.Address, "/web/contacts?from=2026-03-01&to=2026-03-31"));
        Assert.Equal("Aanmelden", await page.InnerTextAsync("h1"));
        await page.FillAsync("#key", key);
        await WebBrowser.ShootAsync(page, "sign-in-with-key");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/web/contacts?", StringComparison.Ordinal));
        Assert.DoesNotContain(key, page.Url);
        await page.SelectOptionAsync("#channel", "phone");
        await page.ClickAsync("button >> text=Tonen");
        await page.WaitForURLAsync(u => u.Contains("channel=phone", StringComparison.Ordinal));
        // Phone in March: K1, K3, K5, K6, K7, newest first.
        Assert.Equal(5, await page.Locator("#contacts tbody tr").CountAsync());
        Assert.Equal("K7", await page.InnerTextAsync("#contacts tbody tr >> nth=0 >> th"));
        await WebBrowser.ShootAsync(page, "contacts-search");
        await page.ClickAsync("#contacts >> text=K7");
        Assert.Equal("Contact K7", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task KeySignInIsOffUnlessConfiguredAndABadValueStopsTheStart()
    {
        await using var plain = new ApiHost(site.Db);
        var html = await (await plain.CreateClient().GetAsync("/web/sign-in")).Content.ReadAsStringAsync();
        Assert.Contains("Aanmelden is niet ingesteld", html);
        Assert.DoesNotContain("name=\"key\"", html);

        await using var bad = new ApiHost(site.Db, settings: new Dictionary<string, string?> { ["Web:KeySignIn"] = "perhaps" });
        Assert.ThrowsAny<Exception>(() => bad.CreateClient());
    }
}

/// <summary>Guessing keys on the sign-in form meets the anonymous rate limit of the API's key checks, and is audited.</summary>
public sealed class WebKeySignInRateLimitTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Web:KeySignIn"] = "true", ["Api:AnonymousRateLimitPerMinute"] = "4",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task RefusedSignInsAreAuditedAndRateLimitedPerAddress()
    {
        var client = _host.CreateClient();
        var form = await (await client.GetAsync("/web/sign-in")).Content.ReadAsStringAsync();
        var token = WebKeySignInTests.Field(form, "__RequestVerificationToken");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostAsync("/web/sign-in", new FormUrlEncodedContent(
                [KeyValuePair.Create("key", $"ak_guess{i}"), KeyValuePair.Create("__RequestVerificationToken", token)]))).StatusCode);
        // The form was the first of four requests a minute; the fourth guess is not even looked at.
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests],
            statuses);
        await using var db = _db.NewDbContext();
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Path == "/web/sign-in" && a.Status == 403));
    }
}
