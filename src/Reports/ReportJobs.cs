using Analytics.Metrics;
using Analytics.Reports.Reasons;
using Analytics.Time;
using Microsoft.Extensions.Logging;

namespace Analytics.Reports;

public sealed class ReportOptions
{
    public string OutputDirectory { get; set; } = "out/reports";
    public string Language { get; set; } = "nl";
}

/// <summary>Renders reports to files with stable names; written to a temp file and renamed, so no reader sees half a PDF.</summary>
public sealed class ReportJobs(ReasonMetrics reasons, ReportOptions options, TimeProvider clock, ILogger<ReportJobs> log)
{
    public static readonly string[] Families = ["reasons"];

    /// <summary>Hangfire entry point: last full month, default language.</summary>
    public async Task RenderReasonsReportAsync(CancellationToken ct)
    {
        var period = Period.LastFullMonth(Amsterdam.Today(clock));
        await RenderAsync("reasons", period, ReportLanguage.Parse(options.Language), options.OutputDirectory, ct);
    }

    /// <summary>Renders one report; <paramref name="output"/> is a directory (stable name inside) or a .pdf path.</summary>
    public async Task<string> RenderAsync(string family, Period period, ReportLanguage lang, string output, CancellationToken ct)
    {
        var path = output.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
            ? output
            : Path.Combine(output, $"{family}_{period.From:yyyy-MM-dd}_{period.To:yyyy-MM-dd}_{lang.Code}.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".part";
        await using (var file = File.Create(temp))
        {
            switch (family)
            {
                case "reasons":
                    ReasonsReport.Render(await reasons.VolumesAsync(period, ct), lang, file);
                    break;
                default:
                    throw new ArgumentException($"unknown report family '{family}'; use one of {string.Join(", ", Families)}", nameof(family));
            }
        }
        File.Move(temp, path, overwrite: true);
        log.LogInformation("Wrote {Family} report for {Period} ({Language}) to {Path}", family, period, lang.Code, path);
        return path;
    }
}
