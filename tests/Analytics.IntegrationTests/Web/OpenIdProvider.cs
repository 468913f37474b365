using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Analytics.IntegrationTests.Web;

/// <summary>A person the test provider knows: the groups and claims an organisation's directory would send.</summary>
public sealed record TestPerson(string Login, string Name, string[] Groups, string? EmployeeId = null);

/// <summary>
/// A real OpenID provider (OpenIddict, authorization code flow) on a port of its own, standing in for Entra ID: its
/// sign-in page lists the test's people as buttons, and the ID token carries their groups. Degraded mode: the one
/// client and its secret are checked here, with no database of its own.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "analytics-web";
    public const string ClientSecret = "test-secret";
    private readonly WebApplication _app;
    public string Authority { get; }

    private OpenIdProvider(WebApplication app, string authority) => (_app, Authority) = (app, authority);

    public static async Task<OpenIdProvider> StartAsync(IReadOnlyList<TestPerson> people)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow();
            o.RegisterScopes(Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId) ctx.Reject(Errors.InvalidClient, "unknown client");
                else if (ctx.RedirectUri is not { } uri || !uri.EndsWith("/web/signin-oidc", StringComparison.Ordinal))
                    ctx.Reject(Errors.InvalidRequest, "unknown redirect_uri");
                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId || ctx.ClientSecret != ClientSecret) ctx.Reject(Errors.InvalidClient, "wrong client secret");
                return default;
            }));
        });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID request");
            var login = http.Request.HasFormContentType ? http.Request.Form["login"].ToString() : "";
            var person = people.FirstOrDefault(p => p.Login == login);
            if (person is null) return Results.Content(LoginPage(request, people), "text/html; charset=utf-8");
            var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, person.Login));
            identity.AddClaim(new Claim(Claims.Name, person.Name));
            foreach (var g in person.Groups) identity.AddClaim(new Claim("groups", g));
            if (person.EmployeeId is not null) identity.AddClaim(new Claim("employee_id", person.EmployeeId));
            foreach (var claim in identity.Claims) claim.SetDestinations(Destinations.IdentityToken, Destinations.AccessToken);
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(request.GetScopes());
            return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new OpenIdProvider(app, address.TrimEnd('/') + "/");
    }

    /// <summary>The provider's own sign-in page: the request's parameters carried on, one button per person.</summary>
    private static string LoginPage(OpenIddictRequest request, IReadOnlyList<TestPerson> people)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test provider</title></head>")
            .Append("<body><h1>Test provider</h1><form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
            html.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode((string?)value)}\">");
        foreach (var p in people)
            html.Append($"<button type=\"submit\" name=\"login\" value=\"{p.Login}\" id=\"as-{p.Login}\">{WebUtility.HtmlEncode(p.Name)}</button>");
        return html.Append("</form></body></html>").ToString();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
