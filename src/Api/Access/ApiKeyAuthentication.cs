using System.Security.Claims;
using System.Text.Encodings.Web;
using Analytics.Access;
using Analytics.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Access;

/// <summary>
/// API keys: `Authorization: Bearer ak_…` or `X-Api-Key: ak_…` (or the dashboard's cookie). Keys are looked up by
/// their SHA-256; a valid key is cached briefly so the hot metrics path does not pay a query per request.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IServiceScopeFactory scopes, IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Cookie = "analytics_key";
    private sealed record CachedKey(int Id, string Role, string Name);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        var hash = Convert.ToHexString(ApiKey.HashOf(key));
        if (!cache.TryGetValue(hash, out CachedKey? found))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
            var bytes = ApiKey.HashOf(key);
            found = await db.ApiKeys.Where(k => k.Hash == bytes && k.RevokedUtc == null)
                .Select(k => new CachedKey(k.Id, k.Role, k.Name)).FirstOrDefaultAsync(Context.RequestAborted);
            cache.Set(hash, found, TimeSpan.FromSeconds(found is null ? 5 : 60));
        }
        if (found is null) return AuthenticateResult.Fail("unknown or revoked API key");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new Claim(ClaimTypes.Name, found.Name), new Claim(ClaimTypes.Role, found.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    internal static string? ReadKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth[7..].Trim();
        if (request.Headers["X-Api-Key"].FirstOrDefault() is { Length: > 0 } header) return header.Trim();
        return request.Cookies[Cookie];
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required",
            "Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'; create one with ./analytics keys create --role ROLE.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed for this role",
            "Agent-level figures and transcripts are for the quality-manager and admin roles.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

internal static class Policies
{
    public const string AgentLevel = "agent-level";
    public const string Admin = "admin";
}

internal static class ClaimsExtensions
{
    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";
    public static int? KeyId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public static bool SeesAgents(this ClaimsPrincipal user) => Roles.SeesAgents(user.Role());
}
