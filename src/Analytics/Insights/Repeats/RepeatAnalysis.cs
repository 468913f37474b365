using Analytics.Insights.Calendar;
using Analytics.Insights.Rollups;
using Analytics.Metrics;
using Analytics.Statistics;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Repeats;

/// <summary>
/// FCR of one group. Honest: resolved = no later contact of the customer (same or any reason, per options) up to the end of
/// the N-th working day; contacts whose window has not closed yet are <see cref="Pending"/> and left out instead of counted
/// as resolved. Naive: no later contact on the same channel within <see cref="RepeatAnalysis.NaiveDays"/> × 24 hours,
/// the figure a telephony report gives. <see cref="Agents"/> counts the distinct agents of the judged contacts (for
/// k-anonymity); <see cref="Period"/> names the day, week (its Monday) or month when an interval was asked.
/// </summary>
public sealed record FcrFigure(
    string Group, string? Name, int Contacts, int Pending, int Decided, int Resolved, int Repeated,
    Estimate Fcr, Estimate RepeatRate, Estimate NaiveFcr, bool TooFewContacts, int Agents = 0, string? Period = null);

public sealed class RepeatAnalysis(NpgsqlDataSource db, DutchCalendar calendar)
{
    public static readonly IReadOnlyDictionary<string, (string Key, string Name)> Groupings = new Dictionary<string, (string, string)>
    {
        ["none"] = ("'all'", "'all'"),
        ["reason"] = ("r.code", "r.name_nl"),
        ["agent"] = ("a.code", "a.name"),
        ["team"] = ("t.code", "t.name"),
        ["channel"] = ("x.channel", "x.channel"),
        ["queue"] = ("x.queue", "x.queue"),
        ["day"] = ("to_char(x.day, 'YYYY-MM-DD')", "to_char(x.day, 'YYYY-MM-DD')"),
        ["week"] = ("to_char(x.day, 'IYYY-\"W\"IW')", "to_char(x.day, 'IYYY-\"W\"IW')"),
        ["month"] = ("to_char(x.day, 'YYYY-MM')", "to_char(x.day, 'YYYY-MM')"),
        ["language"] = ("x.language", "x.language"),
    };

    public int NaiveDays { get; init; } = 5;

    /// <summary>
    /// Answer from the insight rollups when they are fresh and the question is the default one (same reason, 5 working days,
    /// naive 5 days, as of the latest contact day): they hold exactly these verdicts per contact day, summed.
    /// </summary>
    public bool UseRollup { get; init; } = true;

    // Same columns as the raw query; x is the rollup, so the groupings' keys and the filters apply unchanged. Groups with
    // only phantom, abandoned or anonymous contacts have rollup rows but no FCR contacts, and the raw query has no row for them.
    private static string RollupSql((string Key, string Name) g, ContactFilter filter, string interval) => $"""
        SELECT {Intervals.OfDate(interval, "x.day")} AS period, {g.Key} AS key, min({g.Name}) AS name, sum(x.fcr_contacts)::int,
               sum(x.fcr_pending)::int, sum(x.fcr_repeated)::int, sum(x.fcr_resolved)::int, sum(x.naive_decided)::int,
               sum(x.naive_resolved)::int, count(DISTINCT x.agent_id) FILTER (WHERE x.fcr_contacts > 0)::int
        FROM contact_daily x
        LEFT JOIN agents a ON a.id = x.agent_id
        LEFT JOIN teams t ON t.id = a.team_id
        LEFT JOIN contact_reasons r ON r.id = x.reason_id
        WHERE {RollupSpan.Where("x")}{filter.Sql("x")}
        GROUP BY 1, 2 HAVING sum(x.fcr_contacts) > 0 ORDER BY 1, 2 NULLS LAST
        """;

    public int MinimumContacts { get; init; } = 30;

    /// <summary>
    /// FCR for contacts started in <paramref name="period"/>. <paramref name="asOf"/> is the last local day the data is complete
    /// for; by default the day of the latest contact in the database. <paramref name="filter"/> picks the contacts judged;
    /// their repeats may be any of the customer's contacts (a billing call repeated in chat is still a repeat).
    /// </summary>
    public async Task<IReadOnlyList<FcrFigure>> FcrAsync(Period period, string groupBy, RepeatOptions options,
        DateOnly? asOf = null, ContactFilter? filter = null, string interval = "none", CancellationToken ct = default)
    {
        if (!Groupings.TryGetValue(groupBy, out var g)) throw new ArgumentException($"unknown groupBy '{groupBy}'", nameof(groupBy));
        if (!Intervals.Names.Contains(interval)) throw new ArgumentException($"unknown interval '{interval}'", nameof(interval));
        filter ??= ContactFilter.None;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Days);
        var latest = await LatestDayAsync(ct);
        var complete = asOf ?? latest;
        var fromRollup = UseRollup && options == new RepeatOptions() && NaiveDays == InsightRollups.NaiveDays && complete == latest
                         && await AggregateFreshness.IsFreshAsync(db, InsightRollups.Name, ct);

        // The calendar lives in C#; SQL gets a day → deadline table for the period, a few thousand rows at most.
        var days = new List<DateOnly>(period.Days);
        var deadlines = new List<DateOnly>(period.Days);
        for (var d = period.From; d <= period.To; d = d.AddDays(1)) { days.Add(d); deadlines.Add(options.Deadline(d, calendar)); }
        var horizon = Amsterdam.StartOfDayUtc(deadlines.Max().AddDays(1));

        var sameReason = options.Scope == RepeatScope.SameReason;
        var sql = fromRollup ? RollupSql(g, filter, interval) : $"""
            WITH deadlines AS (SELECT * FROM unnest(@days::date[], @deadlines::date[]) AS d(day, deadline)),
            base AS (
                SELECT c.id, c.customer_id, c.agent_id, c.reason_id, c.channel, c.queue, c.language, c.started_utc, c.outcome,
                       (c.started_utc AT TIME ZONE 'Europe/Amsterdam')::date AS day,
                       lead(c.started_utc) OVER (PARTITION BY c.customer_id
                            {(sameReason ? ", coalesce(c.reason_id::bigint, -c.id)" : "")} ORDER BY c.started_utc, c.id) AS next_repeat,
                       lead(c.started_utc) OVER (PARTITION BY c.customer_id, c.channel ORDER BY c.started_utc, c.id) AS next_same_channel
                FROM contacts c
                WHERE c.customer_id IS NOT NULL AND c.outcome IS DISTINCT FROM 'phantom'
                  AND c.started_utc >= @from AND c.started_utc < @horizon
            ),
            x AS (
                SELECT b.*, dl.deadline,
                       b.next_repeat IS NOT NULL AND (b.next_repeat AT TIME ZONE 'Europe/Amsterdam')::date <= dl.deadline AS repeated,
                       dl.deadline > @complete AS window_open,
                       b.next_same_channel IS NOT NULL AND b.next_same_channel < b.started_utc + make_interval(days => @naive) AS naive_repeat,
                       b.started_utc + make_interval(days => @naive) > @completeUtc AS naive_open
                FROM base b JOIN deadlines dl ON dl.day = b.day
                WHERE b.started_utc < @to AND b.outcome IS DISTINCT FROM 'abandoned'
            )
            SELECT {Intervals.OfDate(interval, "x.day")} AS period, {g.Key} AS key, min({g.Name}) AS name, count(*)::int AS contacts,
                   count(*) FILTER (WHERE NOT x.repeated AND x.window_open)::int AS pending,
                   count(*) FILTER (WHERE x.repeated)::int AS repeated,
                   count(*) FILTER (WHERE NOT x.repeated AND NOT x.window_open)::int AS resolved,
                   count(*) FILTER (WHERE x.naive_repeat OR NOT x.naive_open)::int AS naive_decided,
                   count(*) FILTER (WHERE NOT x.naive_repeat AND NOT x.naive_open)::int AS naive_resolved,
                   count(DISTINCT x.agent_id)::int AS agents
            FROM x
            LEFT JOIN agents a ON a.id = x.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN contact_reasons r ON r.id = x.reason_id
            -- Filters pick the judged contacts only after the windows: the next contact may be outside them.
            WHERE true{filter.Sql("x")}
            GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("days", days.ToArray());
        cmd.Parameters.AddWithValue("deadlines", deadlines.ToArray());
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("horizon", horizon);
        cmd.Parameters.AddWithValue("complete", complete);
        cmd.Parameters.AddWithValue("completeUtc", Amsterdam.StartOfDayUtc(complete.AddDays(1)));
        cmd.Parameters.AddWithValue("naive", NaiveDays);
        RollupSpan.Of(period, daysOnly: groupBy is "day" or "week" || interval is "day" or "week").Bind(cmd.Parameters);
        filter.Bind(cmd.Parameters);

        var result = new List<FcrFigure>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            int contacts = r.GetInt32(3), pending = r.GetInt32(4), repeated = r.GetInt32(5), resolved = r.GetInt32(6);
            int naiveDecided = r.GetInt32(7), naiveResolved = r.GetInt32(8);
            var decided = repeated + resolved;
            result.Add(new FcrFigure(
                r.IsDBNull(1) ? "(none)" : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                contacts, pending, decided, resolved, repeated,
                SurveyStatistics.Proportion(resolved, decided), SurveyStatistics.Proportion(repeated, decided),
                SurveyStatistics.Proportion(naiveResolved, naiveDecided), decided < MinimumContacts, r.GetInt32(9),
                r.IsDBNull(0) ? null : r.GetString(0)));
        }
        return result;
    }

    /// <summary>The local day of the latest contact: the data is taken as complete up to it.</summary>
    public async Task<DateOnly> LatestDayAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT max(started_utc) FROM contacts");
        return await cmd.ExecuteScalarAsync(ct) is DateTime latest
            ? DateOnly.FromDateTime(Amsterdam.ToLocal(latest))
            : Amsterdam.Today();
    }
}
