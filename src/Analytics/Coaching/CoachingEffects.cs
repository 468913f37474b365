using Analytics.Evaluations;
using Analytics.Insights.Behaviour;
using Analytics.Surveys;
using Analytics.Time;
using Npgsql;

namespace Analytics.Coaching;

/// <summary>A session's effect: the weeks compared, how many agents it was compared with, one line per outcome.</summary>
public sealed record CoachingEffect(long SessionId, string Agent, string SubSkill, DateOnly HeldOn, DateOnly From,
    DateOnly To, int ComparisonAgents, IReadOnlyList<OutcomeEffect> Outcomes);

/// <summary>
/// Reads what <see cref="DifferenceInDifferences"/> needs for one session: every answered contact in the weeks around
/// it, of the coached agent and of the agents not coached on the same sub-skill in those weeks, with its NPS and CES
/// responses and, where it has a transcript, the sub-skill's auto-QA checks.
/// </summary>
public sealed class CoachingEffects(NpgsqlDataSource db, BehaviourScorecard behaviour, CoachingOptions options)
{
    public const string Nps = "nps";
    public const string Ces = "ces";
    public static string CheckOutcome(string check) => "check:" + check;

    private sealed record Row(long Contact, string Agent, DateOnly Day, string Reason, string Channel, int Wait,
        int Transfers, int Prior, string? Type, int? Score);

    /// <summary>Null when there is no such session.</summary>
    public async Task<CoachingEffect?> ForSessionAsync(long sessionId, CancellationToken ct = default)
    {
        string agent, subSkill;
        DateOnly heldOn;
        await using (var cmd = db.CreateCommand("""
                         SELECT a.code, s.sub_skill, s.held_on
                         FROM coaching_sessions s JOIN agents a ON a.id = s.agent_id WHERE s.id = @id
                         """))
        {
            cmd.Parameters.AddWithValue("id", sessionId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            (agent, subSkill, heldOn) = (r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2));
        }
        var window = new Period(heldOn.AddDays(-7 * options.WindowWeeks), heldOn.AddDays(7 * options.WindowWeeks));
        var excluded = await OthersCoachedAsync(subSkill, agent, window, ct);
        var checks = SubSkills.Checks(subSkill, await EvaluationForm.AllAsync(db, ct));
        var rows = (await RowsAsync(window, ct)).Where(r => !excluded.Contains(r.Agent) && r.Day != heldOn).ToList();
        var scored = checks.Count == 0 ? new() : await behaviour.ForContactsAsync(window, ct);

        Observation At(Row r, double value) =>
            new(r.Agent == agent, Week(r.Day, heldOn), value, r.Reason, r.Channel, r.Wait, r.Transfers, r.Prior);
        var outcomes = new List<OutcomeEffect>
        {
            DifferenceInDifferences.Estimate(Nps, rows.Where(r => r.Type == SurveyTypes.Nps)
                    .Select(r => At(r, r.Score >= 9 ? 100 : r.Score <= 6 ? -100 : 0)).ToList(),
                options.MinimumObservations),
            DifferenceInDifferences.Estimate(Ces, rows.Where(r => r.Type == SurveyTypes.Ces)
                .Select(r => At(r, r.Score!.Value)).ToList(), options.MinimumObservations),
        };
        var contacts = rows.DistinctBy(r => r.Contact).Where(r => scored.ContainsKey(r.Contact)).ToList();
        foreach (var check in checks)
        {
            var observed = contacts.Select(r => (r, AutoQa.Answer(check, scored[r.Contact]).Value))
                .Where(x => x.Value != Answers.NotApplicable)
                .Select(x => At(x.r, x.Value == Answers.Yes ? 100 : 0)).ToList();
            outcomes.Add(DifferenceInDifferences.Estimate(CheckOutcome(check), observed, options.MinimumObservations));
        }
        var comparisonAgents = rows.Select(r => r.Agent).Where(a => a != agent).Distinct().Count();
        return new CoachingEffect(sessionId, agent, subSkill, heldOn, window.From, window.To, comparisonAgents,
            outcomes);
    }

    /// <summary>Whole weeks from the session: days 1–7 after are week 0, days 1–7 before week −1.</summary>
    public static int Week(DateOnly day, DateOnly heldOn)
    {
        var d = day.DayNumber - heldOn.DayNumber;
        return d > 0 ? (d - 1) / 7 : -((-d - 1) / 7) - 1;
    }

    private async Task<HashSet<string>> OthersCoachedAsync(string subSkill, string agent, Period window,
        CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT a.code FROM coaching_sessions s JOIN agents a ON a.id = s.agent_id
            WHERE s.sub_skill = @skill AND s.held_on BETWEEN @from AND @to AND a.code <> @agent
            """);
        cmd.Parameters.AddWithValue("skill", subSkill);
        cmd.Parameters.AddWithValue("from", window.From);
        cmd.Parameters.AddWithValue("to", window.To);
        cmd.Parameters.AddWithValue("agent", agent);
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) set.Add(r.GetString(0));
        return set;
    }

    /// <summary>Answered contacts in the window, one row per NPS or CES response (or one without); prior contacts are
    /// the customer's in the 10 days before, counted from contacts before the window too.</summary>
    private async Task<List<Row>> RowsAsync(Period window, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            WITH c AS (
                SELECT c.id, a.code AS agent, c.started_utc, c.channel, c.wait_seconds, c.transfers,
                       coalesce(r.code, '(none)') AS reason,
                       CASE WHEN c.customer_id IS NULL THEN 0
                            ELSE count(*) OVER (PARTITION BY c.customer_id ORDER BY c.started_utc
                                 RANGE BETWEEN interval '10 days' PRECEDING AND CURRENT ROW) - 1 END AS prior
                FROM contacts c
                LEFT JOIN agents a ON a.id = c.agent_id
                LEFT JOIN contact_reasons r ON r.id = c.reason_id
                WHERE c.started_utc >= @lookback AND c.started_utc < @to
            )
            SELECT c.id, c.agent, c.started_utc, c.reason, c.channel, c.wait_seconds, c.transfers, c.prior,
                   s.type, s.score
            FROM c LEFT JOIN survey_responses s ON s.contact_id = c.id AND s.type IN ('nps', 'ces')
            WHERE c.started_utc >= @from AND c.agent IS NOT NULL
            """);
        cmd.Parameters.AddWithValue("lookback", window.FromUtc.AddDays(-10));
        cmd.Parameters.AddWithValue("from", window.FromUtc);
        cmd.Parameters.AddWithValue("to", window.ToUtcExclusive);
        var rows = new List<Row>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Row(r.GetInt64(0), r.GetString(1), DateOnly.FromDateTime(Amsterdam.ToLocal(r.GetDateTime(2))),
                r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6), (int)r.GetInt64(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetInt32(9)));
        return rows;
    }
}
