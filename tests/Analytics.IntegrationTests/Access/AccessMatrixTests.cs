using System.Net;
using System.Net.Http.Json;
using System.Text;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Analytics.IntegrationTests.Access;

/// <summary>
/// Every endpoint of the running host, called with every role: a role outside the endpoint's row in the access matrix
/// gets 403, a role inside it never gets 401 or 403 (the request may still be a 400 or 404: path values are made up).
/// </summary>
public sealed class AccessMatrixTests(ITestOutputHelper output) : SeededApiTests
{
    private static readonly string[] EveryRole = Roles.All;

    private IReadOnlyList<RouteEndpoint> ApiEndpoints() =>
        Host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();

    [Fact]
    public void EveryApiEndpointHasARowInTheMatrixAndEveryRowAnEndpoint()
    {
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} API endpoints found");
        var keys = endpoints.Select(e => AccessMatrix.KeyOf(Method(e), e.RoutePattern)).ToList();
        Assert.All(endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<AccessMatrix.Rule>()));
        Assert.Empty(AccessMatrix.Rules.Keys.Except(keys));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task EachRoleGetsExactlyWhatTheMatrixAllows()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in EveryRole) clients[role] = await Host.ClientAsync(role);
        var wrong = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            var method = Method(endpoint);
            var rule = endpoint.Metadata.GetMetadata<AccessMatrix.Rule>()!;
            var path = Concrete(endpoint);
            foreach (var role in EveryRole)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await clients[role].SendAsync(request);
                var allowed = rule.Policy.Roles.Contains(role);
                var status = response.StatusCode;
                var ok = allowed ? status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                                 : status == HttpStatusCode.Forbidden;
                if (!ok) wrong.Add($"{method} {path} as {role}: {(int)status}, matrix says {(allowed ? "allowed" : "403")}");
            }
        }
        foreach (var w in wrong) output.WriteLine(w);
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task ARefusedAttemptOnAgentLevelDataIsAudited()
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var response = await analyst.GetAsync("/api/v1/insights/agents/ranking?from=2026-01-01&to=2026-01-31");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = Db.NewDbContext();
        var entry = await db.AuditLog.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal((Roles.Analyst, 403, "/api/v1/insights/agents/ranking"), (entry.Role, entry.Status, entry.Path));
    }

    [Fact]
    public async Task AnIngestKeySeesOnlyTheBatchesItUploaded()
    {
        using var feed = await Host.ClientAsync(Roles.Ingest);
        using var body = new StringContent(Fixtures.Reasons, Encoding.UTF8, "text/csv");
        var upload = await feed.PostAsync("/api/v1/ingest/reasons", body);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        var mine = await feed.GetStringAsync("/api/v1/ingest/batches");
        var all = await Http.GetStringAsync("/api/v1/ingest/batches");
        Assert.Equal(1, Count(mine, "\"id\""));
        Assert.True(Count(all, "\"id\"") > 1, all);
        var fixtureBatch = await Http.GetFromJsonAsync<List<BatchDtoProbe>>("/api/v1/ingest/batches?limit=500");
        var other = fixtureBatch!.Select(b => b.Id).Min();
        Assert.Equal(HttpStatusCode.NotFound, (await feed.GetAsync($"/api/v1/ingest/batches/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await feed.GetAsync("/api/v1/metrics/nps?from=2026-01-01&to=2026-01-31")).StatusCode);
    }

    private sealed record BatchDtoProbe(long Id);

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static string Method(RouteEndpoint e) =>
        e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";

    /// <summary>The route with made-up values that satisfy its constraints, and a month for endpoints that need one.</summary>
    private static string Concrete(RouteEndpoint e)
    {
        var path = new StringBuilder();
        foreach (var segment in e.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "type" } => "nps",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "kind" } => "nosuchkind",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "code" } => "ZZZ",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "999999",
                    _ => "",
                });
        }
        return path + "?from=2026-01-01&to=2026-01-31";
    }
}
