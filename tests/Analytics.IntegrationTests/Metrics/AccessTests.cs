using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Metrics;

public sealed class AccessTests : SeededApiTests
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task EveryEndpointButHealthNeedsAKey()
    {
        using var anonymous = Host.CreateClient();
        var response = await anonymous.GetAsync($"/api/v1/metrics/nps?{March}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/ingest/batches")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);

        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "ak_not-a-real-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/metrics/nps?{March}")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.CxManager)]
    public async Task AgentFiguresAreForbiddenToRolesWithoutAgentAccess(string role)
    {
        using var http = await Host.ClientAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/v1/metrics/nps?{March}&groupBy=agent")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/v1/metrics/nps?{March}&agent=A1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/v1/metrics/nps?{March}")).StatusCode);
    }

    [Fact]
    public async Task SmallGroupsAreSuppressedForAnalystsButShownToQualityManagers()
    {
        // Both fixture teams have fewer than 5 agents and 10 responses: an analyst sees that they exist, not their figures.
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        var body = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?{March}&groupBy=team");
        Assert.All(body.GetProperty("groups").EnumerateArray(), g =>
        {
            Assert.True(g.GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, g.GetProperty("value").ValueKind);
            Assert.Equal(JsonValueKind.Null, g.GetProperty("n").ValueKind);
        });

        using var quality = await Host.ClientAsync(Roles.QualityManager);
        var full = await quality.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?{March}&groupBy=team");
        Assert.All(full.GetProperty("groups").EnumerateArray(), g => Assert.False(g.GetProperty("suppressed").GetBoolean()));
        Assert.Contains(full.GetProperty("groups").EnumerateArray(), g => g.GetProperty("value").GetDouble() == 25.0);
    }

    [Fact]
    public async Task AgentLevelAccessIsAuditedAndOnlyAdminsReadTheAuditLog()
    {
        using var quality = await Host.ClientAsync(Roles.QualityManager);
        var agents = await quality.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?{March}&groupBy=agent");
        Assert.Equal(3, agents.GetProperty("groups").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await quality.GetAsync("/api/v1/audit")).StatusCode);

        using var admin = await Host.ClientAsync(Roles.Admin);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal(Roles.QualityManager, entry.GetProperty("role").GetString());
        Assert.Equal("/api/v1/metrics/nps", entry.GetProperty("path").GetString());
        Assert.Contains("groupBy=agent", entry.GetProperty("query").GetString());
    }

    [Fact]
    public async Task TheJobDashboardOpensOnlyWithASessionStartedByPostingAnAdminKey()
    {
        var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        using var browser = Host.CreateClient(options);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/hangfire")).StatusCode);
        using var admin = await Host.ClientAsync(Roles.Admin);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
        var adminKey = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var analystKey = (await Host.ClientAsync(Roles.Analyst)).DefaultRequestHeaders.Authorization!.Parameter!;

        // A key in a URL would land in logs and history: GET only shows the form.
        var get = await browser.GetAsync($"/dashboard/login?key={adminKey}");
        Assert.False(get.Headers.Contains("Set-Cookie"));
        var refused = await browser.PostAsync("/dashboard/login", Form(analystKey));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));

        var signIn = await browser.PostAsync("/dashboard/login", Form(adminKey));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/hangfire", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(adminKey, setCookie, StringComparison.Ordinal);
        var cookie = setCookie.Split(';')[0];

        Assert.Equal(HttpStatusCode.OK, (await Send(browser, "/hangfire", cookie)).StatusCode);
        // The session is not a key: the JSON API does not take it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(browser, $"/api/v1/metrics/nps?{March}", cookie)).StatusCode);

        await using (var db = Db.NewDbContext())
            await db.ApiKeys.Where(k => k.Prefix == adminKey.Substring(0, 10))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedUtc, DateTime.UtcNow));
        Assert.NotEqual(HttpStatusCode.OK, (await Send(browser, "/hangfire", cookie)).StatusCode);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedAtOnceEvenRightAfterItWasUsed()
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/metrics/nps?{March}")).StatusCode);
        var prefix = analyst.DefaultRequestHeaders.Authorization!.Parameter![..10];
        await using (var db = Db.NewDbContext())
            await db.ApiKeys.Where(k => k.Prefix == prefix).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedUtc, DateTime.UtcNow));
        // The notification travels asynchronously; "at once" here means within a fraction of a second.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do status = (await analyst.GetAsync($"/api/v1/metrics/nps?{March}")).StatusCode;
        while (status == HttpStatusCode.OK && clock.ElapsedMilliseconds < 5000);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"still accepted after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task WrongKeysAreLimitedPerClientAddressNotPerKeyString()
    {
        await using var host = new ApiHost(Db, settings: new Dictionary<string, string?> { ["Api:AnonymousRateLimitPerMinute"] = "5" });
        using var client = host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/metrics/nps?{March}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"ak_guess{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        using var analyst = await host.ClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/metrics/nps?{March}")).StatusCode);
    }

    private static FormUrlEncodedContent Form(string key) => new([new KeyValuePair<string, string>("key", key)]);

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }
}
