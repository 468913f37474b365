using System.Net;
using System.Text.Json;
using Analytics.Access;
using Analytics.Api.Health;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Health;

/// <summary>
/// /health/live and /health/ready need no key and say status names only; /metrics answers an admin key anywhere and a
/// keyless scraper only from loopback or a trusted network. The test server has no real client address, so the host
/// here takes it from a test header (X-Test-Remote) through a startup filter: the rule itself runs unchanged.
/// </summary>
public sealed class HealthEndpointTests : SeededApiTests
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Health:MetricsTrustedNetworks:0"] = "10.0.0.0/8",
    };

    private sealed class RemoteFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, go) =>
            {
                if (http.Request.Headers["X-Test-Remote"] is [{ } ip]) http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
                return go(http);
            });
            next(app);
        };
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _remoteHost;

    /// <summary>The same host, with the client address taken from X-Test-Remote.</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> RemoteHost => _remoteHost ??=
        Host.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteFromHeader>()));

    public override async Task DisposeAsync()
    {
        if (_remoteHost is not null) await _remoteHost.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<HttpResponseMessage> ScrapeAsync(string remote, string? role = null)
    {
        using var client = RemoteHost.CreateClient();
        if (role is not null)
        {
            using var keyed = await Host.ClientAsync(role);
            client.DefaultRequestHeaders.Authorization = keyed.DefaultRequestHeaders.Authorization;
        }
        client.DefaultRequestHeaders.Add("X-Test-Remote", remote);
        return await client.GetAsync("/metrics");
    }

    /// <summary>The value of a Prometheus sample whose name and labels contain all of <paramref name="parts"/>; 0 if none.</summary>
    private static double Sample(string scrape, params string[] parts) => scrape.Split('\n')
        .Where(l => !l.StartsWith('#') && parts.All(l.Contains))
        .Select(l => double.Parse(l[(l.LastIndexOf('}') + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
        .FirstOrDefault();

    [Fact]
    public async Task LiveAndReadyNeedNoKeyAndNameOnlyStatuses()
    {
        using var anonymous = Host.CreateClient();
        var live = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("""{"status":"Healthy","checks":{}}""", await live.Content.ReadAsStringAsync());

        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        var checks = body.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(["database", "feeds", "jobs", "models", "survey-cube"], checks.Keys.Order());
        Assert.Equal(("Healthy", "Healthy", "Healthy"), (checks["database"], checks["feeds"], checks["models"]));
        Assert.Contains(checks["survey-cube"], new[] { "Healthy", "Degraded" }); // Degraded while its copy loads
        Assert.Contains(checks["jobs"], new[] { "Healthy", "Degraded" });
        Assert.Equal(checks.ContainsValue("Degraded") ? "Degraded" : "Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyIsHealthyOnceAJobServerBeats()
    {
        // A database of its own: the heartbeat stays in Hangfire's tables after the server stops.
        var db = new TestDatabase();
        await db.InitializeAsync();
        try
        {
            await AssertReadyAsync(db);
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    private static async Task AssertReadyAsync(TestDatabase db)
    {
        await using var withServer = new ApiHost(db, jobServer: true);
        using var anonymous = withServer.CreateClient();
        string? status = null;
        for (var i = 0; i < 100 && status != "Healthy"; i++)
        {
            if (i > 0) await Task.Delay(200);
            status = JsonDocument.Parse(await anonymous.GetStringAsync("/health/ready")).RootElement.GetProperty("status").GetString();
        }
        Assert.Equal("Healthy", status);
    }

    [Fact]
    public async Task MetricsCountIngestedRowsAndShowFrameworkInstruments()
    {
        // The meter is the process's: other test classes load files at the same time, so count this load's increase.
        string[] duplicates = ["analytics_ingest_rows_total{", "kind=\"surveys\"", "outcome=\"duplicate\""];
        string[] batches = ["analytics_ingest_batch_duration_seconds_count{", "kind=\"surveys\"", "state=\"completed\""];
        var before = await (await ScrapeAsync("10.1.2.3")).Content.ReadAsStringAsync();
        var ingest = RemoteHost.Services.GetRequiredService<Analytics.Ingest.Pipeline.IngestService>();
        var again = await ingest.IngestAsync("surveys", Fixtures.Stream(Fixtures.Surveys), "again.csv", CancellationToken.None);
        Assert.Equal(12, again.Duplicates);

        // A request's duration is recorded as it ends: ask until the framework's instruments show (the counts above
        // are ours and already recorded). Up to 15 s: on a loaded CI machine 5 s was once not enough.
        var after = "";
        for (var i = 0; i < 60 && !after.Contains("http_server_request_duration_seconds", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(250);
            var response = await ScrapeAsync("10.1.2.3");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            after = await response.Content.ReadAsStringAsync();
        }
        Assert.True(Sample(after, duplicates) - Sample(before, duplicates) >= 12, after);
        Assert.True(Sample(after, batches) - Sample(before, batches) >= 1, after);
        Assert.Contains("http_server_request_duration_seconds", after);
        Assert.Contains("dotnet_gc_collections_total", after);
        Assert.Contains("db_client_", after);
    }

    [Theory]
    [InlineData("127.0.0.1", null, HttpStatusCode.OK)]
    [InlineData("192.0.2.7", null, HttpStatusCode.Unauthorized)]
    [InlineData("192.0.2.7", Roles.Analyst, HttpStatusCode.Forbidden)]
    [InlineData("192.0.2.7", Roles.Ingest, HttpStatusCode.Forbidden)]
    [InlineData("192.0.2.7", Roles.Admin, HttpStatusCode.OK)]
    public async Task MetricsAnswerAnAdminKeyAnywhereAndOthersOnlyFromTrustedAddresses(string remote, string? role,
        HttpStatusCode expected) =>
        Assert.Equal(expected, (await ScrapeAsync(remote, role)).StatusCode);

    [Theory]
    [InlineData(false, "127.0.0.1", true)]
    [InlineData(false, "::1", true)]
    [InlineData(false, "::ffff:127.0.0.1", true)]
    [InlineData(false, "10.200.0.1", true)]
    [InlineData(false, "11.0.0.1", false)]
    [InlineData(false, null, false)]
    [InlineData(true, "203.0.113.9", true)]
    public void TheMetricsRule(bool admin, string? remote, bool allowed) =>
        Assert.Equal(allowed, MetricsAccess.Allows(admin, remote is null ? null : IPAddress.Parse(remote),
            [IPNetwork.Parse("10.0.0.0/8")]));
}
