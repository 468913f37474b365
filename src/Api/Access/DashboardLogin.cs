using System.Security.Cryptography;
using Analytics.Access;
using Analytics.Data;
using Hangfire.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Access;

/// <summary>
/// The jobs dashboard is a browser page, so it cannot send a key header. An admin key posted once to /dashboard/login
/// opens a server-side session: a random token in an HttpOnly cookie scoped to /hangfire, 8 hours, ended by logging out
/// or by revoking the key. The cookie is not a key: the JSON API never accepts it.
/// </summary>
internal static class DashboardLogin
{
    public const string Cookie = "analytics_dashboard";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static void MapDashboardLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard/login", () => TypedResults.Content(Form, "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/dashboard/login", SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/dashboard/logout", SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, AnalyticsDbContext db, AuditLog audit, TimeProvider clock)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var key = form?["key"].ToString().Trim();
        var hash = string.IsNullOrEmpty(key) ? null : ApiKey.HashOf(key);
        var found = hash is null ? null : await db.ApiKeys.AsNoTracking()
            .FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedUtc == null, http.RequestAborted);
        if (found is null || found.Role != Roles.Admin)
        {
            await audit.RecordAsync(http, 403, http.RequestAborted, keyId: found?.Id, role: found?.Role ?? "anonymous");
            return TypedResults.Problem(statusCode: 403, title: "Not signed in",
                detail: "The jobs dashboard needs a valid admin key, posted as the form field 'key'.");
        }
        var token = RandomNumberGenerator.GetBytes(32);
        var now = clock.GetUtcNow().UtcDateTime;
        db.DashboardSessions.Add(new DashboardSession
        {
            TokenHash = SHA256.HashData(token), ApiKeyId = found.Id, CreatedUtc = now, ExpiresUtc = now + Lifetime,
        });
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.RecordAsync(http, 303, http.RequestAborted, keyId: found.Id, role: found.Role);
        // Base64url: nothing in it that cookie encoding would escape.
        http.Response.Cookies.Append(Cookie, System.Buffers.Text.Base64Url.EncodeToString(token), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/hangfire", MaxAge = Lifetime,
            Secure = http.Request.IsHttps,
        });
        return TypedResults.Redirect("/hangfire", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, AnalyticsDbContext db, TimeProvider clock)
    {
        if (TokenHash(http) is { } hash)
            await db.DashboardSessions.Where(s => s.TokenHash == hash && s.RevokedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedUtc, clock.GetUtcNow().UtcDateTime), http.RequestAborted);
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/hangfire" });
        return TypedResults.Redirect("/dashboard/login");
    }

    private static byte[]? TokenHash(HttpContext http)
    {
        var cookie = http.Request.Cookies[Cookie];
        if (string.IsNullOrEmpty(cookie)) return null;
        var token = new byte[32];
        return System.Buffers.Text.Base64Url.IsValid(cookie, out var length) && length == 32
               && System.Buffers.Text.Base64Url.DecodeFromChars(cookie, token) == 32 ? SHA256.HashData(token) : null;
    }

    /// <summary>Hangfire's gate: a live session of a key that is still an unrevoked admin key.</summary>
    internal sealed class DashboardFilter : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (TokenHash(http) is not { } hash) return false;
            var db = http.RequestServices.GetRequiredService<AnalyticsDbContext>();
            var now = DateTime.UtcNow;
            return await db.DashboardSessions.AnyAsync(s => s.TokenHash == hash && s.RevokedUtc == null && s.ExpiresUtc > now
                && db.ApiKeys.Any(k => k.Id == s.ApiKeyId && k.RevokedUtc == null && k.Role == Roles.Admin), http.RequestAborted);
        }
    }

    private const string Form = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Analytics jobs: sign in</title></head>
        <body style="font-family: sans-serif; max-width: 32em; margin: 4em auto">
        <h1>Jobs dashboard</h1>
        <form method="post" action="/dashboard/login">
          <label for="key">Admin API key</label><br>
          <input id="key" name="key" type="password" autocomplete="off" size="48" required>
          <button type="submit">Sign in</button>
        </form>
        <p>The key is sent once, in the body; the browser keeps only a session cookie for /hangfire (8 hours).</p>
        </body></html>
        """;
}
