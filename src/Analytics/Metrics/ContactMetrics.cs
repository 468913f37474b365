using Analytics.Statistics;
using Analytics.Time;
using Npgsql;

namespace Analytics.Metrics;

/// <summary>
/// Operational KPIs of a period. Phantom calls (virtual, never a customer) are excluded from every figure.
/// Abandonment = abandoned / (served + abandoned); ASA = mean wait of served contacts (zero waits included);
/// AHT = mean talk + hold + after-call work of served contacts; service level = share of served-or-abandoned
/// contacts answered within the threshold.
/// </summary>
public sealed record ContactKpis(
    string Group, int Contacts, int Served, int Abandoned, int Phantom, int Agents,
    Estimate AbandonmentRate, double AverageSpeedOfAnswerSeconds, double AverageHandleTimeSeconds,
    double MedianHandleTimeSeconds, Estimate ServiceLevel, int ServiceLevelSeconds);

public sealed class ContactMetrics(NpgsqlDataSource db)
{
    public static readonly IReadOnlyDictionary<string, string> Groupings = new Dictionary<string, string>
    {
        ["none"] = "'all'", ["channel"] = "c.channel", ["queue"] = "c.queue", ["team"] = "t.code", ["agent"] = "a.code",
        ["reason"] = "r.code", ["day"] = "to_char(c.started_utc AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')",
        ["month"] = "to_char(c.started_utc AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')",
    };

    public async Task<IReadOnlyList<ContactKpis>> QueryAsync(Period? period, string groupBy = "none", string? source = null,
        int serviceLevelSeconds = 20, CancellationToken ct = default)
    {
        if (!Groupings.TryGetValue(groupBy, out var key)) throw new ArgumentException($"unknown groupBy '{groupBy}'", nameof(groupBy));
        var sql = $"""
            SELECT {key} AS g,
                count(*) FILTER (WHERE c.outcome IS DISTINCT FROM 'phantom')::int AS contacts,
                count(*) FILTER (WHERE c.outcome IS DISTINCT FROM 'phantom' AND c.outcome IS DISTINCT FROM 'abandoned')::int AS served,
                count(*) FILTER (WHERE c.outcome = 'abandoned')::int AS abandoned,
                count(*) FILTER (WHERE c.outcome = 'phantom')::int AS phantom,
                count(DISTINCT c.agent_id) FILTER (WHERE c.outcome IS DISTINCT FROM 'phantom')::int AS agents,
                coalesce(avg(c.wait_seconds) FILTER (WHERE c.outcome IS DISTINCT FROM 'phantom' AND c.outcome IS DISTINCT FROM 'abandoned'), 0)::float8 AS asa,
                coalesce(avg(c.talk_seconds + c.hold_seconds + c.acw_seconds) FILTER (WHERE c.outcome IS DISTINCT FROM 'phantom' AND c.outcome IS DISTINCT FROM 'abandoned'), 0)::float8 AS aht,
                coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.talk_seconds + c.hold_seconds + c.acw_seconds)
                    FILTER (WHERE c.outcome IS DISTINCT FROM 'phantom' AND c.outcome IS DISTINCT FROM 'abandoned'), 0)::float8 AS median_ht,
                count(*) FILTER (WHERE c.outcome IS DISTINCT FROM 'phantom' AND c.outcome IS DISTINCT FROM 'abandoned' AND c.wait_seconds <= @sl)::int AS within_sl
            FROM contacts c
            LEFT JOIN agents a ON a.id = c.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN contact_reasons r ON r.id = c.reason_id
            WHERE (@from::timestamptz IS NULL OR c.started_utc >= @from) AND (@to::timestamptz IS NULL OR c.started_utc < @to)
              AND (@source::text IS NULL OR c.source = @source)
            GROUP BY 1 ORDER BY 1 NULLS LAST
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<DateTime?>("from", period?.FromUtc));
        cmd.Parameters.Add(new NpgsqlParameter<DateTime?>("to", period?.ToUtcExclusive));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("source", source));
        cmd.Parameters.AddWithValue("sl", serviceLevelSeconds);
        var result = new List<ContactKpis>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            int contacts = r.GetInt32(1), served = r.GetInt32(2), abandoned = r.GetInt32(3);
            result.Add(new ContactKpis(r.IsDBNull(0) ? "(none)" : r.GetString(0), contacts, served, abandoned, r.GetInt32(4), r.GetInt32(5),
                SurveyStatistics.Proportion(abandoned, served + abandoned), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8),
                SurveyStatistics.Proportion(r.GetInt32(9), served + abandoned), serviceLevelSeconds));
        }
        return result;
    }
}
