using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// The smallest OpenID provider the host's sign-in accepts (discovery, keys, authorization code, token), so `bench web`
/// signs its users in through the real OpenID Connect flow, as the browser tests do against OpenIddict. Whoever asks
/// is let in as the person named by login_hint, in the one group given: a bench tool, never a provider to serve.
/// </summary>
internal sealed class BenchOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "analytics-bench", ClientSecret = "bench-secret";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Login, string? Nonce)> _codes = new();
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "bench" };
    public string Authority { get; private set; } = "";

    private BenchOpenIdProvider(string group)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority, ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token", ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/jwks", () =>
            Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(_key) } }));
        _app.MapGet("/authorize", (HttpRequest r) =>
        {
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (r.Query["login_hint"].ToString(), r.Query["nonce"].FirstOrDefault());
            var state = Uri.EscapeDataString(r.Query["state"].ToString());
            return Results.Redirect($"{r.Query["redirect_uri"]}?code={code}&state={state}");
        });
        _app.MapPost("/token", async (HttpRequest r) =>
        {
            var form = await r.ReadFormAsync();
            if (!_codes.TryRemove(form["code"].ToString(), out var who))
                return Results.BadRequest(new { error = "invalid_grant" });
            var now = DateTime.UtcNow;
            var claims = new Dictionary<string, object>
                { ["sub"] = who.Login, ["name"] = who.Login, ["groups"] = new[] { group } };
            if (who.Nonce is not null) claims["nonce"] = who.Nonce;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority, Audience = ClientId, IssuedAt = now, NotBefore = now, Expires = now.AddHours(1),
                Claims = claims,
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ["token_type"] = "Bearer",
                ["expires_in"] = 3600, ["id_token"] = idToken,
            });
        });
    }

    /// <summary>A provider that signs everyone in as a member of <paramref name="group"/>.</summary>
    public static async Task<BenchOpenIdProvider> StartAsync(string group, CancellationToken ct)
    {
        var provider = new BenchOpenIdProvider(group);
        await provider._app.StartAsync(ct);
        provider.Authority = provider._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    /// <summary>
    /// A client signed in as <paramref name="login"/> the way a browser is: the page sends it to the provider, the
    /// provider straight back with a code, the host exchanges it and sets its cookie. Cookies stay in the client.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(string host, string login, CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false })
        { Timeout = TimeSpan.FromSeconds(30) };
        var url = host + "/web";
        for (var hop = 0; hop < 6; hop++)
        {
            using var answer = await client.GetAsync(url, ct);
            if (answer.StatusCode == System.Net.HttpStatusCode.OK) return client;
            var next = answer.Headers.Location
                       ?? throw new InvalidOperationException($"sign-in stopped at {url}: {answer.StatusCode}");
            url = next.IsAbsoluteUri ? next.ToString() : new Uri(new Uri(url), next).ToString();
            if (url.Contains("/authorize?", StringComparison.Ordinal))
                url += "&login_hint=" + Uri.EscapeDataString(login);
        }
        throw new InvalidOperationException("sign-in did not end on a page");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
