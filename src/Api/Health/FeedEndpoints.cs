using Analytics.Data;
using Analytics.Ingestion.Feeds;
using Analytics.Reports.Delivery;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Health;

/// <summary>One feed's state as the API shows it.</summary>
internal sealed record FeedDto(string Source, string Kind, string State, DateTime? LastDeliveryUtc,
    double MissedDeliveries, long UsualRows, long RecentRows, DateTime SinceUtc, DateTime CheckedUtc);

internal static class FeedEndpoints
{
    public static RouteGroupBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ingest").WithTags("Ingest");
        group.MapGet("/feeds", ListAsync).WithName("ListFeeds").WithSummary(
            "Every feed (source and kind) with its state: ok, learning, late or low-volume, judged against its usual " +
            "volume per weekday and hour.");
        return group;
    }

    private static async Task<List<FeedDto>> ListAsync(AnalyticsDbContext db, CancellationToken ct) =>
        await db.FeedStates.AsNoTracking().OrderBy(f => f.Source).ThenBy(f => f.Kind)
            .Select(f => new FeedDto(f.Source, f.Kind, f.State, f.LastDeliveryUtc, f.MissedDeliveries, f.UsualRows,
                f.RecentRows, f.SinceUtc, f.CheckedUtc))
            .ToListAsync(ct);
}

/// <summary>The recurring feed watch: judge every feed, and mail the alert recipients when one turns late or low or recovers.</summary>
internal sealed partial class FeedJobs(FeedMonitor monitor, SmtpDelivery smtp, FeedOptions options, ILogger<FeedJobs> log)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<IReadOnlyList<FeedChange>> WatchAsync(CancellationToken ct)
    {
        var changes = await monitor.CheckAsync(ct);
        var told = changes.Where(c => FeedWatch.IsAlert(c.Feed.State) || c.Previous is { } p && FeedWatch.IsAlert(p)).ToList();
        foreach (var c in told) FeedChanged(c.Feed.Source, c.Feed.Kind, c.Previous ?? "new", c.Feed.State);
        if (told.Count == 0 || !smtp.Enabled || options.AlertRecipients.Count == 0) return changes;
        try
        {
            var lines = told.Select(c => $"{c.Feed.Source} {c.Feed.Kind}: {c.Feed.State} (was {c.Previous ?? "new"}); " +
                $"last delivery {c.Feed.LastDeliveryUtc:yyyy-MM-dd HH:mm} UTC, {c.Feed.MissedDeliveries} usual deliveries " +
                $"missed, {c.Feed.RecentRows} rows against {c.Feed.UsualRows} usual in the last window");
            await smtp.SendAsync(options.AlertRecipients, $"Analytics: {told.Count} feed(s) changed state",
                string.Join('\n', lines) + "\n\nGET /api/v1/ingest/feeds shows every feed.\n\n(Analytics)", null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The state is stored and shown by the API and /health/ready; a failed mail must not undo or repeat it.
            log.LogError(e, "Mailing the feed alert failed");
            Analytics.Telemetry.AnalyticsTelemetry.JobFailed("feed-alert-mail");
        }
        return changes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Source} {Kind}: {Previous} -> {State}")]
    private partial void FeedChanged(string source, string kind, string previous, string state);
}
