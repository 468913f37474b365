using Analytics.Insights.Rollups;
using Npgsql;

namespace Analytics.Metrics;

/// <summary>One row of the daily survey cube: responses of one type on one local day for one agent and reason.</summary>
public sealed class SurveyDaily
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public required string Type { get; set; }
    public int? AgentId { get; set; }
    public int? ReasonId { get; set; }
    public string? Channel { get; set; }
    public string? Queue { get; set; }
    public string? Language { get; set; }
    public int N { get; set; }
    public int Top { get; set; }
    public int Bottom { get; set; }
    public double Sum { get; set; }
    public double Sum2 { get; set; }
}

/// <summary>Which data a derived table was built from: figures may only come from it while nothing newer has landed.</summary>
public sealed class AggregateState
{
    public required string Name { get; set; }
    public long ThroughBatchId { get; set; }
    public long ThroughCorrectionId { get; set; }
    public DateTime RefreshedUtc { get; set; }
}

/// <summary>
/// Pre-aggregates survey responses per local day, type, agent, reason, channel, queue and language: the grain every survey
/// figure but the predicted reason can be rolled up from, n and distinct agents included. Channel, queue and language
/// multiply the cells by about 2.5 (10M contacts: 482k instead of 192k), which the in-memory copy undoes for questions
/// that do not ask for them. Rebuilt whole after each batch in one transaction:
/// readers keep seeing the previous cube until the new one commits, and a refresh that races another waits for it.
/// </summary>
public sealed class SurveyCube(NpgsqlDataSource db)
{
    public const string Name = "survey_daily";

    public async Task<TimeSpan> RefreshAsync(CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('survey_daily'));
            DELETE FROM survey_daily;
            INSERT INTO survey_daily (day, type, agent_id, reason_id, channel, queue, language, n, top, bottom, sum, sum2)
            SELECT (s.responded_utc AT TIME ZONE 'Europe/Amsterdam')::date, s.type, s.agent_id, s.reason_id, s.channel, s.queue, s.language, count(*),
                   count(*) FILTER (WHERE s.score >= CASE s.type WHEN 'nps' THEN 9 WHEN 'ces' THEN 5 ELSE 4 END),
                   count(*) FILTER (WHERE s.score <= CASE s.type WHEN 'nps' THEN 6 WHEN 'ces' THEN 3 ELSE 2 END),
                   sum(s.score), sum(s.score * s.score)
            FROM survey_responses s
            GROUP BY 1, 2, 3, 4, 5, 6, 7;
            {AggregateFreshness.MarkSql};
            """, conn, tx) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("name", Name);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return clock.Elapsed;
    }

    /// <summary>Rebuilds the cube only when something landed since the last refresh (the recurring safety net after corrections).</summary>
    public async Task<bool> RefreshIfStaleAsync(CancellationToken ct)
    {
        if (await IsFreshAsync(ct)) return false;
        await RefreshAsync(ct);
        return true;
    }

    /// <summary>True when the cube includes every completed batch and correction.</summary>
    public Task<bool> IsFreshAsync(CancellationToken ct) => AggregateFreshness.IsFreshAsync(db, Name, ct);
}
