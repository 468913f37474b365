using Analytics.Data;
using Analytics.Ingestion.Feeds;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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
/// not scanned, reports not mailed. Degraded, not unhealthy: the API itself still answers.
/// </summary>
internal sealed class JobServersHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddMinutes(-2);
        var alive = storage.GetMonitoringApi().Servers().Any(s => s.Heartbeat >= since);
        return Task.FromResult(alive ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("no job server alive"));
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
