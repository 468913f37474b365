using System.Net;
using Analytics.Access;
using Microsoft.AspNetCore.Authorization;

namespace Analytics.Api.Health;

/// <summary>Who may scrape /metrics (section <c>Health</c>).</summary>
internal sealed class HealthOptions
{
    /// <summary>Networks (CIDR, e.g. "10.0.0.0/8") whose scrapers need no key; loopback always may.</summary>
    public List<string> MetricsTrustedNetworks { get; set; } = [];

    public IReadOnlyList<IPNetwork> TrustedNetworks() => [.. MetricsTrustedNetworks.Select(IPNetwork.Parse)];

    public bool Valid() => MetricsTrustedNetworks.All(n => IPNetwork.TryParse(n, out _));
}

/// <summary>
/// /metrics carries no personal data but does show volumes and key names of feeds: an admin key may read it from
/// anywhere, a scraper without a key only from this machine or a configured network.
/// </summary>
internal static class MetricsAccess
{
    public const string PolicyName = "metrics";

    public static bool Allows(bool isAdmin, IPAddress? remote, IReadOnlyList<IPNetwork> trusted)
    {
        if (isAdmin) return true;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || trusted.Any(n => n.Contains(remote));
    }

    public static void AddPolicy(AuthorizationOptions o, IReadOnlyList<IPNetwork> trusted) =>
        o.AddPolicy(PolicyName, p => p.RequireAssertion(ctx =>
            Allows(ctx.User.IsInRole(Roles.Admin), (ctx.Resource as HttpContext)?.Connection.RemoteIpAddress, trusted)));
}
