using System.Data;
using Npgsql;

namespace Analytics.Metrics;

/// <summary>One group of a survey figure before statistics: the sums every score and interval is computed from.</summary>
internal sealed record SurveyGroupSums(string? Period, string? Key, string? Name, int N, int Top, int Bottom, double Sum, double Sum2, int Agents);

/// <summary>
/// The daily survey cube held in memory, so dashboards' survey figures cost a scan of a few thousand array cells instead
/// of a query: at 10M contacts even the cube query took 10–20 ms of database time, which caps a 2-core server at about a
/// hundred answers a second. One copy per process, keyed by the cube's refresh and by a fingerprint of the agent, team
/// and reason rows (a renamed reason or an agent moved to another team shows at once); reloaded by one caller when
/// either changes while the others wait for that load.
/// </summary>
public sealed class SurveyCubeMemory(NpgsqlDataSource db)
{
    /// <summary>The state of the cube as of now: whether it includes every batch and correction, and what identifies its contents.</summary>
    private readonly record struct CubeState(bool Fresh, string Key);

    private readonly Lock _gate = new();
    private (string Key, Task<Snapshot> Load)? _current;
    private (long AtTicks, Task<CubeState?> State)? _checked;

    /// <summary>
    /// How long a look at the cube's state is trusted. Zero (the default) asks PostgreSQL on every call; the web host uses
    /// a second, as its answer cache does: under load the per-request round trip cost more than the answer itself, and a
    /// figure may then lag a batch that just landed by at most that second.
    /// </summary>
    public TimeSpan MaxStateAge { get; init; } = TimeSpan.Zero;

    /// <summary>Loads of the copy start once this completes: a test asks questions while the copy loads.</summary>
    internal Task LoadGate { get; set; } = Task.CompletedTask;

    /// <summary>
    /// Whether the cube is fresh, and then the load of its copy in memory (shared by every caller; completed once the
    /// copy is in). A caller that need not wait for it may answer by SQL over the cube meanwhile: a few ms instead of the
    /// seconds the load takes at 10M contacts. Not fresh: figures come from rows.
    /// </summary>
    internal Task<(bool Fresh, Task<Snapshot>? Load)> CurrentAsync(CancellationToken ct) => LoadingAsync(ct);

    /// <summary>Waits until the copy of the cube as of now is in memory (false: the cube is missing or stale).
    /// </summary>
    public async Task<bool> LoadAsync(CancellationToken ct)
    {
        var (_, load) = await LoadingAsync(ct);
        if (load is null) return false;
        // The load is shared: a caller that gives up must not cancel it for the others.
        await load.WaitAsync(ct);
        return true;
    }

    private async Task<(bool Fresh, Task<Snapshot>? Load)> LoadingAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        Task<CubeState?> check;
        lock (_gate)
        {
            // One look at a time: when the trusted look expires, concurrent callers share the next one rather than
            // each sending their own (a burst of identical queries every second under load).
            if (_checked is not { } seen || now - seen.AtTicks >= (long)MaxStateAge.TotalMilliseconds
                || seen.State.IsFaulted || seen.State.IsCanceled)
                _checked = (now, Task.Run(() => StateAsync(CancellationToken.None)));
            check = _checked.Value.State;
        }
        var state = await check.WaitAsync(ct);
        if (state is not { Fresh: true } s) return (false, null);
        lock (_gate)
        {
            // Loaded in its own snapshot of the database: if a refresh landed in between, its contents are the newer
            // cube, which is still fresh; the next call notices the new key and loads again.
            if (_current is not { } c || c.Key != s.Key || c.Load.IsFaulted || c.Load.IsCanceled)
                _current = (s.Key, Task.Run(() => ReadSnapshotAsync(s.Key)));
            return (true, _current.Value.Load);
        }
    }

    private async Task<CubeState?> StateAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Insights.Rollups.AggregateFreshness.FreshSql("s")}, {KeySql}
            FROM aggregate_states s WHERE s.name = 'survey_daily'
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new CubeState(r.GetBoolean(0), r.GetString(1));
    }

    // xmin changes with every insert and update of a row, so the sum changes when any agent, team or reason does.
    private const string KeySql = """
        s.refreshed_utc::text || '|' || (SELECT coalesce(sum(xmin::text::bigint), 0) FROM agents)::text
            || '|' || (SELECT coalesce(sum(xmin::text::bigint), 0) FROM teams)::text
            || '|' || (SELECT coalesce(sum(xmin::text::bigint), 0) FROM contact_reasons)::text
        """;

    private async Task<Snapshot> ReadSnapshotAsync(string expectedKey)
    {
        await LoadGate;
        await using var conn = await db.OpenConnectionAsync();
        // One consistent view of the cube and its dimensions.
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        string key;
        await using (var cmd = new NpgsqlCommand($"SELECT {KeySql} FROM aggregate_states s WHERE s.name = 'survey_daily'", conn, tx))
            key = (string?)await cmd.ExecuteScalarAsync() ?? expectedKey;

        var teams = new Dictionary<int, int>();
        var teamCodes = new List<string>();
        var teamNames = new List<string?>();
        await ReadAsync(conn, tx, "SELECT id, code, name FROM teams", r =>
        {
            teams[r.GetInt32(0)] = teamCodes.Count;
            teamCodes.Add(r.GetString(1));
            teamNames.Add(r.IsDBNull(2) ? null : r.GetString(2));
        });
        var agents = new Dictionary<int, int>();
        var agentCodes = new List<string>();
        var agentNames = new List<string?>();
        var agentTeams = new List<int>();
        await ReadAsync(conn, tx, "SELECT id, code, name, team_id FROM agents", r =>
        {
            agents[r.GetInt32(0)] = agentCodes.Count;
            agentCodes.Add(r.GetString(1));
            agentNames.Add(r.IsDBNull(2) ? null : r.GetString(2));
            agentTeams.Add(r.IsDBNull(3) ? -1 : teams.GetValueOrDefault(r.GetInt32(3), -1));
        });
        var reasons = new Dictionary<int, int>();
        var reasonCodes = new List<string>();
        var reasonNames = new List<string?>();
        await ReadAsync(conn, tx, "SELECT id, code, name_nl FROM contact_reasons", r =>
        {
            reasons[r.GetInt32(0)] = reasonCodes.Count;
            reasonCodes.Add(r.GetString(1));
            reasonNames.Add(r.IsDBNull(2) ? null : r.GetString(2));
        });

        var slices = new Dictionary<string, Slice>(StringComparer.Ordinal);
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var valueList = new List<string>();
        int Value(NpgsqlDataReader r, int column)
        {
            if (r.IsDBNull(column)) return -1;
            var v = r.GetString(column);
            if (!values.TryGetValue(v, out var id)) { values[v] = id = valueList.Count; valueList.Add(v); }
            return id;
        }
        await using (var cmd = new NpgsqlCommand(
            "SELECT type, day, agent_id, reason_id, channel, queue, language, n, top, bottom, sum, sum2 FROM survey_daily ORDER BY type, day",
            conn, tx) { CommandTimeout = 0 })
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Slice.Builder? current = null;
            string? currentType = null;
            while (await r.ReadAsync())
            {
                var type = r.GetString(0);
                if (type != currentType)
                {
                    if (current is not null) slices[currentType!] = current.Build();
                    current = new Slice.Builder();
                    currentType = type;
                }
                current!.Add(r.GetFieldValue<DateOnly>(1).DayNumber,
                    r.IsDBNull(2) ? -1 : agents.GetValueOrDefault(r.GetInt32(2), -1),
                    r.IsDBNull(3) ? -1 : reasons.GetValueOrDefault(r.GetInt32(3), -1),
                    Value(r, 4), Value(r, 5), Value(r, 6),
                    r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetDouble(10), r.GetDouble(11));
            }
            if (current is not null) slices[currentType!] = current.Build();
        }
        await tx.CommitAsync();
        // Most questions ask for neither channel, queue nor language: they scan cells summed over those, 2.5 times fewer.
        var collapsed = slices.ToDictionary(kv => kv.Key, kv => kv.Value.Collapse(), StringComparer.Ordinal);
        return new Snapshot(key, slices, collapsed, [.. valueList], [.. teamCodes], [.. teamNames], [.. agentCodes], [.. agentNames],
            [.. agentTeams], [.. reasonCodes], [.. reasonNames]);
    }

    private static async Task ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, Action<NpgsqlDataReader> row)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) row(r);
    }

    /// <summary>
    /// The cube's cells of one survey type, as parallel arrays sorted by day (a period is a contiguous range). Channel, queue
    /// and language are indexes into the snapshot's interned values (-1: none).
    /// </summary>
    internal sealed class Slice(int[] day, int[] agent, int[] reason, int[] channel, int[] queue, int[] language,
        int[] n, int[] top, int[] bottom, double[] sum, double[] sum2)
    {
        public readonly int[] Day = day, Agent = agent, Reason = reason, Channel = channel, Queue = queue, Language = language,
            N = n, Top = top, Bottom = bottom;
        public readonly double[] Sum = sum, Sum2 = sum2;

        public sealed class Builder
        {
            private readonly List<int> _day = [], _agent = [], _reason = [], _channel = [], _queue = [], _language = [], _n = [], _top = [], _bottom = [];
            private readonly List<double> _sum = [], _sum2 = [];

            public int Count => _day.Count;

            public void Add(int day, int agent, int reason, int channel, int queue, int language, int n, int top, int bottom, double sum, double sum2)
            {
                _day.Add(day); _agent.Add(agent); _reason.Add(reason); _channel.Add(channel); _queue.Add(queue); _language.Add(language);
                _n.Add(n); _top.Add(top); _bottom.Add(bottom); _sum.Add(sum); _sum2.Add(sum2);
            }

            public void Merge(int at, int n, int top, int bottom, double sum, double sum2)
            {
                _n[at] += n; _top[at] += top; _bottom[at] += bottom; _sum[at] += sum; _sum2[at] += sum2;
            }

            public Slice Build() => new([.. _day], [.. _agent], [.. _reason], [.. _channel], [.. _queue], [.. _language],
                [.. _n], [.. _top], [.. _bottom], [.. _sum], [.. _sum2]);
        }

        /// <summary>The same cells summed over channel, queue and language, still in day order.</summary>
        public Slice Collapse()
        {
            var b = new Builder();
            var cells = new Dictionary<(int Agent, int Reason), int>();
            for (var i = 0; i < Day.Length; i++)
            {
                if (i > 0 && Day[i] != Day[i - 1]) cells.Clear();
                if (cells.TryGetValue((Agent[i], Reason[i]), out var at)) b.Merge(at, N[i], Top[i], Bottom[i], Sum[i], Sum2[i]);
                else
                {
                    cells[(Agent[i], Reason[i])] = b.Count;
                    b.Add(Day[i], Agent[i], Reason[i], -1, -1, -1, N[i], Top[i], Bottom[i], Sum[i], Sum2[i]);
                }
            }
            return b.Build();
        }

        /// <summary>First index whose day is ≥ <paramref name="dayNumber"/>.</summary>
        public int LowerBound(int dayNumber)
        {
            int lo = 0, hi = Day.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Day[mid] < dayNumber) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }

    internal sealed class Snapshot(string key, Dictionary<string, Slice> slices, Dictionary<string, Slice> collapsed, string[] values,
        string[] teamCodes, string?[] teamNames, string[] agentCodes, string?[] agentNames, int[] agentTeams, string[] reasonCodes,
        string?[] reasonNames)
    {
        public string Key { get; } = key;

        /// <summary>Same groups, sums and order as the SQL over the cube (ORDER BY key NULLS LAST, byte order as in a C-collated database).</summary>
        public List<SurveyGroupSums> Aggregate(string type, string groupBy, SurveyFilter filter, string interval)
        {
            var result = new List<SurveyGroupSums>();
            var detail = filter.Channel is not null || filter.Queue is not null || filter.Language is not null
                         || groupBy is "channel" or "queue" or "language";
            if (!(detail ? slices : collapsed).TryGetValue(type, out var s)) return result;
            int team = filter.Team is null ? -2 : Array.IndexOf(teamCodes, filter.Team);
            int agent = filter.Agent is null ? -2 : Array.IndexOf(agentCodes, filter.Agent);
            int reason = filter.Reason is null ? -2 : Array.IndexOf(reasonCodes, filter.Reason);
            int channel = filter.Channel is null ? -2 : Array.IndexOf(values, filter.Channel);
            int queue = filter.Queue is null ? -2 : Array.IndexOf(values, filter.Queue);
            int language = filter.Language is null ? -2 : Array.IndexOf(values, filter.Language);
            // An unknown code matches nothing, as `t.code = @team` does.
            if (team == -1 || agent == -1 || reason == -1 || channel == -1 || queue == -1 || language == -1) return result;

            // Groups are keyed by small integers (bucket start day, dimension index); their names are looked up once per group.
            var groups = new Dictionary<(int Bucket, int Group), Acc>();
            string? bucket = null;
            int bucketDay = int.MinValue, bucketId = 0, monthId = 0;
            int from = filter.Period.From.DayNumber, to = filter.Period.To.DayNumber;
            for (var i = s.LowerBound(from); i < s.Day.Length && s.Day[i] <= to; i++)
            {
                var a = s.Agent[i];
                var t = a < 0 ? -1 : agentTeams[a];
                if (team >= 0 && t != team) continue;
                if (agent >= 0 && a != agent) continue;
                if (reason >= 0 && s.Reason[i] != reason) continue;
                if (channel >= 0 && s.Channel[i] != channel) continue;
                if (queue >= 0 && s.Queue[i] != queue) continue;
                if (language >= 0 && s.Language[i] != language) continue;
                // Cells come in day order: bucket and month are worked out once per day, not once per cell.
                if (s.Day[i] != bucketDay)
                {
                    bucketDay = s.Day[i];
                    var day = DateOnly.FromDayNumber(bucketDay);
                    bucket = Intervals.Of(interval, day);
                    bucketId = interval switch
                    {
                        "none" => 0,
                        "day" => bucketDay,
                        "week" => bucketDay - ((int)day.DayOfWeek + 6) % 7,
                        _ => day.Year * 12 + day.Month,
                    };
                    monthId = day.Year * 12 + day.Month;
                }
                var group = groupBy switch
                {
                    "none" => 0,
                    "team" => t,
                    "agent" => a,
                    "reason" => s.Reason[i],
                    "channel" => s.Channel[i],
                    "queue" => s.Queue[i],
                    "language" => s.Language[i],
                    "month" => monthId,
                    _ => throw new ArgumentException($"groupBy '{groupBy}' is not in the cube's grain", nameof(groupBy)),
                };
                if (!groups.TryGetValue((bucketId, group), out var acc))
                {
                    var (key, name) = groupBy switch
                    {
                        "none" => ("all", "all"),
                        "team" => t < 0 ? (null, null) : (teamCodes[t], teamNames[t]),
                        "agent" => a < 0 ? (null, null) : (agentCodes[a], agentNames[a]),
                        "reason" => s.Reason[i] < 0 ? (null, null) : (reasonCodes[s.Reason[i]], reasonNames[s.Reason[i]]),
                        "channel" => Named(s.Channel[i]),
                        "queue" => Named(s.Queue[i]),
                        "language" => Named(s.Language[i]),
                        _ => (Month(bucketDay), Month(bucketDay)),
                    };
                    // Per agent, a group holds one agent: no need for a set of them.
                    groups[(bucketId, group)] = acc = new Acc(bucket, key, name, groupBy == "agent" ? 0 : agentCodes.Length);
                }
                acc.Add(s, i, a);
            }
            // ORDER BY period, key NULLS LAST
            result.AddRange(groups.Values.OrderBy(g => g.Period, StringComparer.Ordinal).ThenBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.ToSums()));
            return result;
        }

        private (string?, string?) Named(int value) => value < 0 ? (null, null) : (values[value], values[value]);

        private static string Month(int dayNumber) => DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        private sealed class Acc(string? period, string? key, string? name, int agentCount)
        {
            public string? Period { get; } = period;
            public string? Key { get; } = key;
            private int _n, _top, _bottom, _agentCount;
            private double _sum, _sum2;
            // Distinct agents as a bit set: a hash set per group cost more than the sums.
            private readonly ulong[] _agents = new ulong[(agentCount + 63) / 64];

            public void Add(Slice s, int i, int agent)
            {
                _n += s.N[i]; _top += s.Top[i]; _bottom += s.Bottom[i]; _sum += s.Sum[i]; _sum2 += s.Sum2[i];
                if (agent < 0) return;
                if (_agents.Length == 0) { _agentCount = 1; return; }
                var bit = 1UL << (agent & 63);
                if ((_agents[agent >> 6] & bit) == 0) { _agents[agent >> 6] |= bit; _agentCount++; }
            }

            public SurveyGroupSums ToSums() => new(Period, Key, name, _n, _top, _bottom, _sum, _sum2, _agentCount);
        }
    }
}
