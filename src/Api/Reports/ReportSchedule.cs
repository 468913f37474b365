using Analytics.Data;
using Analytics.Reporting;
using Analytics.Reports;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Reports;

/// <summary>Keeps one Hangfire recurring job per enabled report definition, in the definition's time zone.</summary>
internal sealed class ReportSchedule(AnalyticsDbContext db, IRecurringJobManager jobs, ReportOptions options,
    TimeProvider clock, ILogger<ReportSchedule> log)
{
    public static string JobId(int definitionId) => $"report-definition-{definitionId}";

    public async Task SyncAllAsync(CancellationToken ct)
    {
        foreach (var d in await db.ReportDefinitions.AsNoTracking().ToListAsync(ct))
        {
            // Rows saved before the schedule rules may run every minute: off the scheduler until someone edits them.
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(d.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            if (ReportDefinitionRules.CronProblem(d.Cron, options.MinimumScheduleMinutes, zone,
                    clock.GetUtcNow().UtcDateTime) is { } problem)
            {
                log.LogWarning("Report definition {Id} not scheduled: cron {Problem}", d.Id, problem);
                Remove(d.Id);
                continue;
            }
            Sync(d);
        }
    }

    public void Sync(ReportDefinition d)
    {
        if (!d.Enabled) { jobs.RemoveIfExists(JobId(d.Id)); return; }
        var id = d.Id;
        jobs.AddOrUpdate<ReportJobs>(JobId(id), j => j.RunDefinitionAsync(id, CancellationToken.None), d.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(d.TimeZone) });
    }

    public void Remove(int definitionId) => jobs.RemoveIfExists(JobId(definitionId));
}
