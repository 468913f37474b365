using Analytics.Time;
using Npgsql;

namespace Analytics.Metrics;

/// <summary>One reason's contacts; <see cref="Agents"/> and <see cref="PreviousAgents"/> count the agents who handled them.</summary>
public sealed record ReasonVolume(string Code, string NameNl, string NameEn, string? ParentCode, string Department, bool Avoidable,
    int Contacts, int PreviousContacts, double SharePercent, int Agents = 0, int PreviousAgents = 0);

public sealed record ReasonVolumes(Period Period, int TotalContacts, int Uncoded, IReadOnlyList<ReasonVolume> Reasons, DateTime? LastIngestUtc);

/// <summary>
/// One reason in one day, week or month: its contacts and its share of all contacts in that bucket (uncoded: Code null);
/// null when <see cref="Suppressed"/> (too few agents for the caller's role). <see cref="Agents"/> is never published.
/// </summary>
public sealed record ReasonTrendPoint(string Period, string? Code, string? NameNl, int? Contacts, double? SharePercent,
    bool Suppressed = false, [property: System.Text.Json.Serialization.JsonIgnore] int Agents = 0);

/// <summary>Contact volume per (leaf) reason for a period and the period before it: the basis of the Pareto.</summary>
public sealed class ReasonMetrics(NpgsqlDataSource db)
{
    /// <summary>Answer trends from the daily contact rollup when it is fresh (the default); else from the contacts.</summary>
    public bool UseRollups { get; init; } = true;

    /// <summary>Contacts per reason in the period and in <paramref name="previous"/>, which ends where the period starts
    /// (default: as many days before it).</summary>
    public async Task<ReasonVolumes> VolumesAsync(Period period, CancellationToken ct, string? team = null, string? channel = null,
        Period? previous = null, string? queue = null, string? language = null)
    {
        var before = previous ?? period.Previous();
        await using var cmd = db.CreateCommand("""
            WITH counts AS (
                SELECT reason_id,
                       count(*) FILTER (WHERE started_utc >= @from AND started_utc < @to)::int AS n,
                       count(*) FILTER (WHERE started_utc >= @pfrom AND started_utc < @pto)::int AS prev,
                       count(DISTINCT agent_id) FILTER (WHERE started_utc >= @from AND started_utc < @to)::int AS agents,
                       count(DISTINCT agent_id) FILTER (WHERE started_utc >= @pfrom AND started_utc < @pto)::int AS pagents
                FROM contacts c
                WHERE started_utc >= @pfrom AND started_utc < @to
                  AND (@channel::text IS NULL OR c.channel = @channel)
                  AND (@queue::text IS NULL OR c.queue = @queue)
                  AND (@language::text IS NULL OR c.language = @language)
                  AND (@team::text IS NULL OR c.agent_id IN (SELECT a.id FROM agents a JOIN teams t ON t.id = a.team_id WHERE t.code = @team))
                GROUP BY reason_id)
            SELECT r.code, r.name_nl, r.name_en, r.parent_code, r.department, r.avoidable, coalesce(c.n, 0), coalesce(c.prev, 0),
                   coalesce(c.agents, 0), coalesce(c.pagents, 0)
            FROM contact_reasons r LEFT JOIN counts c ON c.reason_id = r.id
            WHERE coalesce(c.n, 0) + coalesce(c.prev, 0) > 0
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, NULL, NULL, n, prev, agents, pagents FROM counts WHERE reason_id IS NULL
            """);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("pfrom", before.FromUtc);
        cmd.Parameters.AddWithValue("pto", before.ToUtcExclusive);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("team", team));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("channel", channel));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("queue", queue));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("language", language));
        var rows = new List<(string Code, string Nl, string En, string? Parent, string Dept, bool Avoidable, int N, int Prev, int Agents,
            int PreviousAgents)>();
        var uncoded = 0;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (r.IsDBNull(0)) { uncoded = r.GetInt32(6); continue; }
                rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                    r.GetBoolean(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9)));
            }
        }
        var total = rows.Sum(x => x.N) + uncoded;
        var reasons = rows
            .Select(x => new ReasonVolume(x.Code, x.Nl, x.En, x.Parent, x.Dept, x.Avoidable, x.N, x.Prev, total == 0 ? 0 : 100.0 * x.N / total,
                x.Agents, x.PreviousAgents))
            .OrderByDescending(x => x.Contacts).ThenBy(x => x.Code, StringComparer.Ordinal)
            .ToList();

        await using var last = db.CreateCommand("SELECT max(finished_utc) FROM ingest_batches WHERE state = 'completed'");
        var lastIngest = await last.ExecuteScalarAsync(ct) as DateTime?;
        return new ReasonVolumes(period, total, uncoded, reasons, lastIngest);
    }

    /// <summary>
    /// Contacts per reason per day, week or month: the series behind "this reason has been rising since the switch to
    /// digital invoices". Shares are of the bucket's total, so a busy week does not look like a rising reason.
    /// </summary>
    public async Task<IReadOnlyList<ReasonTrendPoint>> TrendAsync(Period period, string interval, CancellationToken ct,
        string? team = null, string? channel = null, string? reason = null)
    {
        if (interval == "none" || !Intervals.Names.Contains(interval)) throw new ArgumentException($"interval must be day, week or month, not '{interval}'", nameof(interval));
        const string InTeam = "(@team::text IS NULL OR {0}.agent_id IN (SELECT a.id FROM agents a JOIN teams t ON t.id = a.team_id WHERE t.code = @team))";
        // The rollup counts contacts per Amsterdam day (and whole months in month rows): the same buckets as the rows give.
        var rollup = UseRollups && await Insights.Rollups.AggregateFreshness.IsFreshAsync(db, Insights.Rollups.InsightRollups.Name, ct);
        var counts = rollup ? $"""
            SELECT {Intervals.OfDate(interval, "d.day")} AS period, d.reason_id, sum(d.contacts)::int AS n,
                   count(DISTINCT d.agent_id)::int AS agents
            FROM contact_daily d
            WHERE {Insights.Rollups.RollupSpan.Where("d")} AND (@channel::text IS NULL OR d.channel = @channel) AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, InTeam, "d")}
            GROUP BY 1, 2 HAVING sum(d.contacts) > 0
            """ : $"""
            SELECT {Intervals.OfTimestamp(interval, "c.started_utc")} AS period, c.reason_id, count(*)::int AS n,
                   count(DISTINCT c.agent_id)::int AS agents
            FROM contacts c
            WHERE c.started_utc >= @from AND c.started_utc < @to
              AND (@channel::text IS NULL OR c.channel = @channel) AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, InTeam, "c")}
            GROUP BY 1, 2
            """;
        await using var cmd = db.CreateCommand($"""
            WITH counts AS ({counts})
            SELECT k.period, r.code, r.name_nl, k.n, 100.0 * k.n / sum(k.n) OVER (PARTITION BY k.period), k.agents
            FROM counts k LEFT JOIN contact_reasons r ON r.id = k.reason_id
            ORDER BY 1, 4 DESC, 2 NULLS LAST
            """);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        if (rollup) Insights.Rollups.RollupSpan.Of(period, daysOnly: interval != "month").Bind(cmd.Parameters);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("team", team));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("channel", channel));
        var points = new List<ReasonTrendPoint>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var code = r.IsDBNull(1) ? null : r.GetString(1);
            if (reason is not null && code != reason) continue; // the share stays relative to all contacts of the bucket
            points.Add(new ReasonTrendPoint(r.GetString(0), code, r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3), (double)r.GetDecimal(4),
                Agents: r.GetInt32(5)));
        }
        return points;
    }
}
