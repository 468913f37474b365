using Analytics.Statistics;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Alerts;

/// <summary>
/// Signals that an agent's survey figures may not reflect the service: top-score requests in transcripts, and promoters
/// far above what the contacts' predicted sentiment explains. Observed promoters are compared with the expected number
/// given each surveyed contact's sentiment (indirect standardisation on the centre's promoter rate per sentiment class):
/// z = (O − E)/√Σp(1−p), one-sided, flagged after Benjamini–Hochberg over all agents. Selective sending shows as a
/// survey share among negative-sentiment contacts far below the agent's share among the others.
/// </summary>
public sealed record GamingSignal(
    string Agent, int TopScoreRequests, int SurveyedWithSentiment, int Promoters, double ExpectedPromoters, double Z, bool MorePositiveThanSentiment,
    Estimate SurveyedShareNegative, Estimate SurveyedShareOther, bool SelectiveSending);

public sealed class GamingSignals(NpgsqlDataSource db, Behaviour.BehaviourScorecard behaviour)
{
    public async Task<IReadOnlyList<GamingSignal>> PerAgentAsync(Period period, CancellationToken ct = default)
    {
        const string sql = """
            WITH sent AS (
                SELECT DISTINCT ON (p.contact_id) p.contact_id, p.label FROM predictions p
                WHERE p.kind = 'sentiment' AND p.contact_id IS NOT NULL ORDER BY p.contact_id, p.created_utc DESC
            ), c AS (
                SELECT c.id, a.code AS agent, sent.label,
                       (SELECT max(s.score) FROM survey_responses s WHERE s.contact_id = c.id AND s.type = 'nps') AS score
                FROM contacts c JOIN agents a ON a.id = c.agent_id JOIN sent ON sent.contact_id = c.id
                WHERE c.started_utc >= @from AND c.started_utc < @to
            )
            SELECT agent, label, count(*)::int, count(score)::int, count(*) FILTER (WHERE score >= 9)::int FROM c GROUP BY agent, label
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        var rows = new List<(string Agent, string Label, int Contacts, int Surveyed, int Promoters)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) rows.Add((r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)));

        var topScore = (await behaviour.PerAgentAsync(period, byMonth: false, ct)).ToDictionary(b => b.Group, b => b.TopScoreRequests);
        return Evaluate(rows, topScore);
    }

    internal static IReadOnlyList<GamingSignal> Evaluate(
        IReadOnlyList<(string Agent, string Label, int Contacts, int Surveyed, int Promoters)> rows, IReadOnlyDictionary<string, int> topScore)
    {
        var rate = rows.GroupBy(r => r.Label).ToDictionary(g => g.Key,
            g => g.Sum(r => r.Surveyed) > 0 ? (double)g.Sum(r => r.Promoters) / g.Sum(r => r.Surveyed) : 0);
        var agents = rows.Select(r => r.Agent).Concat(topScore.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var stats = agents.Select(a =>
        {
            var mine = rows.Where(r => r.Agent == a).ToList();
            var o = mine.Sum(r => r.Promoters);
            var e = mine.Sum(r => r.Surveyed * rate[r.Label]);
            var v = mine.Sum(r => r.Surveyed * rate[r.Label] * (1 - rate[r.Label]));
            var z = v > 0 ? (o - e) / Math.Sqrt(v) : double.NaN;
            var neg = mine.Where(r => r.Label == "negative").ToList();
            var other = mine.Where(r => r.Label != "negative").ToList();
            int negC = neg.Sum(r => r.Contacts), negS = neg.Sum(r => r.Surveyed), othC = other.Sum(r => r.Contacts), othS = other.Sum(r => r.Surveyed);
            // Two-proportion z of survey share: negative contacts vs the others.
            var pooled = negC + othC > 0 ? (double)(negS + othS) / (negC + othC) : 0;
            var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / Math.Max(1, negC) + 1.0 / Math.Max(1, othC)));
            var zSel = negC > 0 && othC > 0 && se > 0 ? ((double)othS / othC - (double)negS / negC) / se : double.NaN;
            return (a, o, e, z, negC, negS, othC, othS, zSel, n: mine.Sum(r => r.Surveyed));
        }).ToList();
        var positive = Normal.BenjaminiHochberg(stats.Select(s => double.IsNaN(s.z) ? double.NaN : 1 - Normal.Cdf(s.z)).ToList());
        var selective = Normal.BenjaminiHochberg(stats.Select(s => double.IsNaN(s.zSel) ? double.NaN : 1 - Normal.Cdf(s.zSel)).ToList());
        return stats.Select((s, i) => new GamingSignal(s.a, topScore.GetValueOrDefault(s.a), s.n, s.o, s.e, s.z, positive[i],
            SurveyStatistics.Proportion(s.negS, s.negC), SurveyStatistics.Proportion(s.othS, s.othC), selective[i])).ToList();
    }
}
