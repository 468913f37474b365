using System.Security.Claims;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Web;

/// <summary>
/// "Web": <see cref="KeySignIn"/> lets someone open the pages with an API key posted once to /web/sign-in, for a place
/// without an OpenID provider (the demo). Off by default: a key is a shared secret, not a person. Validated on start.
/// </summary>
internal sealed class WebOptions
{
    public bool KeySignIn { get; set; }
}

/// <summary>
/// Sign-in with an API key: the key is checked as the API checks it, and the page cookie then carries what the key
/// carries (its id, role, teams, agent), so access, scopes, audit and the rate limit treat the person as the key.
/// </summary>
internal static class WebKeySignIn
{
    /// <summary>The cookie principal of a key; null when it is unknown, revoked or a machine's (ingest).</summary>
    public static async Task<(ClaimsPrincipal? Person, ApiKey? Key)> CheckAsync(string? key, AnalyticsDbContext db,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key)) return (null, null);
        var hash = ApiKey.HashOf(key.Trim());
        var found = await db.ApiKeys.AsNoTracking()
            .FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedUtc == null, ct);
        // Feeds push files with ingest keys; they are no one's way into the pages.
        if (found is null || found.Role == Roles.Ingest) return (null, found);
        var identity = new ClaimsIdentity(WebSignIn.CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        var id = found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, id));
        identity.AddClaim(new Claim(WebSignIn.Subject, "key:" + id));
        identity.AddClaim(new Claim(ClaimTypes.Name, found.Name));
        identity.AddClaim(new Claim(ClaimTypes.Role, found.Role));
        foreach (var team in found.Teams ?? []) identity.AddClaim(new Claim(ApiKeyClaims.Team, team));
        if (found.AgentCode is not null) identity.AddClaim(new Claim(ApiKeyClaims.Agent, found.AgentCode));
        return (new ClaimsPrincipal(identity), found);
    }

    /// <summary>
    /// Every request of a key's page session asks whether the key still stands: a revoked key ends its sessions at
    /// once, as it stops working on the API at once. One primary-key read; people of OpenID Connect have no key.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.KeyId() is not { } id) return;
        var db = context.HttpContext.RequestServices.GetRequiredService<AnalyticsDbContext>();
        var ct = context.HttpContext.RequestAborted;
        if (await db.ApiKeys.AnyAsync(k => k.Id == id && k.RevokedUtc == null, ct)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(WebSignIn.CookieScheme);
    }
}
