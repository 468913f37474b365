using Analytics.Metrics;
using Analytics.Reports.Reasons;
using Analytics.Time;

namespace Analytics.Reports;

/// <summary>Filters a report is scoped to; shown on its cover line and part of its file name.</summary>
public sealed record ReportFilters(string? Team = null, string? Channel = null)
{
    public static readonly ReportFilters None = new();
    public string Slug => string.Join("_", new[] { Team is null ? null : "team-" + Team, Channel is null ? null : "channel-" + Channel }.Where(s => s is not null));
    public string Describe(ReportLanguage lang) => Team is null && Channel is null ? lang["none"]
        : string.Join(", ", new[] { Team is null ? null : $"team {Team}", Channel is null ? null : $"{lang["channel"]} {Channel}" }.Where(s => s is not null));
}

/// <summary>Queries the figures of one report family and draws its PDF.</summary>
public sealed class ReportRenderer(ReasonMetrics reasons)
{
    public static readonly string[] Families = ["reasons"];

    public async Task RenderAsync(string family, Period period, ReportLanguage lang, ReportFilters filters, Stream output, CancellationToken ct)
    {
        switch (family)
        {
            case "reasons":
                ReasonsReport.Render(await reasons.VolumesAsync(period, ct, filters.Team, filters.Channel), lang, filters, output);
                break;
            default:
                throw new ArgumentException($"unknown report family '{family}'; use one of {string.Join(", ", Families)}", nameof(family));
        }
    }
}
