using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reports;
using Analytics.Time;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Analytics.IntegrationTests.Reports;

/// <summary>The figures printed in the quality and management PDFs are the API's figures, in both languages.</summary>
public sealed class QualityAndManagementReportTests : SeededApiTests
{
    private readonly Period _march = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

    private async Task<string> PdfTextAsync(string family, ReportLanguage lang)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync(family, _march, lang,
            Host.PdfPath(family), default);
        using var pdf = PdfDocument.Open(run.Path);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Theory]
    [InlineData("nl", "nl-NL")]
    [InlineData("en", "en-GB")]
    public async Task TheQualityReportPrintsTheApisTeamFigures(string code, string culture)
    {
        using var http = await Host.ClientAsync();
        var api = await http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31&groupBy=team");
        var text = await PdfTextAsync("quality", ReportLanguage.Parse(code));
        var c = CultureInfo.GetCultureInfo(culture);
        foreach (var team in api.GetProperty("groups").EnumerateArray())
        {
            // 10 responses in all, fewer per team: below the minimum every team figure says "too few" but shows its n.
            Assert.Contains($"{team.GetProperty("name").GetString()} {team.GetProperty("n").GetInt32()}", text);
        }
        var all = (await http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31")).GetProperty("groups")[0];
        Assert.Contains("+" + all.GetProperty("value").GetDouble().ToString("N1", c), text); // +30,0 / +30.0
        Assert.Contains(code == "nl" ? "te weinig" : "too few", text);
        Assert.Contains("Duurde veel te lang", text); // the detractor's comment, redacted
        Assert.DoesNotContain("jan@example.nl", text);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task EveryAgentIsChartedEvenWithTooFewResponses(string code)
    {
        var lang = ReportLanguage.Parse(code);
        await using var scope = Host.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync("quality", _march, lang,
            Host.PdfPath("quality"), default);
        var pdf = PdfContent.Read(run.Path);
        using var http = await Host.ClientAsync();
        var ranking = await http.GetFromJsonAsync<JsonElement>(
            "/api/v1/insights/agents/ranking?from=2026-03-01&to=2026-03-31");
        Assert.Equal(3, ranking.GetProperty("agents").GetArrayLength());
        foreach (var agent in ranking.GetProperty("agents").EnumerateArray())
        {
            // 2 to 4 responses each: no rank and no tier, but a row in the chart that says why.
            Assert.Equal(JsonValueKind.Null, agent.GetProperty("tier").ValueKind);
            var n = agent.GetProperty("n").GetInt32().ToString(lang.Culture);
            Assert.Contains($"{agent.GetProperty("name").GetString()} {lang["toofew.long"]} (n = {n})", pdf.Lines);
        }
    }

    [Theory]
    [InlineData("nl", "nl-NL", "contacten")]
    [InlineData("en", "en-GB", "contacts")]
    public async Task TheManagementSummaryPrintsTheApisKpis(string code, string culture, string contactsLabel)
    {
        using var http = await Host.ClientAsync();
        var kpi = (await http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/contacts?from=2026-03-01&to=2026-03-31")).GetProperty("groups")[0];
        var nps = (await http.GetFromJsonAsync<JsonElement>("/api/v1/metrics/nps?from=2026-03-01&to=2026-03-31")).GetProperty("groups")[0];
        var text = await PdfTextAsync("management", ReportLanguage.Parse(code));
        var c = CultureInfo.GetCultureInfo(culture);
        // The KPI row reads value by value, then the labels: "+30,0 8 …" then "contacten (+700%)".
        var npsText = "+" + nps.GetProperty("value").GetDouble().ToString("N1", c);
        Assert.Contains($"{npsText} {kpi.GetProperty("contacts").GetInt32()} ", text);
        Assert.Contains($"{contactsLabel} (+700%)", text); // February had 1 contact, March 8
        Assert.Contains((kpi.GetProperty("abandonmentRate").GetDouble() / 100).ToString("P1", c), text);
        Assert.Contains(code == "nl" ? "Onduidelijke factuur" : "Unclear invoice", text);
    }
}
