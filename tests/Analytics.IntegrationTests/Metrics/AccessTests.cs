using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

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
    public async Task TheJobDashboardIsForAdminsOnly()
    {
        using var analyst = await Host.ClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/hangfire")).StatusCode);
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        using var admin = await Host.ClientAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
    }
}
