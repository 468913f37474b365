using System.Security.Claims;
using Analytics.Access;
using Analytics.Api.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Web;

/// <summary>
/// People sign in to the pages with OpenID Connect and keep a cookie; machines call /api with keys. Which one a request
/// is asked for is decided by its path, so the API never accepts the cookie (no cross-site requests with it) and the
/// pages never a key.
/// </summary>
internal static class WebSignIn
{
    public const string CookieScheme = "web";
    public const string OidcScheme = "oidc";
    private const string Selector = "analytics";
    /// <summary>The person's name in the audit log (pages have no key id).</summary>
    public const string Subject = "sub";

    public static bool IsWeb(PathString path) => path.StartsWithSegments("/web");

    public static void AddAnalyticsAuthentication(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<WebSignInOptions>().BindConfiguration("Web:OpenIdConnect")
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebOptions>().BindConfiguration("Web").ValidateDataAnnotations().ValidateOnStart();
        var signIn = config.GetSection("Web:OpenIdConnect").Get<WebSignInOptions>() ?? new WebSignInOptions();
        var auth = services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, null, o => o.ForwardDefaultSelector = http =>
                IsWeb(http.Request.Path) ? CookieScheme : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "analytics_web";
                o.Cookie.Path = "/web";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                o.LoginPath = "/web/sign-in";
                o.LogoutPath = "/web/sign-out";
                o.Events.OnValidatePrincipal = WebKeySignIn.ValidateAsync;
            });
        if (!signIn.Enabled) return;
        auth.AddOpenIdConnect(OidcScheme, o =>
        {
            o.SignInScheme = CookieScheme;
            o.Authority = signIn.Authority;
            o.ClientId = signIn.ClientId;
            o.ClientSecret = signIn.ClientSecret;
            o.RequireHttpsMetadata = signIn.RequireHttpsMetadata;
            o.ResponseType = "code";
            // The answer comes back as a top-level GET, so the Lax correlation cookies travel with it.
            o.ResponseMode = "query";
            o.CallbackPath = "/web/signin-oidc";
            o.SignedOutCallbackPath = "/web/signout-callback-oidc";
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnTokenValidated = ctx =>
            {
                var options = ctx.HttpContext.RequestServices.GetRequiredService<IOptions<WebSignInOptions>>().Value;
                ctx.Principal = Map(ctx.Principal!, options);
                return Task.CompletedTask;
            };
        });
    }

    // When someone is in several groups, the widest role wins; a team lead's teams are those of all its groups.
    private static readonly string[] Precedence =
        [Roles.Admin, Roles.QualityManager, Roles.CxManager, Roles.Analyst, Roles.TeamLead, Roles.Agent];

    /// <summary>
    /// The provider's person as our caller: a role claim and the scope claims <see cref="AgentScopes"/> reads, exactly
    /// as an API key carries them. Someone in no mapped group gets no role, and every page tells them so.
    /// </summary>
    public static ClaimsPrincipal Map(ClaimsPrincipal person, WebSignInOptions options)
    {
        var groups = person.FindAll(options.GroupClaim).Select(c => options.Groups.GetValueOrDefault(c.Value))
            .OfType<WebGroup>().ToList();
        var role = Precedence.FirstOrDefault(r => groups.Any(g => g.Role == r));
        var subject = person.FindFirstValue("sub") ?? "";
        var identity = new ClaimsIdentity(CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(Subject, subject));
        var name = person.FindFirstValue("name") ?? person.FindFirstValue("preferred_username") ?? subject;
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        if (role is null) return new ClaimsPrincipal(identity);
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        if (role == Roles.TeamLead)
            foreach (var team in groups.Where(g => g.Role == Roles.TeamLead).SelectMany(g => g.Teams).Distinct())
                identity.AddClaim(new Claim(ApiKeyClaims.Team, team));
        if (role == Roles.Agent && person.FindFirstValue(options.AgentClaim) is { Length: > 0 } agent)
            identity.AddClaim(new Claim(ApiKeyClaims.Agent, agent));
        return new ClaimsPrincipal(identity);
    }
}
