using System.Net.Http.Json;
using System.Text.Json;
using Analytics.FollowUps;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reports;
using Analytics.Time;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Analytics.IntegrationTests.Reports;

/// <summary>
/// The management report's follow-up section over the fixtures' two March detractors (S5: K5, team T1 of two agents;
/// S7: K7, team T2 of one), closed with a department each: the departments and closure codes are printed, T1's share
/// closed in time is shown and T2, below the minimum of two agents, is named without figures.
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

    [Theory]
    [InlineData("nl", "Wat de vloer deze maand aan verkoop, facturatie en product doorgaf", "Facturatie 1", "gecompenseerd 1",
        "T2 minder dan 2 medewerkers")]
    [InlineData("en", "What the floor told sales, billing and product this month", "Billing 1", "compensated 1",
        "T2 fewer than 2 agents")]
    public async Task TheFloorsMessagesPerDepartmentAndTheShareClosedInTimeOfTeamsLargeEnough(string code, string heading,
        string department, string closure, string smallTeam)
    {
        await CloseTheDetractorsAsync();
        await using var scope = Host.Services.CreateAsyncScope();
        var march = new Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var run = await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync("management", march,
            ReportLanguage.Parse(code), Host.PdfPath("management"), default);
        using var pdf = PdfDocument.Open(run.Path);
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains(heading, text);
        Assert.Contains(department, text);
        Assert.Contains(closure, text);
        Assert.Contains(smallTeam, text);
        // T1: one task due, closed today, long after its due day in March: 0% in time.
        Assert.Contains("T1 1 1 0%", text.Replace("\u00a0", " ").Replace(" %", "%"));
    }
}
