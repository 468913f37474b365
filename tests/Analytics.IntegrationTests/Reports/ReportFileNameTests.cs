using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reporting;
using Analytics.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Reports;

/// <summary>No file name from user input: filters are checked codes; a report never lands outside its folder.</summary>
public sealed class ReportFileNameTests : SeededApiTests
{
    public static TheoryData<string, string> Escapes => new()
    {
        { "team", "../../../../tmp/x" },
        { "team", "/etc/passwd" },
        { "team", "..%2F..%2Fx" },
        { "team", "T1/../../x" },
        { "channel", "..\\x" },
        { "channel", "../phone" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task AFilterThatIsNoCodeIsRefusedAndNothingIsWritten(string parameter, string value)
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        var request = new Dictionary<string, string>
        {
            ["family"] = "reasons", ["from"] = "2026-03-01", ["to"] = "2026-03-31", [parameter] = value,
        };
        var response = await Http.PostAsJsonAsync("/api/v1/reports/run", request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out _), errors.ToString());
        await AssertNothingWrittenAsync(started);
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task ADefinitionWithAFilterThatIsNoCodeIsRefused(string parameter, string value)
    {
        var request = new Dictionary<string, string>
        {
            ["name"] = "ontsnapping", ["family"] = "reasons", ["cron"] = "0 7 1 * *", [parameter] = value,
        };
        var response = await Http.PostAsJsonAsync("/api/v1/reports/definitions", request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out _), errors.ToString());
    }

    [Fact]
    public async Task ADefinitionRowWithABadTeamIsRefusedByItsJobAndItsRunEndpoint()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        int id;
        await using (var db = Db.NewDbContext())
        {
            var row = new ReportDefinition
            {
                Name = "oud", Family = "reasons", Cron = "0 7 1 * *", Team = "../../../../tmp/x",
            };
            db.ReportDefinitions.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<ReportJobs>();
            Assert.Null(await jobs.RunDefinitionOnceAsync(id, default));
        }
        var response = await Http.PostAsync($"/api/v1/reports/definitions/{id}/run", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"team\"", await response.Content.ReadAsStringAsync());
        await AssertNothingWrittenAsync(started);
    }

    [Fact]
    public async Task AValidTeamAndChannelNameTheFileAfterTheRun()
    {
        var response = await Http.PostAsJsonAsync("/api/v1/reports/run",
            new { family = "reasons", from = "2026-03-01", to = "2026-03-31", team = "T1", channel = "phone" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        var file = $"reasons_2026-03-01_2026-03-31_nl_team-T1_channel-phone_{run.GetProperty("id").GetInt64()}.pdf";
        Assert.Equal(file, run.GetProperty("file").GetString());
        Assert.True(File.Exists(Path.Combine(Host.ReportDirectory, file)));
    }

    [Fact]
    public async Task TwoRendersOfOneReportAtOnceBothSucceedIntoTheirOwnFiles()
    {
        var request = new { family = "reasons", from = "2026-03-01", to = "2026-03-31" };
        var answers = await Task.WhenAll(Http.PostAsJsonAsync("/api/v1/reports/run", request),
            Http.PostAsJsonAsync("/api/v1/reports/run", request));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var files = Directory.GetFiles(Host.ReportDirectory).Select(Path.GetFileName).ToList();
        Assert.Equal(2, files.Count(f => f!.EndsWith(".pdf", StringComparison.Ordinal)));
        Assert.DoesNotContain(files, f => f!.EndsWith(".part", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../x.pdf")]
    [InlineData("/tmp/x.pdf")]
    [InlineData("sub/x.pdf")]
    public void APathOutsideTheReportFolderIsRefused(string name) =>
        Assert.Throws<InvalidReportException>(() => ReportFiles.Inside(Host.ReportDirectory, name));

    /// <summary>No run recorded, no report folder content, and no new PDF anywhere under the temp directory.</summary>
    private async Task AssertNothingWrittenAsync(DateTime sinceUtc)
    {
        await using (var db = Db.NewDbContext()) Assert.False(await db.ReportRuns.AnyAsync());
        if (Directory.Exists(Host.ReportDirectory))
            Assert.Empty(Directory.EnumerateFileSystemEntries(Host.ReportDirectory));
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 5,
        };
        var fresh = new DirectoryInfo(Path.GetTempPath()).EnumerateFiles("*.pdf*", options)
            .Where(f => f.LastWriteTimeUtc >= sinceUtc && (f.Name.StartsWith("x", StringComparison.Ordinal)
                        || f.Name.StartsWith("passwd", StringComparison.Ordinal) || f.FullName.Contains("team-")))
            .Select(f => f.FullName).ToList();
        Assert.Empty(fresh);
        Assert.False(File.Exists("/etc/passwd.pdf"));
    }
}
