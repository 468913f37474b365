using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.Ingestion.Feeds;

/// <summary>A feed whose state changed in a check.</summary>
public sealed record FeedChange(FeedState Feed, string? Previous);

/// <summary>
/// Judges every feed that delivered in the history window (or ever, if it stopped) and stores its state; returns the
/// feeds whose state changed, so the caller can tell people. Safe on several servers at once: each writes the same
/// judgement of the same rows.
/// </summary>
public sealed class FeedMonitor(NpgsqlDataSource data, AnalyticsDbContext db, FeedOptions options, TimeProvider clock)
{
    // A feed is its source and kind. Uploads name their key; the survey pull names its batches "NAME page CURSOR";
    // the CLI and the drop folder are "files". Re-submitted quarantine rows are not a delivery.
    private const string Sql = """
        SELECT source, kind, started_utc, rows_read, first_utc FROM (
          SELECT source, kind, started_utc, rows_read,
                 min(started_utc) OVER f AS first_utc, max(started_utc) OVER f AS last_utc
          FROM (SELECT CASE WHEN b.submitted_by_key_id IS NOT NULL THEN 'key:' || coalesce(k.name, b.submitted_by_key_id::text)
                            WHEN b.source_file LIKE '% page %' THEN split_part(b.source_file, ' page ', 1)
                            ELSE 'files' END AS source,
                       b.kind, b.started_utc, b.rows_read
                FROM ingest_batches b LEFT JOIN api_keys k ON k.id = b.submitted_by_key_id
                WHERE b.state = 'completed' AND b.source_file NOT LIKE 'resubmit-of-batch-%') batches
          WINDOW f AS (PARTITION BY source, kind)) feeds
        WHERE started_utc >= @since OR started_utc = last_utc
        """;

    public async Task<IReadOnlyList<FeedChange>> CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var feeds = new Dictionary<(string Source, string Kind), (DateTime First, List<Delivery> Deliveries)>();
        await using (var cmd = data.CreateCommand(Sql))
        {
            cmd.Parameters.AddWithValue("since", now.AddDays(-7 * (options.HistoryWeeks + 1) - 7));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!feeds.TryGetValue(key, out var feed)) feeds[key] = feed = (reader.GetDateTime(4), []);
                feed.Deliveries.Add(new Delivery(reader.GetDateTime(2), reader.GetInt32(3)));
            }
        }

        var stored = await db.Set<FeedState>().ToDictionaryAsync(f => (f.Source, f.Kind), ct);
        var changes = new List<FeedChange>();
        foreach (var ((source, kind), (first, deliveries)) in feeds)
        {
            var j = FeedWatch.Judge(deliveries, first, now, options);
            var previous = stored.GetValueOrDefault((source, kind))?.State;
            if (!stored.TryGetValue((source, kind), out var state))
            {
                state = new FeedState { Source = source, Kind = kind, State = j.State, SinceUtc = now };
                db.Add(state);
            }
            if (previous != j.State)
            {
                state.State = j.State;
                state.SinceUtc = now;
                changes.Add(new FeedChange(state, previous));
            }
            (state.LastDeliveryUtc, state.MissedDeliveries, state.UsualRows, state.RecentRows, state.CheckedUtc) =
                (j.LastDeliveryUtc, j.MissedDeliveries, j.UsualRows, j.RecentRows, now);
        }
        await db.SaveChangesAsync(ct);
        return changes;
    }
}
