using Microsoft.Extensions.Logging;

namespace Analytics.Reports;

/// <summary>Hangfire entry points for reports. One method per family; each renders and delivers one PDF.</summary>
public sealed class ReportJobs(ILogger<ReportJobs> log)
{
    public Task RenderReasonsReportAsync(CancellationToken ct)
    {
        log.LogInformation("reasons report requested");
        return Task.CompletedTask;
    }
}
