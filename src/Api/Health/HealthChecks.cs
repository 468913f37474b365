using Analytics.Data;
using Analytics.Ingestion.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Analytics.Api.Health;

/// <summary>PostgreSQL answers within a few seconds and every migration of this build is applied.</summary>
internal sealed class DatabaseHealthCheck(AnalyticsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var pending = await db.Database.GetPendingMigrationsAsync(timeout.Token);
            return pending.Any() ? HealthCheckResult.Unhealthy("migrations pending") : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}

/// <summary>
/// Some Hangfire server (in this host or another) sent a heartbeat lately. Without one nothing is scheduled: feeds are
/// not scanned, reports not mailed. Degraded, not unhealthy: the API itself still answers. Read from this host's own
/// database rather than through Hangfire's JobStorage, which is one static per process.
/// </summary>
internal sealed class JobServersHealthCheck(NpgsqlDataSource data) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        await using var cmd = data.CreateCommand(
            "SELECT count(*) FROM hangfire.server WHERE lastheartbeat > now() - interval '2 minutes'");
        try
        {
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) > 0) return HealthCheckResult.Healthy();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No server has ever started on this database.
        }
        return HealthCheckResult.Degraded("no job server alive");
    }
}

/// <summary>Degraded while a feed is late or low (the feed-watch job's last judgement; details in /api/v1/ingest/feeds).</summary>
internal sealed class FeedsHealthCheck(AnalyticsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var alerts = await db.FeedStates.CountAsync(f => f.State == FeedWatch.Late || f.State == FeedWatch.LowVolume, ct);
        return alerts == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("feeds late or low");
    }
}

/// <summary>
/// Degraded while the survey cube's copy loads into memory (seconds after a start or a refresh at 10M contacts): the
/// host answers meanwhile, more slowly. A load balancer may still send traffic (degraded is 200); a benchmark waits.
/// </summary>
internal sealed class SurveyCubeHealthCheck(Analytics.Metrics.SurveyMetrics metrics) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        await metrics.CubeLoadingAsync(ct) ? HealthCheckResult.Degraded("survey cube loading") : HealthCheckResult.Healthy();
}

/// <summary>Degraded while an active model is in alert (the model-health watch's last check; details in
/// /api/v1/models/{id}/health).</summary>
internal sealed class ModelsHealthCheck(AnalyticsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var alerting = await db.Set<Analytics.Models.ModelHealthState>()
            .AnyAsync(s => s.Alerts.Count > 0 && db.Models.Any(m => m.Id == s.ModelId && m.Active), ct);
        return alerting ? HealthCheckResult.Degraded("a model in alert") : HealthCheckResult.Healthy();
    }
}
