using Analytics.Statistics;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Behaviour;

/// <summary>One agent's (or agent-month's) behaviour over the contacts with a transcript.</summary>
public sealed record BehaviourSummary(
    string Group, string? Period, int Contacts, double InterruptionsPerContact, double OpenQuestionsPerContact,
    Estimate Summarised, Estimate AcknowledgedBeforeId, double? MeanTalkListenRatio, double LongSilencesPerContact,
    double? MeanWordsPerMinute, int TopScoreRequests);

/// <summary>A turn a check flagged, in the contact (its id and start) it belongs to.</summary>
public sealed record FlaggedTurn(long ContactId, DateTime StartedUtc, Finding Finding, string Text);

public sealed class BehaviourScorecard(NpgsqlDataSource db, BehaviourOptions options)
{
    /// <summary>The scorecard of one contact, or null when it has no transcript.</summary>
    public async Task<BehaviourResult?> ForContactAsync(long contactId, CancellationToken ct = default)
    {
        BehaviourResult? result = null;
        await foreach (var (_, _, _, turns) in StreamAsync("c.id = @id", p => p.AddWithValue("id", contactId), ct))
            result = BehaviourChecks.Evaluate(turns, options);
        return result;
    }

    /// <summary>Per agent (byMonth: per agent and local month) over contacts started in the period.</summary>
    public Task<IReadOnlyList<BehaviourSummary>> PerAgentAsync(Period period, bool byMonth, CancellationToken ct = default) =>
        SummariseAsync(period, byMonth, null, ct);

    /// <summary>One agent's scorecard (byMonth: per local month) over the contacts they handled in the period.</summary>
    public Task<IReadOnlyList<BehaviourSummary>> ForAgentAsync(Period period, string agent, bool byMonth, CancellationToken ct = default) =>
        SummariseAsync(period, byMonth, agent, ct);

    /// <summary>A team's contacts as one group (named by the team's code): what its agents are held against.</summary>
    public async Task<BehaviourSummary?> ForTeamAsync(Period period, string team, CancellationToken ct = default) =>
        (await SummariseAsync(period, false, null, ct, team)).SingleOrDefault();

    /// <summary>
    /// Turns of an agent's contacts in the period that a coaching check flagged (interruptions, identification before
    /// acknowledgement, long silences, asking for a top score), newest contacts first, at most <paramref name="max"/>.
    /// </summary>
    public async Task<IReadOnlyList<FlaggedTurn>> FlaggedTurnsAsync(Period period, string agent, int max,
        CancellationToken ct = default)
    {
        var flagged = new List<FlaggedTurn>();
        await foreach (var (id, _, started, turns) in StreamAsync(
                           "c.started_utc >= @from AND c.started_utc < @to AND a.code = @agent", p =>
                           {
                               p.AddWithValue("from", period.FromUtc);
                               p.AddWithValue("to", period.ToUtcExclusive);
                               p.AddWithValue("agent", agent);
                           }, ct))
            foreach (var f in BehaviourChecks.Evaluate(turns, options).Findings.Where(f => Coaching.Contains(f.Check)))
                flagged.Add(new FlaggedTurn(id, started, f, turns.FirstOrDefault(t => t.Seq == f.Seq)?.Text ?? ""));
        return flagged.OrderByDescending(f => f.StartedUtc).ThenBy(f => f.Finding.Seq).Take(max).ToList();
    }

    private static readonly HashSet<string> Coaching =
        [Checks.Interruption, Checks.IdBeforeAcknowledgement, Checks.LongSilence, Checks.TopScoreRequest];

    private async Task<IReadOnlyList<BehaviourSummary>> SummariseAsync(Period period, bool byMonth, string? onlyAgent,
        CancellationToken ct, string? asTeam = null)
    {
        var acc = new Dictionary<(string, string?), Accumulator>();
        await foreach (var (_, agent, started, turns) in StreamAsync(
                           "c.started_utc >= @from AND c.started_utc < @to"
                           + (onlyAgent is null ? "" : " AND a.code = @agent")
                           + (asTeam is null ? "" : " AND a.team_id = (SELECT id FROM teams WHERE code = @team)"),
                           p =>
                           {
                               p.AddWithValue("from", period.FromUtc);
                               p.AddWithValue("to", period.ToUtcExclusive);
                               if (onlyAgent is not null) p.AddWithValue("agent", onlyAgent);
                               if (asTeam is not null) p.AddWithValue("team", asTeam);
                           }, ct))
        {
            var key = (asTeam ?? agent ?? "(none)", byMonth ? Amsterdam.ToLocal(started).ToString("yyyy-MM") : null);
            if (!acc.TryGetValue(key, out var a)) acc[key] = a = new Accumulator();
            a.Add(BehaviourChecks.Evaluate(turns, options));
        }
        return acc.OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Select(kv => kv.Value.Summary(kv.Key.Item1, kv.Key.Item2)).ToList();
    }

    /// <summary>Scorecards of the contacts that received an NPS/CES response in the period: the input of the driver analysis.</summary>
    public async Task<Dictionary<long, BehaviourResult>> ForSurveyedContactsAsync(Period period, CancellationToken ct = default)
    {
        var result = new Dictionary<long, BehaviourResult>();
        await foreach (var (id, _, _, turns) in StreamAsync(
                           "c.id IN (SELECT s.contact_id FROM survey_responses s WHERE s.responded_utc >= @from AND s.responded_utc < @to AND s.contact_id IS NOT NULL)",
                           p => { p.AddWithValue("from", period.FromUtc); p.AddWithValue("to", period.ToUtcExclusive); }, ct))
            result[id] = BehaviourChecks.Evaluate(turns, options);
        return result;
    }

    /// <summary>Scorecards of every contact with a transcript started in the period (the coaching effect's checks).
    /// </summary>
    public async Task<Dictionary<long, BehaviourResult>> ForContactsAsync(Period period, CancellationToken ct = default)
    {
        var result = new Dictionary<long, BehaviourResult>();
        await foreach (var (id, _, _, turns) in StreamAsync("c.started_utc >= @from AND c.started_utc < @to",
                           p => { p.AddWithValue("from", period.FromUtc); p.AddWithValue("to", period.ToUtcExclusive); }, ct))
            result[id] = BehaviourChecks.Evaluate(turns, options);
        return result;
    }

    /// <summary>
    /// Scorecards of the contacts with a transcript that a team's agents (or, without a team, the one agent) handled in
    /// the period, with agent and start: the coaching report's per-month check rates against the team.
    /// </summary>
    public async Task<IReadOnlyList<(string? Agent, DateTime StartedUtc, BehaviourResult Result)>> ForTeamContactsAsync(
        Period period, string? team, string agent, CancellationToken ct = default)
    {
        var list = new List<(string?, DateTime, BehaviourResult)>();
        await foreach (var (_, who, started, turns) in StreamAsync(
                           "c.started_utc >= @from AND c.started_utc < @to AND (a.code = @agent OR "
                           + "a.team_id = (SELECT id FROM teams WHERE code = @team))", p =>
                           {
                               p.AddWithValue("from", period.FromUtc);
                               p.AddWithValue("to", period.ToUtcExclusive);
                               p.AddWithValue("agent", agent);
                               p.Add(new NpgsqlParameter<string?>("team", team));
                           }, ct))
            list.Add((who, started, BehaviourChecks.Evaluate(turns, options)));
        return list;
    }

    /// <summary>Turns grouped per contact, streamed in contact order so memory holds one transcript at a time.</summary>
    private async IAsyncEnumerable<(long Id, string? Agent, DateTime Started, List<Turn> Turns)> StreamAsync(
        string where, Action<NpgsqlParameterCollection> bind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var sql = $"""
            SELECT c.id, a.code, c.started_utc, tt.seq, tt.speaker, tt.start_ms, tt.end_ms, tt.text
            FROM contacts c
            JOIN transcript_turns tt ON tt.contact_id = c.id
            LEFT JOIN agents a ON a.id = c.agent_id
            WHERE {where}
            ORDER BY c.id, tt.seq
            """;
        await using var cmd = db.CreateCommand(sql);
        bind(cmd.Parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        long current = -1;
        string? agent = null;
        DateTime started = default;
        var turns = new List<Turn>();
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            if (id != current && turns.Count > 0) { yield return (current, agent, started, turns); turns = []; }
            current = id;
            agent = r.IsDBNull(1) ? null : r.GetString(1);
            started = r.GetDateTime(2);
            turns.Add(new Turn(r.GetInt32(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6), r.GetString(7)));
        }
        if (turns.Count > 0) yield return (current, agent, started, turns);
    }

    private sealed class Accumulator
    {
        private int _n, _interruptions, _open, _summarised, _idAsked, _acknowledged, _silences, _topScore, _ratioN, _wpmN;
        private double _ratio, _wpm;

        public void Add(BehaviourResult r)
        {
            _n++;
            _interruptions += r.Interruptions;
            _open += r.OpenQuestions;
            _silences += r.LongSilences;
            if (r.Summarised) _summarised++;
            if (r.AcknowledgedBeforeId is { } ack) { _idAsked++; if (ack) _acknowledged++; }
            if (r.AskedForTopScore) _topScore++;
            if (r.TalkListenRatio is { } tl) { _ratio += tl; _ratioN++; }
            if (r.WordsPerMinute is { } w) { _wpm += w; _wpmN++; }
        }

        public BehaviourSummary Summary(string group, string? period) => new(
            group, period, _n, (double)_interruptions / _n, (double)_open / _n,
            SurveyStatistics.Proportion(_summarised, _n), SurveyStatistics.Proportion(_acknowledged, _idAsked),
            _ratioN > 0 ? _ratio / _ratioN : null, (double)_silences / _n, _wpmN > 0 ? _wpm / _wpmN : null, _topScore);
    }
}
