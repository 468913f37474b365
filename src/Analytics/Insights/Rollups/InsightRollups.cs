using Analytics.Insights.Calendar;
using Analytics.Insights.Repeats;
using Analytics.Time;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Insights.Rollups;

/// <summary>
/// Rebuilds the insight rollups (contact_daily, handle_time_daily, reason_daily, agent_nps_daily, driver_fits) whole, in one transaction, like the survey
/// cube: readers see the previous rollups until the new ones commit. The repeat verdicts need each contact's next contact,
/// which can land in a later batch, so an incremental rebuild by day would still revisit earlier days; one pass over all
/// contacts (read by binary COPY, judged in memory, written back by binary COPY) is simpler and fits the refresh budget.
/// </summary>
public sealed class InsightRollups(NpgsqlDataSource db, DutchCalendar calendar, Drivers.DriverFits drivers)
{
    public const string Name = "insight_rollups";
    /// <summary>The service-level threshold the rollup counts; other thresholds are answered from the rows.</summary>
    public const int ServiceLevelSeconds = 20;
    /// <summary>The naive FCR window the rollup judges; <see cref="RepeatAnalysis.NaiveDays"/> must match to use it.</summary>
    public const int NaiveDays = 5;

    /// <summary>Seconds per stage of the last refresh (read, judge, write, drivers), for the benchmark and logs.</summary>
    public string LastStages { get; private set; } = "";

    public async Task<TimeSpan> RefreshAsync(CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stages = new List<string>();
        var lap = TimeSpan.Zero;
        void Stage(string name)
        {
            stages.Add(FormattableString.Invariant($"{name} {(clock.Elapsed - lap).TotalSeconds:F1}"));
            lap = clock.Elapsed;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        // The lock is taken before the transaction: a repeatable-read snapshot starts with its first statement, so a
        // refresh that waited for another inside its transaction would read the old data and then fail to serialize
        // (40001) on the rows the other one rewrote.
        await Execute(conn, "SELECT pg_advisory_lock(hashtext('insight_rollups'))", ct);
        try
        {
            return await RefreshLockedAsync(conn, clock, stages, Stage, ct);
        }
        finally
        {
            await Execute(conn, "SELECT pg_advisory_unlock(hashtext('insight_rollups'))", CancellationToken.None);
        }
    }

    private async Task<TimeSpan> RefreshLockedAsync(NpgsqlConnection conn, System.Diagnostics.Stopwatch clock, List<string> stages,
        Action<string> Stage, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        // The responses are read at the same time on a second connection that shares this transaction's snapshot.
        string snapshot;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", conn))
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        var surveysRead = Task.Run(async () =>
        {
            await using var other = await db.OpenConnectionAsync(ct);
            await using var otherTx = await other.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await Execute(other, $"SET TRANSACTION SNAPSHOT '{snapshot}'", ct);
            return ReadSurveys(other);
        }, ct);
        var (contacts, count, dims) = ReadContacts(conn);
        var (surveys, surveyCount) = await surveysRead;
        Stage("read");
        await Execute(conn, "DELETE FROM contact_daily; DELETE FROM handle_time_daily; DELETE FROM reason_daily; DELETE FROM agent_nps_daily", ct);
        if (count > 0)
        {
            var byId = ContactsById(contacts, count);
            var contactOf = new int[surveyCount];
            for (var i = 0; i < surveyCount; i++)
            {
                var at = Array.BinarySearch(byId.Ids, surveys[i].ContactId);
                contactOf[i] = at >= 0 ? byId.Index[at] : -1;
            }
            var agentNps = CountNps(contacts, surveys, contactOf);

            var latest = 0L;
            var first = int.MaxValue;
            for (var i = 0; i < count; i++)
            {
                latest = Math.Max(latest, contacts[i].StartedTicks);
                first = Math.Min(first, contacts[i].Day);
            }
            var complete = DateOnly.FromDateTime(Amsterdam.ToLocal(new DateTime(latest, DateTimeKind.Utc))).DayNumber;
            var options = new RepeatOptions();
            var deadlines = Enumerable.Range(first, complete - first + 1)
                .Select(d => options.Deadline(DateOnly.FromDayNumber(d), calendar).DayNumber).ToArray();
            var builder = new RollupBuilder(d => deadlines[d - first], complete,
                Amsterdam.StartOfDayUtc(DateOnly.FromDayNumber(complete + 1)).Ticks, ServiceLevelSeconds);
            builder.Build(contacts, count);
            Stage("judge");
            Write(conn, builder, dims, agentNps);
            Stage("write");
            await drivers.WriteAsync(conn, contacts, builder.Order, surveys, surveyCount, contactOf, ct);
            Stage("drivers");
        }
        else await Execute(conn, "DELETE FROM driver_fits", ct);
        await using (var mark = new NpgsqlCommand(AggregateFreshness.MarkSql, conn))
        {
            mark.Parameters.AddWithValue("name", Name);
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        Stage("commit");
        LastStages = string.Join(", ", stages);
        return clock.Elapsed;
    }

    public Task<bool> IsFreshAsync(CancellationToken ct) => AggregateFreshness.IsFreshAsync(db, Name, ct);

    /// <summary>Rebuilds only when something landed since the last refresh (the recurring safety net after corrections).</summary>
    public async Task<bool> RefreshIfStaleAsync(CancellationToken ct)
    {
        if (await IsFreshAsync(ct)) return false;
        await RefreshAsync(ct);
        return true;
    }

    private sealed record Dims(List<(string Source, string Channel, string? Queue, string? Language)> Combos, List<string> Channels, List<string> Queues);

    private static async Task Execute(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed record ContactIndex(long[] Ids, int[] Index);

    private static ContactIndex ContactsById(RollupContact[] contacts, int count)
    {
        var ids = new long[count];
        var index = new int[count];
        for (var i = 0; i < count; i++) (ids[i], index[i]) = (contacts[i].Id, i);
        Array.Sort(ids, index);
        return new ContactIndex(ids, index);
    }

    /// <summary>
    /// NPS counts onto each contact (for failure demand), and per response day and the contact's agent (for the ranking,
    /// which joins responses to their contact's agent).
    /// </summary>
    private static Dictionary<(int Day, int Agent), (int P, int Pa, int D)> CountNps(RollupContact[] contacts, RollupSurvey[] surveys, int[] contactOf)
    {
        var byAgent = new Dictionary<(int, int), (int P, int Pa, int D)>();
        for (var i = 0; i < contactOf.Length; i++)
        {
            if (surveys[i].Type != 0 || contactOf[i] < 0) continue;
            ref var c = ref contacts[contactOf[i]];
            int score = surveys[i].Score, p = score >= 9 ? 1 : 0, d = score <= 6 ? 1 : 0, pa = 1 - p - d;
            c.Promoters += p; c.Passives += pa; c.Detractors += d;
            if (c.Agent == 0) continue;
            var key = (surveys[i].Day, c.Agent);
            var n = byAgent.GetValueOrDefault(key);
            byAgent[key] = (n.P + p, n.Pa + pa, n.D + d);
        }
        return byAgent;
    }

    private static (RollupSurvey[] Surveys, int Count) ReadSurveys(NpgsqlConnection conn)
    {
        var surveys = new RollupSurvey[1024];
        var count = 0;
        using var export = conn.BeginBinaryExport("""
            COPY (SELECT s.id, s.contact_id, CASE s.type WHEN 'nps' THEN 0 WHEN 'ces' THEN 1 ELSE 2 END::int2, s.score,
                         (s.responded_utc AT TIME ZONE 'Europe/Amsterdam')::date
                  FROM survey_responses s WHERE s.contact_id IS NOT NULL) TO STDOUT (FORMAT BINARY)
            """);
        while (export.StartRow() != -1)
        {
            if (count == surveys.Length) Array.Resize(ref surveys, surveys.Length * 2);
            ref var s = ref surveys[count++];
            s.Id = export.Read<long>(NpgsqlDbType.Bigint);
            s.ContactId = export.Read<long>(NpgsqlDbType.Bigint);
            s.Type = (byte)export.Read<short>(NpgsqlDbType.Smallint);
            s.Score = export.Read<int>(NpgsqlDbType.Integer);
            s.Day = export.Read<DateOnly>(NpgsqlDbType.Date).DayNumber;
        }
        return (surveys, count);
    }

    // Sync binary COPY: about twice as fast as the async API for millions of small rows.
    private static (RollupContact[] Contacts, int Count, Dims Dims) ReadContacts(NpgsqlConnection conn)
    {
        long estimate;
        using (var est = new NpgsqlCommand("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'contacts'", conn))
            estimate = (long)est.ExecuteScalar()!;
        var contacts = new RollupContact[Math.Max(1024, (int)(estimate * 1.05))];
        var count = 0;
        var dims = new Dims([], [], []);
        var combos = new Dictionary<(string, string, string?, string?), int>();
        var channels = new Dictionary<string, int>();
        var queues = new Dictionary<string, int>();
        using var export = conn.BeginBinaryExport($"""
            COPY (SELECT c.id, coalesce(c.customer_id, 0), c.started_utc, c.started_utc + make_interval(days => {NaiveDays}),
                         (c.started_utc AT TIME ZONE 'Europe/Amsterdam')::date, coalesce(c.reason_id, 0), coalesce(c.agent_id, 0),
                         c.source, c.channel, c.queue,
                         CASE WHEN c.outcome = 'phantom' THEN 2 WHEN c.outcome = 'abandoned' THEN 1 ELSE 0 END::int2,
                         c.wait_seconds, c.talk_seconds + c.hold_seconds + c.acw_seconds, c.transfers,
                         c.started_utc - '{Drivers.DriverAnalysis.DefaultLookbackDays} days'::interval, c.language
                  FROM contacts c) TO STDOUT (FORMAT BINARY)
            """);
        while (export.StartRow() != -1)
        {
            if (count == contacts.Length) Array.Resize(ref contacts, contacts.Length * 2);
            ref var c = ref contacts[count++];
            c.Id = export.Read<long>(NpgsqlDbType.Bigint);
            c.Customer = export.Read<long>(NpgsqlDbType.Bigint);
            c.StartedTicks = export.Read<DateTime>(NpgsqlDbType.TimestampTz).Ticks;
            c.NaiveUntilTicks = export.Read<DateTime>(NpgsqlDbType.TimestampTz).Ticks;
            c.Day = export.Read<DateOnly>(NpgsqlDbType.Date).DayNumber;
            c.Reason = export.Read<int>(NpgsqlDbType.Integer);
            c.Agent = export.Read<int>(NpgsqlDbType.Integer);
            var source = export.Read<string>(NpgsqlDbType.Text);
            var channel = export.Read<string>(NpgsqlDbType.Text);
            string? queue = null;
            if (export.IsNull) export.Skip(); else queue = export.Read<string>(NpgsqlDbType.Text);
            c.Kind = (ContactKind)export.Read<short>(NpgsqlDbType.Smallint);
            c.Wait = export.Read<int>(NpgsqlDbType.Integer);
            c.Handle = export.Read<int>(NpgsqlDbType.Integer);
            c.Transfers = export.Read<int>(NpgsqlDbType.Integer);
            c.LookbackFromTicks = export.Read<DateTime>(NpgsqlDbType.TimestampTz).Ticks;
            string? language = null;
            if (export.IsNull) export.Skip(); else language = export.Read<string>(NpgsqlDbType.Text);
            c.Dim = Intern(combos, (source, channel, queue, language), dims.Combos);
            c.Channel = Intern(channels, channel, dims.Channels);
            c.Queue = queue is null ? -1 : Intern(queues, queue, dims.Queues);
        }
        return (contacts, count, dims);
    }

    private static int Intern<T>(Dictionary<T, int> index, T key, List<T> list) where T : notnull
    {
        if (index.TryGetValue(key, out var i)) return i;
        index[key] = i = list.Count;
        list.Add(key);
        return i;
    }

    private static void Write(NpgsqlConnection conn, RollupBuilder b, Dims dims, Dictionary<(int Day, int Agent), (int P, int Pa, int D)> agentNps)
    {
        using (var w = conn.BeginBinaryImport("COPY agent_nps_daily (day, agent_id, promoters, passives, detractors) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var ((day, agent), (p, pa, d)) in agentNps)
            {
                w.StartRow();
                w.Write(DateOnly.FromDayNumber(day), NpgsqlDbType.Date);
                foreach (var v in new[] { agent, p, pa, d }) w.Write(v, NpgsqlDbType.Integer);
            }
            w.Complete();
        }
        using (var w = conn.BeginBinaryImport("""
                   COPY contact_daily (day, month_total, source, channel, queue, language, agent_id, reason_id, contacts, served, abandoned, phantom,
                       wait_seconds_served, handle_seconds_served, served_within_service_level, fcr_contacts, fcr_pending, fcr_repeated,
                       fcr_resolved, naive_decided, naive_resolved, nps_promoters, nps_passives, nps_detractors) FROM STDIN (FORMAT BINARY)
                   """))
        {
            foreach (var (k, s) in b.Rows)
            {
                var (source, channel, queue, language) = dims.Combos[k.Dim];
                w.StartRow();
                w.Write(DateOnly.FromDayNumber(k.Day), NpgsqlDbType.Date);
                w.Write(k.Month, NpgsqlDbType.Boolean);
                w.Write(source, NpgsqlDbType.Text);
                w.Write(channel, NpgsqlDbType.Text);
                WriteNullable(w, queue);
                WriteNullable(w, language);
                WriteId(w, k.Agent);
                WriteId(w, k.Reason);
                foreach (var v in new[] { s.Contacts, s.Served, s.Abandoned, s.Phantom }) w.Write(v, NpgsqlDbType.Integer);
                w.Write(s.Wait, NpgsqlDbType.Bigint);
                w.Write(s.Handle, NpgsqlDbType.Bigint);
                foreach (var v in new[] { s.WithinSl, s.FcrContacts, s.Pending, s.Repeated, s.Resolved, s.NaiveDecided, s.NaiveResolved,
                                          s.Promoters, s.Passives, s.Detractors })
                    w.Write(v, NpgsqlDbType.Integer);
            }
            w.Complete();
        }
        using (var w = conn.BeginBinaryImport("COPY handle_time_daily (day, month_total, kind, channel, queue, agent_id, reason_id, first_bin, bins) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (k, bins) in b.Bins)
            {
                w.StartRow();
                w.Write(DateOnly.FromDayNumber(k.Day), NpgsqlDbType.Date);
                w.Write(k.Month, NpgsqlDbType.Boolean);
                w.Write(Kinds[k.Kind], NpgsqlDbType.Text);
                WriteNullable(w, k.Kind == 0 ? dims.Channels[k.Value] : null);
                WriteNullable(w, k.Kind == 1 && k.Value >= 0 ? dims.Queues[k.Value] : null);
                WriteId(w, k.Kind == 2 ? k.Value : 0);
                WriteId(w, k.Kind == 3 ? k.Value : 0);
                var (first, run) = HandleTimeBins.Trim(bins);
                w.Write(first, NpgsqlDbType.Integer);
                w.Write(run, NpgsqlDbType.Array | NpgsqlDbType.Integer);
            }
            w.Complete();
        }
        using (var w = conn.BeginBinaryImport("COPY reason_daily (day, reason_id, contacts) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var ((day, reason), n) in b.ReasonDays)
            {
                w.StartRow();
                w.Write(DateOnly.FromDayNumber(day), NpgsqlDbType.Date);
                w.Write(reason, NpgsqlDbType.Integer);
                w.Write(n, NpgsqlDbType.Integer);
            }
            w.Complete();
        }
    }

    /// <summary>Histogram kinds in <see cref="RollupBuilder.BinKey"/> order.</summary>
    public static readonly string[] Kinds = ["channel", "queue", "agent", "reason"];

    private static void WriteNullable(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull(); else w.Write(value, NpgsqlDbType.Text);
    }

    private static void WriteId(NpgsqlBinaryImporter w, int id)
    {
        if (id == 0) w.WriteNull(); else w.Write(id, NpgsqlDbType.Integer);
    }
}
