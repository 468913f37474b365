using Analytics.Insights.Rollups;
using Analytics.Statistics;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Agents;

/// <summary>
/// One agent in the fair ranking. Rank is by the shrunk NPS and only among agents with enough responses; Tier says
/// whether the agent is clearly above, in line with or clearly below their team (<see cref="AgentTiers.Of"/>), which is
/// what the rank alone cannot: neighbouring ranks are mostly noise. The change against the previous period of equal
/// length is flagged only when it survives a Benjamini–Hochberg test over all agents.
/// </summary>
public sealed record AgentRank(
    string Agent, string? Name, string Team, int N, Estimate Raw, Estimate Shrunk, double TeamNps, double Weight,
    int? Rank, AgentTier? Tier, bool TooFewResponses, int PreviousN, NpsChange? Change, bool ChangeIsSignificant);

public sealed record AgentRanking(Period Period, Period Previous, int MinimumResponses, double WithinVariance, double BetweenVariance,
    IReadOnlyList<AgentRank> Agents);

public sealed class FairRanking(NpgsqlDataSource db)
{
    public int MinimumResponses { get; init; } = 30;

    /// <summary>Read the counts from the insight rollups when they are fresh (the default).</summary>
    public bool UseRollup { get; init; } = true;

    // agent_nps_daily holds NPS counts per response day and the responded contact's agent: the raw query's join, summed.
    private const string RollupSql = """
        SELECT a.code, min(a.name), coalesce(t.code, '(none)'),
               coalesce(sum(d.promoters) FILTER (WHERE d.day >= @fromDay), 0)::int,
               coalesce(sum(d.passives) FILTER (WHERE d.day >= @fromDay), 0)::int,
               coalesce(sum(d.detractors) FILTER (WHERE d.day >= @fromDay), 0)::int,
               coalesce(sum(d.promoters) FILTER (WHERE d.day < @fromDay), 0)::int,
               coalesce(sum(d.passives) FILTER (WHERE d.day < @fromDay), 0)::int,
               coalesce(sum(d.detractors) FILTER (WHERE d.day < @fromDay), 0)::int
        FROM agent_nps_daily d
        JOIN agents a ON a.id = d.agent_id
        LEFT JOIN teams t ON t.id = a.team_id
        WHERE d.day >= @prevFromDay AND d.day <= @toDay
        GROUP BY a.code, t.code ORDER BY a.code
        """;

    public async Task<AgentRanking> RankAsync(Period period, string? team = null, CancellationToken ct = default)
    {
        var previous = period.Previous();
        // Shrinkage needs every team's agents, so the team filter is applied after estimating τ² over the whole centre.
        var sql = UseRollup && await AggregateFreshness.IsFreshAsync(db, InsightRollups.Name, ct) ? RollupSql : """
            SELECT a.code, min(a.name), coalesce(t.code, '(none)'),
                   count(*) FILTER (WHERE cur AND s.score >= 9)::int, count(*) FILTER (WHERE cur AND s.score BETWEEN 7 AND 8)::int,
                   count(*) FILTER (WHERE cur AND s.score <= 6)::int,
                   count(*) FILTER (WHERE NOT cur AND s.score >= 9)::int, count(*) FILTER (WHERE NOT cur AND s.score BETWEEN 7 AND 8)::int,
                   count(*) FILTER (WHERE NOT cur AND s.score <= 6)::int
            FROM (SELECT s.*, s.responded_utc >= @from AS cur FROM survey_responses s
                  WHERE s.type = 'nps' AND s.responded_utc >= @prevFrom AND s.responded_utc < @to) s
            JOIN contacts c ON c.id = s.contact_id
            JOIN agents a ON a.id = c.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            GROUP BY a.code, t.code ORDER BY a.code
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("prevFrom", previous.FromUtc);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("prevFromDay", previous.From);
        cmd.Parameters.AddWithValue("fromDay", period.From);
        cmd.Parameters.AddWithValue("toDay", period.To);
        var rows = new List<(GroupedCounts Cur, (int, int, int) Prev, string? Name)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                rows.Add((new GroupedCounts(r.GetString(0), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
                    (r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)), r.IsDBNull(1) ? null : r.GetString(1)));
        return Rank(period, rows, team);
    }

    internal AgentRanking Rank(Period period, IReadOnlyList<(GroupedCounts Cur, (int P, int Pa, int D) Prev, string? Name)> rows, string? team)
    {
        var shrinkage = EmpiricalBayes.ShrinkNps(rows.Select(r => r.Cur).ToList());
        var byAgent = rows.ToDictionary(r => r.Cur.Unit);
        var units = shrinkage.Units.Where(u => team is null || u.Counts.Group == team).ToList();

        var changes = units.Select(u =>
        {
            var prev = byAgent[u.Counts.Unit].Prev;
            var testable = u.Counts.N >= MinimumResponses && prev.P + prev.Pa + prev.D >= MinimumResponses;
            return testable ? NpsComparison.Difference((u.Counts.Promoters, u.Counts.Passives, u.Counts.Detractors), prev) : (NpsChange?)null;
        }).ToList();
        var significant = Normal.BenjaminiHochberg(changes.Select(c => c?.P ?? double.NaN).ToList());

        var ranked = units.Select((u, i) => (u, i)).Where(x => x.u.Counts.N >= MinimumResponses)
            .OrderByDescending(x => x.u.Shrunk.Value).Select((x, rank) => (x.i, rank: rank + 1)).ToDictionary(x => x.i, x => x.rank);

        var list = units.Select((u, i) =>
        {
            var prev = byAgent[u.Counts.Unit].Prev;
            var tooFew = u.Counts.N < MinimumResponses;
            return new AgentRank(u.Counts.Unit, byAgent[u.Counts.Unit].Name, u.Counts.Group, u.Counts.N, u.Raw,
                u.Shrunk, u.GroupMean, u.Weight, ranked.TryGetValue(i, out var rank) ? rank : null,
                AgentTiers.Of(u.Shrunk, u.GroupMean, tooFew), tooFew, prev.P + prev.Pa + prev.D, changes[i],
                significant[i]);
        }).OrderBy(a => a.Rank ?? int.MaxValue).ThenByDescending(a => a.Shrunk.Value).ToList();
        return new AgentRanking(period, period.Previous(), MinimumResponses, shrinkage.WithinVariance, shrinkage.BetweenVariance, list);
    }
}
