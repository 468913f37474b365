using Analytics.FollowUps;
using Analytics.Time;
using Npgsql;

namespace Analytics.Evaluations;

public static class SampleReasons
{
    public const string Detractor = "detractor";
    public const string RepeatCaller = "repeat-caller";
    public const string LongCall = "long-call";
}

/// <summary>A drawn contact; Targeted says why it was chosen on purpose (null: drawn at random).</summary>
public sealed record SampledContact(string Agent, string? Team, long ContactId, DateTime StartedUtc, string Channel, string? Targeted);

/// <summary>
/// A team's sampling plan for a period: N contacts per agent, of which at most T targeted (detractors, repeat callers,
/// long calls) and the rest at random. Every agent gets the same quota, so nobody is judged only on their worst calls;
/// the seed makes the draw repeatable (per agent, so adding an agent does not change the others' draws).
/// </summary>
public sealed class Sampling(NpgsqlDataSource db, FollowUpOptions options)
{
    private sealed record Row(string Agent, string? Team, long Id, DateTime Started, string Channel, string? Flag);

    public async Task<IReadOnlyList<SampledContact>> DrawAsync(Period p, IReadOnlyCollection<string>? teams, int perAgent, int targeted,
        int seed, CancellationToken ct = default)
    {
        // A repeat caller called before within 14 days (about 10 working days); a long call is in the top tenth of
        // talk and hold time among the contacts the draw considers.
        await using var cmd = db.CreateCommand("""
            WITH pool AS (
                SELECT c.id, c.started_utc, c.channel, c.customer_id, c.talk_seconds + c.hold_seconds AS handled, a.code AS agent,
                       t.code AS team
                FROM contacts c JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = a.team_id
                WHERE c.started_utc >= @from AND c.started_utc < @to AND (@all OR t.code = ANY(@teams))),
            cut AS (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY handled) AS p90 FROM pool)
            SELECT agent, team, id, started_utc, channel,
                   CASE WHEN EXISTS (SELECT 1 FROM survey_responses s WHERE s.contact_id = pool.id
                                     AND s.score <= CASE s.type WHEN 'nps' THEN @nps WHEN 'ces' THEN @ces ELSE @csat END)
                        THEN 'detractor'
                        WHEN customer_id IS NOT NULL AND EXISTS (SELECT 1 FROM contacts p WHERE p.customer_id = pool.customer_id
                                     AND p.started_utc < pool.started_utc AND p.started_utc >= pool.started_utc - interval '14 days')
                        THEN 'repeat-caller'
                        WHEN handled > 0 AND handled >= (SELECT p90 FROM cut) THEN 'long-call' END
            FROM pool ORDER BY agent, id
            """);
        cmd.Parameters.AddWithValue("from", p.FromUtc);
        cmd.Parameters.AddWithValue("to", p.ToUtcExclusive);
        cmd.Parameters.AddWithValue("all", teams is null);
        cmd.Parameters.AddWithValue("teams", teams?.ToArray() ?? []);
        cmd.Parameters.AddWithValue("nps", options.NpsDetractorMax);
        cmd.Parameters.AddWithValue("ces", options.CesDetractorMax);
        cmd.Parameters.AddWithValue("csat", options.CsatDetractorMax);
        var rows = new List<Row>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                rows.Add(new Row(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2), r.GetDateTime(3), r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5)));
        var drawn = new List<SampledContact>();
        foreach (var agent in rows.GroupBy(x => x.Agent, StringComparer.Ordinal))
        {
            var random = new Random(seed ^ StableHash(agent.Key));
            var flagged = Shuffle(agent.Where(x => x.Flag is not null), random).Take(Math.Min(targeted, perAgent)).ToList();
            var chosen = flagged.Select(x => new SampledContact(x.Agent, x.Team, x.Id, x.Started, x.Channel, x.Flag)).ToList();
            var taken = flagged.Select(x => x.Id).ToHashSet();
            chosen.AddRange(Shuffle(agent.Where(x => !taken.Contains(x.Id)), random).Take(perAgent - chosen.Count)
                .Select(x => new SampledContact(x.Agent, x.Team, x.Id, x.Started, x.Channel, null)));
            drawn.AddRange(chosen.OrderBy(x => x.StartedUtc));
        }
        return drawn;
    }

    private static List<Row> Shuffle(IEnumerable<Row> rows, Random random)
    {
        var list = rows.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and a draw must be the same tomorrow.</summary>
    private static int StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var ch in s) h = (h ^ ch) * 16777619u;
        return (int)h;
    }
}
