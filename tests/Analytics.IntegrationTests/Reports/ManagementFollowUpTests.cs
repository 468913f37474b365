using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Analytics.Api.Metrics;
using Analytics.FollowUps;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Metrics;
using Analytics.Reports;
using Analytics.Statistics;
using Analytics.Time;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UglyToad.PdfPig;

namespace Analytics.IntegrationTests.Reports;

/// <summary>
/// The management report's follow-up section over the fixtures' two March detractors (S5: K5, team T1 of two agents;
/// S7: K7, team T2 of one), closed with a department each: the departments and closure codes are printed, T1's share
/// closed in time is shown and T2, below the minimum of two agents, is named without figures; teams by name, and the
/// department and closure counts with the publication rule's cell-key noise.
/// </summary>
public sealed class ManagementFollowUpTests : SeededApiTests
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Privacy:MinimumAgents"] = "2" };

    private async Task CloseTheDetractorsAsync()
    {
        var step = Host.Services.GetServices<IBatchStep>().OfType<FollowUpStep>().Single();
        await using (var cmd = Db.DataSource.CreateCommand("SELECT id, kind FROM ingest_batches ORDER BY id"))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            var batches = new List<(long, string)>();
            while (await r.ReadAsync()) batches.Add((r.GetInt64(0), r.GetString(1)));
            await r.DisposeAsync();
            foreach (var (id, kind) in batches) await step.RunAsync(id, kind, CancellationToken.None);
        }
        var tasks = (await Http.GetFromJsonAsync<JsonElement>("/api/v1/follow-ups?from=2026-03-01&to=2026-03-31&status=all"))
            .EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!, t => t.GetProperty("id").GetInt64());
        (await Http.PostAsJsonAsync($"/api/v1/follow-ups/{tasks["T1"]}/close", new { code = "compensated", department = "billing" }))
            .EnsureSuccessStatusCode();
        (await Http.PostAsJsonAsync($"/api/v1/follow-ups/{tasks["T2"]}/close", new { code = "called-back-solved", department = "sales" }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Sets a cell key under which billing's one closed task is published as more than one, so the report shows the
    /// noise rather than happening to match the exact count; the host reads the key on first use (after this).
    /// </summary>
    private async Task<CellKey> MovingKeyAsync(Period period)
    {
        var cell = Publication.Cell("followups:department", period, new ContactFilter(), "followups:department",
            "billing", null);
        var secret = Enumerable.Range(1, 200).Select(i => SHA256.HashData(BitConverter.GetBytes(i)))
            .First(s => new CellKey(s).Perturb(1, cell, "count") > 1);
        await using var superuser = new NpgsqlConnection(Db.SuperuserConnectionString);
        await superuser.OpenAsync();
        await using var cmd = new NpgsqlCommand("UPDATE privacy_secrets SET value = @v WHERE name = 'cell-key'", superuser);
        cmd.Parameters.AddWithValue("v", secret);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        return new CellKey(secret);
    }

    [Theory]
    [InlineData("nl", "Wat de vloer deze maand aan verkoop, facturatie en product doorgaf", "Facturatie", "gecompenseerd",
        "Team Zuid minder dan 2 medewerkers")]
    [InlineData("en", "What the floor told sales, billing and product this month", "Billing", "compensated",
        "Team Zuid fewer than 2 agents")]
    public async Task TheFloorsMessagesPerDepartmentAndTheShareClosedInTimeOfTeamsLargeEnough(string code, string heading,
        string department, string closure, string smallTeam)
    {
        var march = new Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var key = await MovingKeyAsync(march);
        await CloseTheDetractorsAsync();
        await using var scope = Host.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync("management", march,
            ReportLanguage.Parse(code), Host.PdfPath("management"), default);
        using var pdf = PdfDocument.Open(run.Path);
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains(heading, text);
        // PdfPig splits some kerned Dutch words ("Fa cturatie"): compare the section without spaces.
        var section = Squash(text[text.IndexOf(heading, StringComparison.Ordinal)..]);
        // One closed task each, published as the routes publish counts to a cx-manager (decision 020): with noise.
        string Published(string metric, string group) => key.Perturb(1,
            Publication.Cell(metric, march, new ContactFilter(), metric, group, null), "count").ToString();
        Assert.NotEqual("1", Published("followups:department", "billing"));
        Assert.Contains(Squash($"{department} {Published("followups:department", "billing")}"), section);
        Assert.Contains(Squash($"{closure} {Published("followups:closure", "compensated")}"), section);
        Assert.Contains(Squash(smallTeam), section);
        // Team Noord: one task due, closed today, long after its due day in March: 0% in time. Teams by name.
        Assert.Contains("TeamNoord110%", section);
        Assert.DoesNotContain("T1 ", text);
    }

    private static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task TheHowToReadSitsOnTheFirstPageUnderTheHeadlineFigures()
    {
        await CloseTheDetractorsAsync();
        await using var scope = Host.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync("management",
            new Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), ReportLanguage.En,
            Host.PdfPath("management"), default);
        using var pdf = PdfDocument.Open(run.Path);
        var first = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("How to read this:", first);
        Assert.True(first.IndexOf("How to read this:", StringComparison.Ordinal)
                    < first.IndexOf("Largest contact reasons", StringComparison.Ordinal), first);
    }
}
