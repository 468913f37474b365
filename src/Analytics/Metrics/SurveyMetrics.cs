using Analytics.Statistics;
using Analytics.Surveys;
using Analytics.Time;
using Npgsql;

namespace Analytics.Metrics;

/// <summary>The dimensions a survey figure can be split by. Names are the API's `groupBy` values.</summary>
public static class SurveyGroupings
{
    // key expression, display-name expression; only these strings ever reach SQL.
    internal static readonly IReadOnlyDictionary<string, (string Key, string Name)> Sql = new Dictionary<string, (string, string)>
    {
        ["none"] = ("'all'", "'all'"),
        ["team"] = ("t.code", "t.name"),
        ["agent"] = ("a.code", "a.name"),
        ["reason"] = ("r.code", "r.name_nl"),
        // What the active reason model says the contact was about ("unknown" below its threshold): agents' codes drift.
        ["predictedReason"] = ("coalesce(p.label, '(not scored)')", "coalesce(pr.name_nl, p.label, '(not scored)')"),
        ["channel"] = ("s.channel", "s.channel"),
        ["queue"] = ("s.queue", "s.queue"),
        ["language"] = ("s.language", "s.language"),
        ["month"] = ("to_char(s.responded_utc AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')", "to_char(s.responded_utc AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')"),
    };

    public static IReadOnlyCollection<string> Names => (IReadOnlyCollection<string>)Sql.Keys;

    /// <summary>The groupings the daily cube can answer (all but the predicted reason, which comes from the active model).</summary>
    internal static readonly IReadOnlyDictionary<string, (string Key, string Name)> Cube = new Dictionary<string, (string, string)>
    {
        ["none"] = ("'all'", "'all'"),
        ["team"] = ("t.code", "t.name"),
        ["agent"] = ("a.code", "a.name"),
        ["reason"] = ("r.code", "r.name_nl"),
        ["channel"] = ("d.channel", "d.channel"),
        ["queue"] = ("d.queue", "d.queue"),
        ["language"] = ("d.language", "d.language"),
        ["month"] = ("to_char(d.day, 'YYYY-MM')", "to_char(d.day, 'YYYY-MM')"),
    };
}

public sealed record SurveyFilter(Period Period, string? Team = null, string? Agent = null, string? Reason = null, string? Channel = null,
    string? Queue = null, string? Language = null);

/// <summary>
/// Time buckets a figure can be split into besides its group (the API's `interval`), as local Europe/Amsterdam days:
/// a week is the ISO week named by its Monday (yyyy-MM-dd), a month is yyyy-MM.
/// </summary>
public static class Intervals
{
    // {0} is a timestamptz column (converted to the local day) or a date column (local already).
    private static readonly Dictionary<string, string> Templates = new()
    {
        ["none"] = "NULL::text",
        ["day"] = "to_char({0}, 'YYYY-MM-DD')",
        ["week"] = "to_char(date_trunc('week', {0}), 'YYYY-MM-DD')",
        ["month"] = "to_char({0}, 'YYYY-MM')",
    };

    /// <summary>SQL naming the bucket of a UTC timestamp column, by its Amsterdam day.</summary>
    public static string OfTimestamp(string interval, string column) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[interval], $"({column} AT TIME ZONE 'Europe/Amsterdam')");

    /// <summary>SQL naming the bucket of a local date column.</summary>
    public static string OfDate(string interval, string column) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[interval], column);

    public static IReadOnlyCollection<string> Names => Templates.Keys;

    /// <summary>The bucket of one local day, exactly as the SQL names it.</summary>
    public static string? Of(string interval, DateOnly day) => interval switch
    {
        "none" => null,
        "day" => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "month" => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"unknown interval '{interval}'", nameof(interval)),
    };
}

/// <summary>One group's figure. NPS: value −100…100. CES: mean 1–7 (and % 5–7 in Share). CSAT: % 4–5.</summary>
public sealed record SurveyFigure(
    string Group, string? Name, int N, Estimate Score, Estimate? Share,
    int Promoters, int Passives, int Detractors, bool TooFewResponses, int Agents, string? Period = null);

public sealed class SurveyMetrics(NpgsqlDataSource db)
{
    private const string PredictionJoin = """
        LEFT JOIN predictions p ON p.contact_id = s.contact_id AND p.kind = 'reasons'
            AND p.model_id = (SELECT id FROM models WHERE kind = 'reasons' AND active ORDER BY version DESC LIMIT 1)
        LEFT JOIN contact_reasons pr ON pr.code = p.label
        """;

    /// <summary>Answer from the daily cube when it is fresh and the question fits its grain (the default).</summary>
    public bool UseCube { get; init; } = true;

    /// <summary>Answer cube questions from the in-memory copy of the cube (the default) rather than by SQL over it.</summary>
    public bool InMemory { get; init; } = true;

    private readonly SurveyCubeMemory _memory = new(db);
    private readonly SemaphoreSlim _sqlWhileLoading = new(2);

    /// <summary>Waits until the cube's copy in memory is loaded (false: stale or missing; figures come from rows).</summary>
    public Task<bool> LoadCubeAsync(CancellationToken ct) => _memory.LoadAsync(ct);

    /// <summary>
    /// Whether the cube's copy is loading now (after a start or a refresh): answers then come by SQL a few at a time or
    /// wait for the load, so they are slower until it ends.
    /// </summary>
    public async Task<bool> CubeLoadingAsync(CancellationToken ct)
    {
        var (_, load) = UseCube && InMemory ? await _memory.CurrentAsync(ct) : default;
        return load is { IsCompleted: false };
    }

    /// <summary>Holds loads of the cube's copy until <paramref name="until"/> completes (tests answers during a load).
    /// </summary>
    internal void HoldCubeLoads(Task until) => _memory.LoadGate = until;

    /// <summary>See <see cref="SurveyCubeMemory.MaxStateAge"/>.</summary>
    public TimeSpan CubeStateMaxAge { get => _memory.MaxStateAge; init => _memory = new SurveyCubeMemory(db) { MaxStateAge = value }; }

    // Same columns as the raw query, rolled up from the cube: sums of counts, and distinct agents (agent is in the grain).
    private static string CubeSql((string Key, string Name) g, string interval) => $"""
        SELECT {Intervals.OfDate(interval, "d.day")} AS period, {g.Key} AS key, min({g.Name}) AS name, sum(d.n)::int AS n, sum(d.top)::int AS top, sum(d.bottom)::int AS bottom,
               sum(d.sum)::float8 AS sum, sum(d.sum2)::float8 AS sum2, count(DISTINCT d.agent_id)::int AS agents
        FROM survey_daily d
        LEFT JOIN agents a ON a.id = d.agent_id
        LEFT JOIN teams t ON t.id = a.team_id
        LEFT JOIN contact_reasons r ON r.id = d.reason_id
        WHERE d.type = @type AND d.day >= @fromDay AND d.day <= @toDay
          AND (@team::text IS NULL OR t.code = @team)
          AND (@agent::text IS NULL OR a.code = @agent)
          AND (@reason::text IS NULL OR r.code = @reason)
          AND (@channel::text IS NULL OR d.channel = @channel)
          AND (@queue::text IS NULL OR d.queue = @queue)
          AND (@language::text IS NULL OR d.language = @language)
        GROUP BY 1, 2
        ORDER BY 1, 2 NULLS LAST
        """;

    /// <summary>Below this many responses a figure is shown but marked, never ranked.</summary>
    public int MinimumResponses { get; init; } = 30;

    public Task<IReadOnlyList<SurveyFigure>> QueryAsync(string type, string groupBy, SurveyFilter filter, CancellationToken ct) =>
        QueryAsync(type, groupBy, filter, "none", ct);

    /// <summary>Figures per group, and per day, week or month when <paramref name="interval"/> is not "none" (ordered by period, then group).</summary>
    public async Task<IReadOnlyList<SurveyFigure>> QueryAsync(string type, string groupBy, SurveyFilter filter, string interval, CancellationToken ct)
    {
        if (SurveyTypes.Range(type) is null) throw new ArgumentException($"unknown survey type '{type}'", nameof(type));
        if (!SurveyGroupings.Sql.ContainsKey(groupBy))
            throw new ArgumentException($"unknown groupBy '{groupBy}'", nameof(groupBy));
        if (!Intervals.Names.Contains(interval)) throw new ArgumentException($"unknown interval '{interval}'", nameof(interval));

        var fitsCube = UseCube && SurveyGroupings.Cube.ContainsKey(groupBy);
        var (fresh, load) = fitsCube && InMemory ? await _memory.CurrentAsync(ct) : default;
        // While the copy loads, a few questions at a time go to SQL over the cube, so the first answer after a start or
        // a refresh need not wait for the load; the rest wait for the copy rather than compete with its load.
        var slot = load is { IsCompleted: false } && _sqlWhileLoading.Wait(0);
        if (load is not null && !slot)
        {
            var snapshot = await load.WaitAsync(ct);
            return [.. snapshot.Aggregate(type, groupBy, filter, interval).Select(sums => Figure(type, sums))];
        }
        try
        {
            var useCube = fitsCube && (InMemory ? fresh : await new SurveyCube(db).IsFreshAsync(ct));
            return await SqlAsync(type, groupBy, filter, interval, useCube, ct);
        }
        finally
        {
            if (slot) _sqlWhileLoading.Release();
        }
    }

    private async Task<IReadOnlyList<SurveyFigure>> SqlAsync(string type, string groupBy, SurveyFilter filter, string interval,
        bool useCube, CancellationToken ct)
    {
        var g = SurveyGroupings.Sql[groupBy];
        // Top/bottom boxes per scale: NPS 9-10 vs 0-6, CES 5-7 vs 1-3, CSAT 4-5 vs 1-2.
        var (top, bottom) = type switch { SurveyTypes.Nps => (9, 6), SurveyTypes.Ces => (5, 3), _ => (4, 2) };
        var sql = useCube ? CubeSql(SurveyGroupings.Cube[groupBy], interval) : $"""
            SELECT {Intervals.OfTimestamp(interval, "s.responded_utc")} AS period, {g.Key} AS key, min({g.Name}) AS name, count(*)::int AS n,
                   count(*) FILTER (WHERE s.score >= @top)::int AS top,
                   count(*) FILTER (WHERE s.score <= @bottom)::int AS bottom,
                   sum(s.score)::float8 AS sum, sum(s.score * s.score)::float8 AS sum2,
                   count(DISTINCT s.agent_id)::int AS agents
            FROM survey_responses s
            LEFT JOIN agents a ON a.id = s.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN contact_reasons r ON r.id = s.reason_id
            {(groupBy == "predictedReason" ? PredictionJoin : "")}
            WHERE s.type = @type AND s.responded_utc >= @from AND s.responded_utc < @to
              AND (@team::text IS NULL OR t.code = @team)
              AND (@agent::text IS NULL OR a.code = @agent)
              AND (@reason::text IS NULL OR r.code = @reason)
              AND (@channel::text IS NULL OR s.channel = @channel)
              AND (@queue::text IS NULL OR s.queue = @queue)
              AND (@language::text IS NULL OR s.language = @language)
            GROUP BY 1, 2
            ORDER BY 1, 2 NULLS LAST
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("type", type);
        cmd.Parameters.AddWithValue("top", top);
        cmd.Parameters.AddWithValue("bottom", bottom);
        cmd.Parameters.AddWithValue("from", filter.Period.FromUtc);
        cmd.Parameters.AddWithValue("to", filter.Period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("fromDay", filter.Period.From);
        cmd.Parameters.AddWithValue("toDay", filter.Period.To);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("team", filter.Team));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("agent", filter.Agent));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("reason", filter.Reason));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("channel", filter.Channel));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("queue", filter.Queue));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("language", filter.Language));

        var result = new List<SurveyFigure>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result.Add(Figure(type, new SurveyGroupSums(r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetDouble(6), r.GetDouble(7), r.GetInt32(8))));
        return result;
    }

    private SurveyFigure Figure(string type, SurveyGroupSums g)
    {
        var (n, topN, bottomN) = (g.N, g.Top, g.Bottom);
        var (score, share) = type switch
        {
            SurveyTypes.Nps => (SurveyStatistics.Nps(topN, n - topN - bottomN, bottomN), (Estimate?)null),
            SurveyTypes.Ces => (SurveyStatistics.Mean(g.Sum, g.Sum2, n), SurveyStatistics.Proportion(topN, n)),
            _ => (SurveyStatistics.Proportion(topN, n), (Estimate?)null),
        };
        return new SurveyFigure(g.Key ?? "(none)", g.Name, n, score, share, topN, n - topN - bottomN, bottomN, n < MinimumResponses, g.Agents, g.Period);
    }
}
