using Analytics.Statistics;
using Analytics.Time;
using Analytics.Insights.Rollups;
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
    double MedianHandleTimeSeconds, Estimate ServiceLevel, int ServiceLevelSeconds, string? Period = null);

public sealed class ContactMetrics(NpgsqlDataSource db)
{
    public static readonly IReadOnlyDictionary<string, string> Groupings = new Dictionary<string, string>
    {
        ["none"] = "'all'", ["channel"] = "c.channel", ["queue"] = "c.queue", ["team"] = "t.code", ["agent"] = "a.code",
        ["reason"] = "r.code", ["day"] = "to_char(c.started_utc AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')",
        ["month"] = "to_char(c.started_utc AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')", ["language"] = "c.language",
    };

    /// <summary>Answer from the insight rollups when they are fresh and the question fits them (the default).</summary>
    public bool UseRollup { get; init; } = true;

    // The rollup's grain (day, source, channel, queue, language, agent, reason) covers every grouping and filter; team comes by join.
    private static readonly IReadOnlyDictionary<string, string> RollupGroupings = new Dictionary<string, string>
    {
        ["none"] = "'all'", ["channel"] = "d.channel", ["queue"] = "d.queue", ["team"] = "t.code", ["agent"] = "a.code",
        ["reason"] = "r.code", ["day"] = "to_char(d.day, 'YYYY-MM-DD')", ["month"] = "to_char(d.day, 'YYYY-MM')",
        ["language"] = "d.language",
    };

    // The contact dimension a grouping splits by, as a handle-time histogram kind (null: a time grouping, or none).
    private static readonly IReadOnlyDictionary<string, string?> GroupDimensions = new Dictionary<string, string?>
    {
        ["none"] = null, ["channel"] = "channel", ["queue"] = "queue", ["team"] = "agent", ["agent"] = "agent",
        ["reason"] = "reason", ["day"] = null, ["month"] = null, ["language"] = "language",
    };

    /// <summary>
    /// Which handle-time histogram answers the median: the bins are kept per channel, per queue, per agent and per reason,
    /// never per combination, so only a question that narrows at most one of those (a team is a set of agents) can be read
    /// from them; none narrowed sums the per-channel bins. Null: the median needs the rows.
    /// </summary>
    internal static string? HistogramKind(string groupBy, ContactFilter filter) =>
        filter.Dimensions().Append(GroupDimensions[groupBy]).OfType<string>().Distinct().ToList() switch
        {
            [] => "channel",
            ["language"] => null,
            [var one] => one,
            _ => null,
        };

    /// <summary>
    /// KPIs per group, and per day, week or month when <paramref name="interval"/> is not "none" (ordered by period, then
    /// group), of the contacts <paramref name="filter"/> keeps.
    /// </summary>
    public async Task<IReadOnlyList<ContactKpis>> QueryAsync(Period? period, string groupBy = "none", string? source = null,
        int serviceLevelSeconds = 20, ContactFilter? filter = null, string interval = "none", CancellationToken ct = default)
    {
        if (!Groupings.TryGetValue(groupBy, out var key)) throw new ArgumentException($"unknown groupBy '{groupBy}'", nameof(groupBy));
        if (!Intervals.Names.Contains(interval)) throw new ArgumentException($"unknown interval '{interval}'", nameof(interval));
        filter ??= ContactFilter.None;
        if (UseRollup && period is { } p && source is null && serviceLevelSeconds == InsightRollups.ServiceLevelSeconds
            && HistogramKind(groupBy, filter) is { } kind && await AggregateFreshness.IsFreshAsync(db, InsightRollups.Name, ct))
            return await FromRollupAsync(p, groupBy, filter, interval, kind, ct);
        var sql = $"""
            SELECT {Intervals.OfTimestamp(interval, "c.started_utc")} AS period, {key} AS g,
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
              AND (@source::text IS NULL OR c.source = @source){filter.Sql("c")}
            GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<DateTime?>("from", period?.FromUtc));
        cmd.Parameters.Add(new NpgsqlParameter<DateTime?>("to", period?.ToUtcExclusive));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("source", source));
        cmd.Parameters.AddWithValue("sl", serviceLevelSeconds);
        filter.Bind(cmd.Parameters);
        var result = new List<ContactKpis>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            int contacts = r.GetInt32(2), served = r.GetInt32(3), abandoned = r.GetInt32(4);
            result.Add(new ContactKpis(r.IsDBNull(1) ? "(none)" : r.GetString(1), contacts, served, abandoned, r.GetInt32(5), r.GetInt32(6),
                SurveyStatistics.Proportion(abandoned, served + abandoned), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9),
                SurveyStatistics.Proportion(r.GetInt32(10), served + abandoned), serviceLevelSeconds, r.IsDBNull(0) ? null : r.GetString(0)));
        }
        return result;
    }

    /// <summary>
    /// Same figures from the rollup; every count and mean is exact (means divide the same integer sums as avg does), the
    /// median comes from handle-time bins and is within one bin width (<see cref="HandleTimeBins"/>) of the exact one.
    /// </summary>
    private async Task<IReadOnlyList<ContactKpis>> FromRollupAsync(Period period, string groupBy, ContactFilter filter, string interval,
        string kind, CancellationToken ct)
    {
        var rollupKey = RollupGroupings[groupBy];
        var periodKey = Intervals.OfDate(interval, "d.day");
        var span = RollupSpan.Of(period, daysOnly: groupBy == "day" || interval is "day" or "week");
        var sql = $"""
            SELECT {periodKey} AS period, {rollupKey} AS g, sum(d.contacts)::int, sum(d.served)::int, sum(d.abandoned)::int, sum(d.phantom)::int,
                   count(DISTINCT d.agent_id) FILTER (WHERE d.contacts > 0)::int,
                   coalesce((sum(d.wait_seconds_served)::numeric / nullif(sum(d.served), 0)::numeric)::float8, 0),
                   coalesce((sum(d.handle_seconds_served)::numeric / nullif(sum(d.served), 0)::numeric)::float8, 0),
                   sum(d.served_within_service_level)::int
            FROM contact_daily d
            LEFT JOIN agents a ON a.id = d.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN contact_reasons r ON r.id = d.reason_id
            WHERE {RollupSpan.Where("d")}{filter.Sql("d")}
            GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST;

            SELECT {periodKey} AS period, {rollupKey} AS g, d.first_bin, d.bins
            FROM handle_time_daily d
            LEFT JOIN agents a ON a.id = d.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN contact_reasons r ON r.id = d.reason_id
            WHERE d.kind = @kind AND {RollupSpan.Where("d")}{filter.Sql("d")}
            """;
        await using var cmd = db.CreateCommand(sql);
        span.Bind(cmd.Parameters);
        cmd.Parameters.AddWithValue("kind", kind);
        filter.Bind(cmd.Parameters);
        var rows = new List<(string? Period, string Group, int Contacts, int Served, int Abandoned, int Phantom, int Agents, double Asa, double Aht, int WithinSl)>();
        var bins = new Dictionary<(string?, string), long[]>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add((r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? "(none)" : r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetDouble(7), r.GetDouble(8), r.GetInt32(9)));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var g = (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? "(none)" : r.GetString(1));
            if (!bins.TryGetValue(g, out var sum)) bins[g] = sum = new long[HandleTimeBins.Count];
            HandleTimeBins.Add(sum, r.GetInt32(2), r.GetFieldValue<int[]>(3));
        }
        return rows.Select(x => new ContactKpis(x.Group, x.Contacts, x.Served, x.Abandoned, x.Phantom, x.Agents,
            SurveyStatistics.Proportion(x.Abandoned, x.Served + x.Abandoned), x.Asa, x.Aht,
            bins.TryGetValue((x.Period, x.Group), out var h) ? HandleTimeBins.Median(h) : 0,
            SurveyStatistics.Proportion(x.WithinSl, x.Served + x.Abandoned), InsightRollups.ServiceLevelSeconds, x.Period)).ToList();
    }
}
