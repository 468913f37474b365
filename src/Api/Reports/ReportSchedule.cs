using Analytics.Data;
using Analytics.Reporting;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Reports;

/// <summary>Keeps one Hangfire recurring job per enabled report definition, in the definition's time zone.</summary>
internal sealed class ReportSchedule(AnalyticsDbContext db, IRecurringJobManager jobs)
{
    public static string JobId(int definitionId) => $"report-definition-{definitionId}";

    public async Task SyncAllAsync(CancellationToken ct)
    {
        foreach (var d in await db.ReportDefinitions.AsNoTracking().ToListAsync(ct)) Sync(d);
    }

    public void Sync(ReportDefinition d)
    {
        if (!d.Enabled) { jobs.RemoveIfExists(JobId(d.Id)); return; }
        var id = d.Id;
        jobs.AddOrUpdate<Analytics.Reports.ReportJobs>(JobId(id), j => j.RunDefinitionAsync(id, CancellationToken.None), d.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(d.TimeZone) });
    }

    public void Remove(int definitionId) => jobs.RemoveIfExists(JobId(definitionId));
}
