using System.Net;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Web;

/// <summary>Sign-in through a real OpenID provider, groups mapped to roles, and each page gated by its API route's row.</summary>
public sealed class WebSignInTests(WebSite site) : IClassFixture<WebSite>
{
    [Fact]
    public async Task APageSendsAStrangerToTheProviderAndBackSignedIn()
    {
        var (client, page) = await site.SignInAsync(WebSite.Quality, "/web/reasons?from=2026-03-01&to=2026-03-31");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/web/reasons", page.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Aangemeld als Quinty Manager (quality-manager)", html);
        Assert.Contains("<html lang=\"nl\">", html);
    }

    [Fact]
    public async Task TheApiStillWantsAKeyAndNeverTakesThePageCookie()
    {
        var (client, _) = await site.SignInAsync(WebSite.Quality, "/web");
        using var __ = client;
        var api = await client.GetAsync(site.Url("/api/v1/reasons/pareto?from=2026-03-01&to=2026-03-31"));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var keyed = await site.Host.ClientAsync(Analytics.Access.Roles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/v1/reasons/pareto?from=2026-03-01&to=2026-03-31")).StatusCode);
    }

    [Fact]
    public async Task APersonWhoseRoleMayNotSeeAPageGetsNotForYourRoleWith403()
    {
        // Agents read their own data only: the reasons of the whole centre are not theirs (GET /api/v1/reasons/pareto).
        var (client, page) = await site.SignInAsync(WebSite.Agent, "/web/reasons?lang=en");
        using var _ = client;
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Not for your role</h1>", html);
        Assert.Contains("role &#x27;agent&#x27;", html);
    }

    [Fact]
    public async Task SomeoneInNoMappedGroupIsSignedInWithoutARoleAndRefused()
    {
        var (client, page) = await site.SignInAsync(WebSite.Nobody, "/web/reasons");
        using var _ = client;
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Niet voor uw rol", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SigningOutEndsThePageSession()
    {
        var (client, _) = await site.SignInAsync(WebSite.Analyst, "/web");
        using var __ = client;
        var home = await (await client.GetAsync(site.Url("/web"))).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedOut = await client.PostAsync(site.Url("/web/sign-out"),
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal("/web/sign-in", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
        var again = await client.GetAsync(site.Url("/web/reasons"));
        Assert.Contains("Test provider", await again.Content.ReadAsStringAsync());
    }
}
