using Hangfire;

namespace Analytics.Api;

/// <summary>All recurring jobs are registered here, in one place, when the host starts.</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs, IConfiguration configuration, IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Api.Reports.ReportSchedule>().SyncAllAsync(cancellationToken);
        var zone = Analytics.Time.Amsterdam.Zone;
        jobs.AddOrUpdate<Analytics.Reports.ReportJobs>("report-reasons-monthly",
            j => j.RenderReasonsReportAsync(CancellationToken.None),
            configuration["Jobs:ReasonsReportCron"] ?? "0 6 1 * *",
            new RecurringJobOptions { TimeZone = zone });
        jobs.AddOrUpdate<Analytics.Ingest.IngestJobs>("ingest-drop-folder",
            j => j.ScanDropFolderAsync(CancellationToken.None),
            configuration["Jobs:DropFolderCron"] ?? Cron.Minutely(),
            new RecurringJobOptions { TimeZone = zone });
        // Nightly: new labels (agents' codes, analysts' corrections) become a candidate model, promoted only if better.
        jobs.AddOrUpdate<Analytics.Classification.ModelRegistry>("models-retrain-reasons", r => r.RetrainReasonsAsync(CancellationToken.None),
            configuration["Jobs:RetrainCron"] ?? "0 3 * * *", new RecurringJobOptions { TimeZone = zone });
        // Nightly, after the retraining: wrap-up codes audited, candidate new reasons refreshed (13 weeks).
        jobs.AddOrUpdate<Api.Reasons.ReasonAuditJobs>("reasons-audit-and-discovery", j => j.RefreshAsync(CancellationToken.None),
            configuration["Jobs:ReasonAuditCron"] ?? "0 4 * * *", new RecurringJobOptions { TimeZone = zone });
        // Corrections (and anything a follow-up missed) make the cube stale; figures fall back to raw rows until this runs.
        jobs.AddOrUpdate<Analytics.Metrics.SurveyCube>("metrics-survey-cube", c => c.RefreshIfStaleAsync(CancellationToken.None),
            configuration["Jobs:CubeCron"] ?? "*/5 * * * *", new RecurringJobOptions { TimeZone = zone });
        jobs.AddOrUpdate<Analytics.Insights.Rollups.InsightRollups>("insights-rollups", r => r.RefreshIfStaleAsync(CancellationToken.None),
            configuration["Jobs:CubeCron"] ?? "*/5 * * * *", new RecurringJobOptions { TimeZone = zone });
        jobs.AddOrUpdate<Api.Insights.InsightsJobs>("insights-emerging-reasons", j => j.DetectEmergingReasonsAsync(CancellationToken.None),
            configuration["Jobs:AlertsCron"] ?? "30 6 * * *", new RecurringJobOptions { TimeZone = zone });
        // Nightly, after the retraining: removes or anonymises what is older than the Retention:* periods.
        jobs.AddOrUpdate<Analytics.Privacy.Retention>("privacy-retention", r => r.RunNightlyAsync(CancellationToken.None),
            configuration["Jobs:RetentionCron"] ?? "30 2 * * *", new RecurringJobOptions { TimeZone = zone });
        // Feeds are judged per hour of the week; a quarter-hour check finds a late feed within its first missed hour.
        jobs.AddOrUpdate<Api.Health.FeedJobs>("ingest-feed-watch", j => j.WatchAsync(CancellationToken.None),
            configuration["Jobs:FeedWatchCron"] ?? "*/15 * * * *", new RecurringJobOptions { TimeZone = zone });
        // Daily, after the nightly retraining and scoring: the health measures move per week and month, and a partial
        // week re-tested every hour would mail its p-value's wobble (docs/decisions/042-model-health-alerts.md).
        jobs.AddOrUpdate<Api.Models.ModelHealthJobs>("models-health-watch", j => j.WatchAsync(CancellationToken.None),
            configuration["Jobs:ModelHealthCron"] ?? "0 7 * * *", new RecurringJobOptions { TimeZone = zone });
        if (configuration.GetValue("Ingest:SurveyApi:Enabled", false))
            jobs.AddOrUpdate<Analytics.Ingest.IngestJobs>("ingest-survey-api", j => j.PullSurveyApiAsync(CancellationToken.None),
                configuration["Jobs:SurveyApiCron"] ?? "*/5 * * * *", new RecurringJobOptions { TimeZone = zone });
        else
            jobs.RemoveIfExists("ingest-survey-api");
        var backup = configuration.GetSection("Backup").Get<Api.Backups.BackupOptions>() ?? new Api.Backups.BackupOptions();
        if (backup.Enabled)
            jobs.AddOrUpdate<Api.Backups.BackupJob>("database-backup", j => j.RunAsync(CancellationToken.None), backup.Schedule,
                new RecurringJobOptions { TimeZone = zone });
        else
            jobs.RemoveIfExists("database-backup");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
