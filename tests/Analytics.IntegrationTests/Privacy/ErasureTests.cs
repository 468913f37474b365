using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Privacy;

/// <summary>Erasure of one customer by key (AVG art. 17), through the endpoint and the CLI, over the real host.</summary>
public sealed class ErasureTests : SeededApiTests
{
    private const string NpsByTeam = "/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=team";

    // The host looks at the cube's state on every question, so an erasure's rebuild shows at once.
    protected override IDictionary<string, string?>? Settings =>
        new Dictionary<string, string?> { ["Metrics:CubeStateMaxAgeMs"] = "0" };

    [Fact]
    public async Task ErasingACustomerRemovesTheirRowsRecomputesTheFiguresAndAuditsOnlyAHash()
    {
        await PrivacyFixture.LoadTranscriptsAsync(Host); // K1 of customer C1
        Assert.Equal(6, (await TeamAsync("T1")).GetProperty("n").GetInt32());

        // C5: contact K5 and responses S5 (detractor) and S6 (passive).
        var response = await Http.PostAsJsonAsync("/api/v1/privacy/erasure", new { customerKey = "C5" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1, 2), (counts.GetProperty("customers").GetInt32(), counts.GetProperty("contacts").GetInt32(),
            counts.GetProperty("surveys").GetInt32()));

        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM customers WHERE key = 'C5'"));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM contacts WHERE source_id = 'K5'"));
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM survey_responses WHERE source_id IN ('S5', 'S6')"));
        // Team Noord without S5 and S6: promoters S1, S2, S4, passive S3 = (3 - 0) / 4 = +75.
        var noord = await TeamAsync("T1");
        Assert.Equal(4, noord.GetProperty("n").GetInt32());
        Assert.Equal(75.0, noord.GetProperty("value").GetDouble());

        var query = await Db.TextAsync("SELECT query FROM audit_log WHERE path = '/api/v1/privacy/erasure'");
        Assert.Matches("^customer=[0-9a-f]{16}&customers=1&contacts=1&", query);
        Assert.DoesNotContain("C5", query);
        Assert.Equal(counts.GetProperty("customerHash").GetString(), query[9..25]);
    }

    [Fact]
    public async Task ErasingAnUnknownOrAlreadyErasedKeyAnswersZeroCounts()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsJsonAsync("/api/v1/privacy/erasure", new { customerKey = "C7" })).StatusCode);
        var again = await (await Http.PostAsJsonAsync("/api/v1/privacy/erasure", new { customerKey = "C7" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        foreach (var kind in new[] { "customers", "contacts", "transcripts", "surveys", "searchDocuments", "quarantineRows" })
            Assert.Equal(0, again.GetProperty(kind).GetInt64());
        Assert.Equal(2, await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE path = '/api/v1/privacy/erasure'"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"customerKey\": \"   \"}")]
    public async Task AMissingOrBlankKeyIsAProblemNamingTheField(string body)
    {
        var response = await Http.PostAsync("/api/v1/privacy/erasure",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("customerKey", out _));
        Assert.Equal(9, await Db.ScalarAsync("SELECT count(*) FROM contacts"));
    }

    [Fact]
    public async Task OnlyAdminsMayErase()
    {
        using var manager = await Host.ClientAsync(Roles.QualityManager);
        var response = await manager.PostAsJsonAsync("/api/v1/privacy/erasure", new { customerKey = "C1" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, await Db.ScalarAsync("SELECT count(*) FROM customers WHERE key = 'C1'"));
    }

    [Fact]
    public async Task TheCliErasesTooAndBlanksTheQuarantinedLineThatNamesTheKey()
    {
        // S13 (score 11) was quarantined with its raw line, which ends in C8.
        Assert.Equal(1, await Db.ScalarAsync("SELECT count(*) FROM quarantined_rows WHERE raw_text LIKE '%,C8'"));

        var (code, output) = await PrivacyFixture.CliAsync(Db, null, "erase-customer", "C8");

        Assert.True(code == 0, output);
        Assert.Contains("contacts=1 ", output); // K8
        Assert.Contains("surveys=3 ", output); // S9, S10, S12
        Assert.Contains("quarantine=1", output);
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM quarantined_rows WHERE raw_text LIKE '%C8%'"));
        Assert.Equal(1, await Db.ScalarAsync("SELECT count(*) FROM quarantined_rows WHERE raw_text = ''"));
        // Another process changed the data: this host notices within its data version's second.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.Equal(2, (await TeamAsync("T2")).GetProperty("n").GetInt32()); // S7 and S8 left of four
    }

    private async Task<JsonElement> TeamAsync(string team) =>
        (await Http.GetFromJsonAsync<JsonElement>(NpsByTeam)).GetProperty("groups").EnumerateArray()
        .Single(g => g.GetProperty("group").GetString() == team);
}
