using System.Net;
using System.Text.Json;
using Analytics.Access;
using Analytics.Search;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Api;

/// <summary>
/// Search and export for a role without agent access: no query, filter or team that selects one agent's contacts, no
/// agent's name in the notes it reads, and exports bounded and audited.
/// </summary>
public sealed class ContactSearchPrivacyTests() : SeededApiTests(Roles.Analyst)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewDbContext();
        await db.Contacts.Where(c => c.SourceId == "K1")
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Notes, "Anna belde klant terug, factuur uitgelegd"));
        await new SearchIndexer(Db.DataSource).IndexMissingAsync(default);
    }

    [Theory]
    [InlineData("q=Anna")]
    [InlineData("q=gesprek%20met%20cees")]
    [InlineData("agent=A1")]
    [InlineData("team=T1")]
    public async Task AQuestionThatSelectsOneAgentsContactsIsRefusedAndAudited(string question)
    {
        var response = await Http.GetAsync($"/api/v1/contacts?{March}&{question}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = Db.NewDbContext();
        var entry = await db.AuditLog.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal((Roles.Analyst, 403), (entry.Role, entry.Status));
    }

    [Fact]
    public async Task NotesShowAgentsNamesOnlyToAgentLevelRoles()
    {
        // Every team of the fixture is below the default thresholds, whose contacts an analyst does not list at all.
        Assert.NotEqual("K1", await FirstSourceId(Http));
        await using var lenient = new ApiHost(Db, settings: new Dictionary<string, string?> { ["Privacy:MinimumAgents"] = "1" });
        using var analyst = await lenient.ClientAsync(Roles.Analyst);
        var notes = await NotesOfK1(analyst);
        Assert.Equal("[AGENT] belde klant terug, factuur uitgelegd", notes);
        using var quality = await Host.ClientAsync(Roles.QualityManager);
        Assert.Equal("Anna belde klant terug, factuur uitgelegd", await NotesOfK1(quality));
        // Words that only look like a name part in lower case stay: the search for "factuur" is allowed.
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/api/v1/contacts?{March}&q=factuur")).StatusCode);
    }

    [Fact]
    public async Task AnExportIsBoundedAndAudited()
    {
        await using var host = new ApiHost(Db, settings: new Dictionary<string, string?>
        {
            ["Api:MaxExportRows"] = "3", ["Privacy:MinimumAgents"] = "1",
        });
        using var analyst = await host.ClientAsync(Roles.Analyst);
        var csv = await analyst.GetStringAsync($"/api/v1/contacts?{March}&csv=rfc4180");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 3, lines.Length);
        Assert.DoesNotContain("Anna", csv, StringComparison.Ordinal);
        await using var db = Db.NewDbContext();
        var entry = await db.AuditLog.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(("/api/v1/contacts", 200), (entry.Path, entry.Status));
        Assert.Contains("csv=rfc4180", entry.Query, StringComparison.Ordinal);
    }

    private static async Task<string?> FirstSourceId(HttpClient client)
    {
        var items = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/contacts?{March}&sort=started&limit=1")).RootElement
            .GetProperty("items");
        return items.GetArrayLength() == 0 ? null : items[0].GetProperty("sourceId").GetString();
    }

    private static async Task<string?> NotesOfK1(HttpClient client)
    {
        var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/contacts?{March}&sort=started&limit=1"));
        var first = page.RootElement.GetProperty("items")[0];
        Assert.Equal("K1", first.GetProperty("sourceId").GetString());
        return first.GetProperty("notes").GetString();
    }
}
