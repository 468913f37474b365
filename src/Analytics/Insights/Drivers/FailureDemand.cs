using Analytics.Insights.Rollups;
using Analytics.Statistics;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Drivers;

public sealed record AvoidableReason(string Code, string Name, int Contacts);

/// <summary>
/// Avoidable contacts ("failure demand") owned by one department: how many, their share of all the period's contacts
/// (Wilson interval), the NPS of their surveys, and the reasons behind them, largest first.
/// </summary>
public sealed record DepartmentFailureDemand(string Department, int AvoidableContacts, Estimate ShareOfAllContacts, Estimate Nps,
    IReadOnlyList<AvoidableReason> Reasons);

public sealed class FailureDemand(NpgsqlDataSource db)
{
    /// <summary>Answer from the insight rollups when they are fresh (the default): contacts and their NPS counts per day and reason.</summary>
    public bool UseRollup { get; init; } = true;

    // Same columns as the raw query. Reason attributes (department, avoidable) are joined at query time, so editing them
    // needs no rebuild; the NPS counts in the rollup are those of the non-phantom contacts, as in the raw query.
    private static readonly string RollupSql = $"""
        SELECT r.department, r.code, min(r.name_nl), sum(d.contacts)::int, sum(d.nps_promoters)::int, sum(d.nps_passives)::int,
               sum(d.nps_detractors)::int, (SELECT coalesce(sum(contacts), 0) FROM contact_daily d WHERE {RollupSpan.Where("d")})::int
        FROM contact_daily d JOIN contact_reasons r ON r.id = d.reason_id
        WHERE {RollupSpan.Where("d")} AND coalesce(r.avoidable, false)
        GROUP BY r.department, r.code
        HAVING sum(d.contacts) > 0 ORDER BY 1, 2
        """;

    public async Task<(int AllContacts, IReadOnlyList<DepartmentFailureDemand> Departments)> ByDepartmentAsync(Period period, CancellationToken ct = default)
    {
        var fromRollup = UseRollup && await AggregateFreshness.IsFreshAsync(db, InsightRollups.Name, ct);
        var sql = fromRollup ? RollupSql : """
            WITH c AS (
                SELECT c.id, r.code, r.name_nl, r.department, coalesce(r.avoidable, false) AS avoidable
                FROM contacts c LEFT JOIN contact_reasons r ON r.id = c.reason_id
                WHERE c.started_utc >= @from AND c.started_utc < @to AND c.outcome IS DISTINCT FROM 'phantom'
            ), s AS (
                SELECT s.contact_id, count(*) FILTER (WHERE s.score >= 9) AS p, count(*) FILTER (WHERE s.score BETWEEN 7 AND 8) AS pa,
                       count(*) FILTER (WHERE s.score <= 6) AS d
                FROM survey_responses s WHERE s.type = 'nps' AND s.contact_id IN (SELECT id FROM c WHERE avoidable) GROUP BY s.contact_id
            )
            SELECT c.department, c.code, min(c.name_nl), count(*)::int, coalesce(sum(s.p), 0)::int, coalesce(sum(s.pa), 0)::int,
                   coalesce(sum(s.d), 0)::int, (SELECT count(*) FROM c)::int
            FROM c LEFT JOIN s ON s.contact_id = c.id
            WHERE c.avoidable
            GROUP BY c.department, c.code ORDER BY 1, 2
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        RollupSpan.Of(period).Bind(cmd.Parameters);
        var rows = new List<(string Dept, AvoidableReason Reason, int P, int Pa, int D)>();
        var all = 0;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                rows.Add((r.GetString(0), new AvoidableReason(r.GetString(1), r.GetString(2), r.GetInt32(3)), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)));
                all = r.GetInt32(7);
            }
        if (all == 0 && !fromRollup)
        {
            await using var count = db.CreateCommand("SELECT count(*)::int FROM contacts WHERE started_utc >= @from AND started_utc < @to AND outcome IS DISTINCT FROM 'phantom'");
            count.Parameters.AddWithValue("from", period.FromUtc);
            count.Parameters.AddWithValue("to", period.ToUtcExclusive);
            all = (int)(await count.ExecuteScalarAsync(ct) ?? 0);
        }
        var departments = rows.GroupBy(x => x.Dept).Select(g =>
        {
            var n = g.Sum(x => x.Reason.Contacts);
            return new DepartmentFailureDemand(g.Key, n, SurveyStatistics.Proportion(n, all),
                SurveyStatistics.Nps(g.Sum(x => x.P), g.Sum(x => x.Pa), g.Sum(x => x.D)),
                g.Select(x => x.Reason).OrderByDescending(x => x.Contacts).ThenBy(x => x.Code, StringComparer.Ordinal).ToList());
        }).OrderByDescending(d => d.AvoidableContacts).ToList();
        return (all, departments);
    }
}
