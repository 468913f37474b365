using Analytics.Coaching;
using Analytics.Evaluations;
using Analytics.Insights.Behaviour;
using Analytics.Time;
using Npgsql;

namespace Analytics.Reports.Coaching;

/// <summary>One month of a sub-skill: the agent's rate (or mean section score) with its n, and the team's.</summary>
public sealed record SkillMonth(DateOnly Month, int AgentN, double? Agent, int TeamN, double? Team);

/// <summary>A sub-skill's months: an auto-QA check (share of contacts where it said yes) or a form section (score).
/// Coached: a session of the agent in the period was about it.</summary>
public sealed record SkillTrend(string Code, string Name, bool IsCheck, bool Coached, IReadOnlyList<SkillMonth> Months);

public sealed record DisputeLine(string Item, string Status, string Comment, string? Resolution);

/// <summary>A confirmed evaluation of one of the agent's contacts.</summary>
public sealed record EvaluationLine(DateTime ContactStartedUtc, string ContactId, string Form, double? Score,
    IReadOnlyList<DisputeLine> Disputes);

public sealed record CustomerComment(DateTime RespondedUtc, int Score, string Comment, string? Reason);

public sealed record SessionLine(DateOnly HeldOn, string SubSkill, string AgreedActions, DateOnly FollowUpOn,
    string Coach, CoachingEffect? Effect);

public sealed record CoachingData(Period Period, DateTime? LastIngestUtc, string Agent, string? Name, string? TeamName,
    IReadOnlyList<DateOnly> Months, IReadOnlyList<SkillTrend> Skills, IReadOnlyList<EvaluationLine> Evaluations,
    IReadOnlyList<CustomerComment> Comments, IReadOnlyList<SessionLine> Sessions, int MinimumObservations);

/// <summary>
/// What the coaching report of one agent shows, read for the one-to-one: per month the auto-QA check rates and form
/// section scores against the agent's team, the agent's confirmed evaluations with their disputes, a handful of recent
/// comments (detractors, passives and promoters mixed), and the sessions held in the period with their measured effect.
/// </summary>
public sealed class CoachingFigures(NpgsqlDataSource db, BehaviourScorecard behaviour, CoachingEffects effects,
    CoachingOptions options)
{
    /// <summary>The trend table shows at most this many months (the last of the period): more would not fit a row.</summary>
    public const int MaxMonths = 6;

    /// <summary>Comments per kind of customer (detractor, passive, promoter).</summary>
    private const int CommentsPerKind = 2;

    public async Task<CoachingData> ForAgentAsync(Period period, string agent, ReportLanguage lang, bool gamingSignals,
        DateTime? lastIngestUtc, CancellationToken ct)
    {
        string? name = null, team = null, teamName = null;
        await using (var cmd = db.CreateCommand(
                         "SELECT a.name, t.code, t.name FROM agents a LEFT JOIN teams t ON t.id = a.team_id WHERE a.code = @a"))
        {
            cmd.Parameters.AddWithValue("a", agent);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
                (name, team, teamName) = (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
                    r.IsDBNull(2) ? null : r.GetString(2));
        }
        var months = Months(period);
        var forms = await EvaluationForm.AllAsync(db, ct);
        var sessions = await SessionsAsync(period, agent, forms, lang, ct);
        var coached = sessions.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var coachedChecks = coached.SelectMany(c => SubSkills.Checks(c, forms)).ToHashSet(StringComparer.Ordinal);
        var trendPeriod = new Period(months[0], period.To);
        var skills = new List<SkillTrend>();
        var scored = await behaviour.ForTeamContactsAsync(trendPeriod, team, agent, ct);
        // Asking for a top score is a survey-gaming signal: off with its switch, as on every other page.
        foreach (var check in AutoQa.Checks.Where(c => gamingSignals || c != AutoQa.NoTopScoreRequest))
            skills.Add(new SkillTrend(check, lang["check." + check], true,
                coached.Contains(check) || coachedChecks.Contains(check), months.Select(m =>
                {
                    var inMonth = scored.Where(s => Month(s.StartedUtc) == m)
                        .Select(s => (s.Agent, Value: AutoQa.Answer(check, s.Result).Value))
                        .Where(s => s.Value != Answers.NotApplicable).ToList();
                    var mine = inMonth.Where(s => s.Agent == agent).ToList();
                    return new SkillMonth(m, mine.Count, Share(mine.Select(s => s.Value)), inMonth.Count,
                        Share(inMonth.Select(s => s.Value)));
                }).ToList()));
        // A section the agent was never scored on is the team's figure only: nothing to talk about in the one-to-one.
        skills.AddRange((await SectionsAsync(trendPeriod, agent, team, months, forms, coached, lang, ct))
            .Where(s => s.Months.Any(m => m.AgentN > 0)));
        return new CoachingData(period, lastIngestUtc, agent, name, teamName, months, skills,
            await EvaluationsAsync(period, agent, forms, lang, ct), await CommentsAsync(period, agent, lang, ct),
            await WithEffectsAsync(sessions, ct), options.MinimumObservations);
    }

    /// <summary>The months of the period, the last <see cref="MaxMonths"/> at most.</summary>
    public static List<DateOnly> Months(Period period)
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
            months.Add(m);
        return months.TakeLast(MaxMonths).ToList();
    }

    private static DateOnly Month(DateTime utc)
    {
        var local = Amsterdam.ToLocal(utc);
        return new DateOnly(local.Year, local.Month, 1);
    }

    private static double? Share(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : 100.0 * list.Count(v => v == Answers.Yes) / list.Count;
    }

    private sealed record Session(long Id, DateOnly HeldOn, string Code, string Name, string Actions, DateOnly FollowUp,
        string Coach);

    private async Task<List<Session>> SessionsAsync(Period period, string agent, List<EvaluationForm> forms,
        ReportLanguage lang, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT s.id, s.held_on, s.sub_skill, s.agreed_actions, s.follow_up_on, s.coach
            FROM coaching_sessions s JOIN agents a ON a.id = s.agent_id
            WHERE a.code = @agent AND s.held_on BETWEEN @from AND @to ORDER BY s.held_on, s.id
            """);
        cmd.Parameters.AddWithValue("agent", agent);
        cmd.Parameters.AddWithValue("from", period.From);
        cmd.Parameters.AddWithValue("to", period.To);
        var list = new List<Session>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new Session(r.GetInt64(0), r.GetFieldValue<DateOnly>(1), r.GetString(2),
                SubSkillName(r.GetString(2), forms, lang), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.GetString(5)));
        return list;
    }

    /// <summary>An auto-QA check or a form section in the report's language.</summary>
    private static string SubSkillName(string code, IEnumerable<EvaluationForm> forms, ReportLanguage lang) =>
        lang.Has("check." + code) ? lang["check." + code]
        : forms.SelectMany(f => f.ReadSections()).FirstOrDefault(s => s.Code == code) is { } section
            ? (lang.Code == "nl" ? section.TitleNl : section.TitleEn) : code;

    private async Task<List<SessionLine>> WithEffectsAsync(List<Session> sessions, CancellationToken ct)
    {
        var lines = new List<SessionLine>();
        foreach (var s in sessions)
            lines.Add(new SessionLine(s.HeldOn, s.Name, s.Actions, s.FollowUp, s.Coach,
                await effects.ForSessionAsync(s.Id, ct)));
        return lines;
    }

    private sealed record Scored(long Id, string Agent, DateTime StartedUtc, string ContactId, int Form, double? Score);

    /// <summary>Confirmed evaluations of the agent's and the team's contacts started in the period.</summary>
    private async Task<List<Scored>> ScoredAsync(Period period, string agent, string? team, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT e.id, a.code, c.started_utc, c.source_id, e.form_id, e.score_percent
            FROM evaluations e JOIN contacts c ON c.id = e.contact_id JOIN agents a ON a.id = c.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            WHERE e.status = 'confirmed' AND c.started_utc >= @from AND c.started_utc < @to
              AND (a.code = @agent OR t.code = @team)
            ORDER BY c.started_utc, e.id
            """);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("agent", agent);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("team", team));
        var list = new List<Scored>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new Scored(r.GetInt64(0), r.GetString(1), r.GetDateTime(2), r.GetString(3), r.GetInt32(4),
                r.IsDBNull(5) ? null : r.GetDouble(5)));
        return list;
    }

    /// <summary>Per form section and month: the mean section score of the agent's evaluations and of the team's.</summary>
    private async Task<List<SkillTrend>> SectionsAsync(Period period, string agent, string? team, List<DateOnly> months,
        List<EvaluationForm> forms, HashSet<string> coached, ReportLanguage lang, CancellationToken ct)
    {
        var scored = await ScoredAsync(period, agent, team, ct);
        if (scored.Count == 0) return [];
        var answers = new Dictionary<long, Dictionary<string, string?>>();
        await using (var cmd = db.CreateCommand(
                         "SELECT evaluation_id, item_code, value FROM evaluation_answers WHERE evaluation_id = ANY(@ids)"))
        {
            cmd.Parameters.AddWithValue("ids", scored.Select(s => s.Id).ToArray());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!answers.TryGetValue(r.GetInt64(0), out var values)) answers[r.GetInt64(0)] = values = [];
                values[r.GetString(1)] = r.IsDBNull(2) ? null : r.GetString(2);
            }
        }
        var byForm = forms.ToDictionary(f => f.Id, f => f.ReadSections());
        var rows = scored.SelectMany(e => byForm.GetValueOrDefault(e.Form, []).Select(s => (e, Section: s,
                Score: EvaluationForm.ScorePercent(s.Items, answers.GetValueOrDefault(e.Id) ?? []))))
            .Where(x => x.Score is not null).ToList();
        return rows.GroupBy(x => x.Section.Code, StringComparer.Ordinal).Select(g =>
        {
            var section = g.First().Section;
            return new SkillTrend(section.Code, lang.Code == "nl" ? section.TitleNl : section.TitleEn, false,
                coached.Contains(section.Code), months.Select(m =>
                {
                    var inMonth = g.Where(x => Month(x.e.StartedUtc) == m).ToList();
                    var mine = inMonth.Where(x => x.e.Agent == agent).ToList();
                    return new SkillMonth(m, mine.Count, mine.Count == 0 ? null : mine.Average(x => x.Score!.Value),
                        inMonth.Count, inMonth.Count == 0 ? null : inMonth.Average(x => x.Score!.Value));
                }).ToList());
        }).ToList();
    }

    private async Task<List<EvaluationLine>> EvaluationsAsync(Period period, string agent, List<EvaluationForm> forms,
        ReportLanguage lang, CancellationToken ct)
    {
        var mine = (await ScoredAsync(period, agent, null, ct)).Where(e => e.Agent == agent).ToList();
        var disputes = new Dictionary<long, List<DisputeLine>>();
        var items = forms.ToDictionary(f => f.Id, f => f.Items().ToDictionary(i => i.Code, StringComparer.Ordinal));
        var formOf = mine.ToDictionary(e => e.Id, e => e.Form);
        await using (var cmd = db.CreateCommand("""
                         SELECT evaluation_id, item_code, status, comment, resolution FROM evaluation_disputes
                         WHERE evaluation_id = ANY(@ids) ORDER BY id
                         """))
        {
            cmd.Parameters.AddWithValue("ids", mine.Select(e => e.Id).ToArray());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var item = items.GetValueOrDefault(formOf[id])?.GetValueOrDefault(r.GetString(1));
                var text = item is null ? r.GetString(1) : lang.Code == "nl" ? item.TextNl : item.TextEn;
                if (!disputes.TryGetValue(id, out var list)) disputes[id] = list = [];
                list.Add(new DisputeLine(text, r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
            }
        }
        var names = forms.ToDictionary(f => f.Id, f => lang.Code == "nl" ? f.NameNl : f.NameEn);
        return mine.Select(e => new EvaluationLine(e.StartedUtc, e.ContactId, names.GetValueOrDefault(e.Form, ""),
            e.Score, disputes.GetValueOrDefault(e.Id) ?? [])).ToList();
    }

    /// <summary>The most recent comments of each kind of NPS customer: a one-to-one hears praise as well as complaints.
    /// </summary>
    private async Task<List<CustomerComment>> CommentsAsync(Period period, string agent, ReportLanguage lang,
        CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT responded_utc, score, comment, name_nl, name_en FROM (
                SELECT s.responded_utc, s.score, s.comment, r.name_nl, r.name_en,
                       row_number() OVER (PARTITION BY CASE WHEN s.score <= 6 THEN 0 WHEN s.score <= 8 THEN 1 ELSE 2 END
                                          ORDER BY s.responded_utc DESC, s.id DESC) AS n
                FROM survey_responses s JOIN agents a ON a.id = s.agent_id
                LEFT JOIN contact_reasons r ON r.id = s.reason_id
                WHERE s.type = 'nps' AND a.code = @agent AND s.comment IS NOT NULL AND length(s.comment) > 20
                  AND s.responded_utc >= @from AND s.responded_utc < @to) x
            WHERE n <= @per ORDER BY score, responded_utc DESC
            """);
        cmd.Parameters.AddWithValue("agent", agent);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("per", CommentsPerKind);
        var list = new List<CustomerComment>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new CustomerComment(r.GetDateTime(0), r.GetInt32(1), r.GetString(2),
                r.IsDBNull(3) ? null : lang.ReasonName(r.GetString(3), r.GetString(4))));
        return list;
    }
}
