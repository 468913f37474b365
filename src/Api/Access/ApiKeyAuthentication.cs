using System.Security.Claims;
using System.Text.Encodings.Web;
using Analytics.Access;
using Analytics.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Access;

/// <summary>
/// API keys: `Authorization: Bearer ak_…` or `X-Api-Key: ak_…`, nothing else (the dashboard's session cookie is not a
/// key and opens only the dashboard). Keys are looked up by their SHA-256 through <see cref="ApiKeyCache"/>.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IServiceScopeFactory scopes, ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        var bytes = ApiKey.HashOf(key);
        var hash = Convert.ToHexString(bytes);
        var found = await cache.GetAsync(hash, () => ReadAsync(bytes)).WaitAsync(Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("unknown or revoked API key");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new Claim(ClaimTypes.Name, found.Name), new Claim(ClaimTypes.Role, found.Role)], SchemeName);
        // The key's scope travels with it: AgentScope reads these.
        foreach (var team in found.Teams ?? []) identity.AddClaim(new Claim(ApiKeyClaims.Team, team));
        if (found.Agent is not null) identity.AddClaim(new Claim(ApiKeyClaims.Agent, found.Agent));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // Shared by the requests waiting for this key (ApiKeyCache): one request's cancellation must not fail the others.
    private async Task<ApiKeyCache.Entry?> ReadAsync(byte[] hash)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        return await FindAsync(db, hash, CancellationToken.None);
    }

    /// <summary>The valid key of this hash, or null; run once at start too, so the first request finds EF warm.
    /// </summary>
    internal static Task<ApiKeyCache.Entry?> FindAsync(AnalyticsDbContext db, byte[] hash, CancellationToken ct) =>
        db.ApiKeys.Where(k => k.Hash == hash && k.RevokedUtc == null)
            .Select(k => new ApiKeyCache.Entry(k.Id, k.Role, k.Name, k.Teams, k.AgentCode)).FirstOrDefaultAsync(ct);

    internal static string? ReadKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth[7..].Trim();
        return request.Headers["X-Api-Key"].FirstOrDefault() is { Length: > 0 } header ? header.Trim() : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required",
            "Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'; create one with ./analytics keys create --role ROLE.");

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var rule = Context.GetEndpoint()?.Metadata.GetMetadata<AccessMatrix.Rule>();
        // A refused attempt on agent-level or raw data is audited like an answered one: a works council asks for both.
        if (rule is { Audited: true })
            await Context.RequestServices.GetRequiredService<AuditLog>().RecordAsync(Context, 403, Context.RequestAborted);
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed for this role",
            rule is null ? "This role may not do this." : $"This is for the {string.Join(", ", rule.Policy.Roles)} roles: " +
                                                          $"{rule.Policy.Meaning}.");
    }

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

internal static class ClaimsExtensions
{
    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";
    public static int? KeyId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public static bool SeesAgents(this ClaimsPrincipal user) => Roles.SeesAgents(user.Role());
}
