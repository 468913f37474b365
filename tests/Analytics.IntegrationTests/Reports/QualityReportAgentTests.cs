using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Insights.Agents;
using Analytics.Reports;

namespace Analytics.IntegrationTests.Reports;

/// <summary>The quality report over the samples: every agent in the chart, the ranking's tiers in words.</summary>
[Collection(SampleReports.Collection)]
public sealed class QualityReportAgentTests(SampleReports samples)
{
    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task EveryAgentIsChartedAndEachRankedOneCarriesItsTier(string language)
    {
        var lang = ReportLanguage.Parse(language);
        var report = samples.Report("quality", language);
        using var http = await samples.Host.ClientAsync(Roles.QualityManager);
        var ranking = await http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/insights/agents/ranking?{SampleReports.Query}");
        var agents = ranking.GetProperty("agents").EnumerateArray().ToList();
        Assert.True(agents.Count >= 30, $"the samples have 40 agents, the ranking {agents.Count}");
        foreach (var a in agents)
        {
            var name = a.GetProperty("name").GetString()!;
            var tier = a.GetProperty("tier").GetString() is { } t
                ? Enum.Parse<AgentTier>(t, ignoreCase: true) : (AgentTier?)null;
            // The chart's row: the name on the left, the tier (or why there is none) on the right.
            var note = tier is { } x ? lang.Tier(x, shortForm: true)
                : $"{lang["toofew.long"]} (n = {a.GetProperty("n").GetInt32().ToString("N0", lang.Culture)})";
            Assert.Contains($"{name} {note}", report.Lines);
            // The table's row starts with the rank and ends with the tier.
            if (a.GetProperty("rank").ValueKind == JsonValueKind.Number)
            {
                var rank = a.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture);
                Assert.Contains(report.Lines, l => l.StartsWith($"{rank} {name} ", StringComparison.Ordinal)
                    && l.EndsWith(" " + lang.Tier(tier!.Value, shortForm: true), StringComparison.Ordinal));
            }
        }
    }
}
