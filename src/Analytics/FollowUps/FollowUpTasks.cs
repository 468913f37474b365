using System.Runtime.CompilerServices;
using Analytics.Insights.Calendar;
using Analytics.Time;
using Npgsql;

namespace Analytics.FollowUps;

/// <summary>Per team: tasks due in the period, how many were closed by their due day, and what is still open.</summary>
public sealed record FollowUpTeamFigures(string Team, int Tasks, int Closed, int ClosedInTime, double? ShareClosedInTime, int Open,
    int Overdue);

/// <summary>Closed tasks whose cause lay with a department: what the floor told sales, billing and product.</summary>
public sealed record FollowUpDepartmentFigures(string Department, int Tasks);

public sealed record FollowUpSummary(DateOnly From, DateOnly To, DateOnly Today, IReadOnlyList<FollowUpTeamFigures> Teams,
    IReadOnlyList<FollowUpDepartmentFigures> Departments, IReadOnlyDictionary<string, int> ClosureCodes);

/// <summary>
/// Turns detractors and repeat callers into tasks. Runs after every batch over what the batch touched; the task's
/// source key makes a second run a no-op, and a task created before its contact arrived is routed once it does.
/// </summary>
public sealed class FollowUpTasks(NpgsqlDataSource db, DutchCalendar calendar, FollowUpOptions options, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO follow_up_tasks (kind, source_key, contact_id, survey_response_id, agent_code, team_code, assignee, reason,
                                     comment, created_utc, due_date)
        VALUES (@kind, @key, @contact, @survey, @agent, @team, @assignee, @reason, @comment, @now, @due)
        ON CONFLICT (source_key) DO UPDATE SET contact_id = EXCLUDED.contact_id, agent_code = EXCLUDED.agent_code,
            team_code = EXCLUDED.team_code, assignee = EXCLUDED.assignee
        WHERE follow_up_tasks.contact_id IS NULL AND EXCLUDED.contact_id IS NOT NULL AND follow_up_tasks.closed_utc IS NULL
        """;

    /// <summary>
    /// No time limit for the two reads: they run in the background after a batch, and a first load of a centre's
    /// history reads millions of rows (the data source's 30 s ended a 10M-contact load's follow-up).
    /// </summary>
    private const int BackgroundReadTimeoutSeconds = 0;

    private sealed record Candidate(string Kind, string Key, long? Contact, long? Survey, string? Agent, string? Team, string Reason,
        string? Comment, DateOnly Due);

    /// <summary>Commands per round trip when writing tasks: a backfill of millions of contacts writes in chunks.</summary>
    internal int ChunkSize { get; init; } = 2_000;

    /// <summary>Creates (or routes) the tasks a batch gives rise to; returns the rows written.</summary>
    public async Task<int> CreateForBatchAsync(long batchId, CancellationToken ct = default)
    {
        // Streamed and written in chunks: a first load of a centre's history (10M contacts, millions of detractors)
        // must not hold every candidate in memory or send them in one command.
        var now = clock.GetUtcNow().UtcDateTime;
        var written = 0;
        var chunk = new List<Candidate>(ChunkSize);
        async Task FlushAsync()
        {
            if (chunk.Count > 0) written += await WriteAsync(chunk, now, ct);
            chunk.Clear();
        }
        foreach (var source in new[] { DetractorsAsync(batchId, ct), RepeatCallersAsync(batchId, ct) })
            await foreach (var c in source)
            {
                chunk.Add(c);
                if (chunk.Count == ChunkSize) await FlushAsync();
            }
        await FlushAsync();
        return written;
    }

    private async Task<int> WriteAsync(List<Candidate> candidates, DateTime now, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        foreach (var c in candidates)
        {
            var cmd = new NpgsqlBatchCommand(Insert);
            cmd.Parameters.AddWithValue("kind", c.Kind);
            cmd.Parameters.AddWithValue("key", c.Key);
            cmd.Parameters.AddWithValue("contact", (object?)c.Contact ?? DBNull.Value);
            cmd.Parameters.AddWithValue("survey", (object?)c.Survey ?? DBNull.Value);
            cmd.Parameters.AddWithValue("agent", (object?)c.Agent ?? DBNull.Value);
            cmd.Parameters.AddWithValue("team", (object?)c.Team ?? DBNull.Value);
            cmd.Parameters.AddWithValue("assignee", options.AssigneeFor(c.Team));
            cmd.Parameters.AddWithValue("reason", c.Reason);
            cmd.Parameters.AddWithValue("comment", (object?)c.Comment ?? DBNull.Value);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("due", c.Due);
            batch.BatchCommands.Add(cmd);
        }
        return await batch.ExecuteNonQueryAsync(ct);
    }

    private DateOnly Due(DateTime utc) => calendar.AddWorkingDays(DateOnly.FromDateTime(Amsterdam.ToLocal(utc)), options.DueWorkingDays);

    /// <summary>Responses of the batch, or responses on contacts of the batch, at or below the detractor score.</summary>
    private async IAsyncEnumerable<Candidate> DetractorsAsync(long batchId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT s.id, s.type, s.score, s.comment, s.responded_utc, c.id, a.code, t.code
            FROM survey_responses s
            LEFT JOIN contacts c ON c.id = s.contact_id
            LEFT JOIN agents a ON a.id = c.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            WHERE (s.batch_id = @b OR s.contact_id IN (SELECT id FROM contacts WHERE batch_id = @b))
              AND s.score <= CASE s.type WHEN 'nps' THEN @nps WHEN 'ces' THEN @ces ELSE @csat END
            """);
        cmd.Parameters.AddWithValue("b", batchId);
        cmd.Parameters.AddWithValue("nps", options.NpsDetractorMax);
        cmd.Parameters.AddWithValue("ces", options.CesDetractorMax);
        cmd.Parameters.AddWithValue("csat", options.CsatDetractorMax);
        cmd.CommandTimeout = BackgroundReadTimeoutSeconds;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var type = r.GetString(1);
            yield return new Candidate(TaskKinds.Detractor, "survey:" + r.GetInt64(0), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetInt64(0),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
                $"{type.ToUpperInvariant()} {r.GetInt32(2)} (detractor: {options.DetractorMax(type)} or lower)",
                r.IsDBNull(3) ? null : r.GetString(3), Due(r.GetDateTime(4)));
        }
    }

    /// <summary>
    /// Every contact that is a customer's Nth (the threshold) within the window of working days, over all contacts of
    /// the customers the batch touched: a contact loaded late can make an earlier-loaded one the Nth.
    /// </summary>
    private async IAsyncEnumerable<Candidate> RepeatCallersAsync(long batchId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT c.customer_id, c.id, c.started_utc, a.code, t.code
            FROM contacts c
            LEFT JOIN agents a ON a.id = c.agent_id
            LEFT JOIN teams t ON t.id = a.team_id
            WHERE c.customer_id IN (SELECT customer_id FROM contacts WHERE batch_id = @b AND customer_id IS NOT NULL)
            ORDER BY c.customer_id, c.started_utc, c.id
            """);
        cmd.Parameters.AddWithValue("b", batchId);
        cmd.CommandTimeout = BackgroundReadTimeoutSeconds;
        // Rows arrive ordered by customer: one customer's contacts are held at a time, not the batch's.
        var contacts = new List<CallerContact>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var customer = r.GetInt64(0);
            if (contacts.Count > 0 && contacts[0].Customer != customer)
            {
                foreach (var c in RepeatsOf(contacts)) yield return c;
                contacts.Clear();
            }
            contacts.Add(new CallerContact(customer, r.GetInt64(1), DateOnly.FromDateTime(Amsterdam.ToLocal(r.GetDateTime(2))),
                r.GetDateTime(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        }
        foreach (var c in RepeatsOf(contacts)) yield return c;
    }

    private sealed record CallerContact(long Customer, long Id, DateOnly Day, DateTime Utc, string? Agent, string? Team);

    /// <summary>One customer's contacts in time order: each that is exactly the threshold's within the window.</summary>
    private IEnumerable<Candidate> RepeatsOf(List<CallerContact> contacts)
    {
        for (var i = options.RepeatThreshold - 1; i < contacts.Count; i++)
        {
            var c = contacts[i];
            var within = contacts.Take(i + 1).Count(p => calendar.AddWorkingDays(p.Day, options.RepeatWindowWorkingDays) >= c.Day);
            if (within != options.RepeatThreshold) continue;
            yield return new Candidate(TaskKinds.RepeatCaller, "repeat:" + c.Id, c.Id, null, c.Agent, c.Team,
                $"contact {within} of this customer within {options.RepeatWindowWorkingDays} working days", null, Due(c.Utc));
        }
    }

    /// <summary>Tasks due in the period, per team (null teams: only these), with departments and closure codes.</summary>
    public async Task<FollowUpSummary> SummaryAsync(Period period, IReadOnlySet<string>? teams, CancellationToken ct = default)
    {
        var today = Amsterdam.Today(clock);
        const string Where = "due_date BETWEEN @from AND @to AND (@all OR team_code = ANY(@teams))";
        await using var cmd = db.CreateCommand($"""
            SELECT coalesce(team_code, ''), count(*), count(closed_utc),
                   count(*) FILTER (WHERE (closed_utc AT TIME ZONE 'Europe/Amsterdam')::date <= due_date),
                   count(*) FILTER (WHERE closed_utc IS NULL),
                   count(*) FILTER (WHERE closed_utc IS NULL AND due_date < @today)
            FROM follow_up_tasks WHERE {Where} GROUP BY 1 ORDER BY 1;
            SELECT department, count(*) FROM follow_up_tasks WHERE {Where} AND department IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1;
            SELECT closure_code, count(*) FROM follow_up_tasks WHERE {Where} AND closure_code IS NOT NULL GROUP BY 1 ORDER BY 1
            """);
        cmd.Parameters.AddWithValue("from", period.From);
        cmd.Parameters.AddWithValue("to", period.To);
        cmd.Parameters.AddWithValue("today", today);
        cmd.Parameters.AddWithValue("all", teams is null);
        cmd.Parameters.AddWithValue("teams", teams?.ToArray() ?? []);
        var perTeam = new List<FollowUpTeamFigures>();
        var departments = new List<FollowUpDepartmentFigures>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            int tasks = (int)r.GetInt64(1), inTime = (int)r.GetInt64(3);
            perTeam.Add(new FollowUpTeamFigures(r.GetString(0), tasks, (int)r.GetInt64(2), inTime, 100.0 * inTime / tasks,
                (int)r.GetInt64(4), (int)r.GetInt64(5)));
        }
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct)) departments.Add(new FollowUpDepartmentFigures(r.GetString(0), (int)r.GetInt64(1)));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct)) codes[r.GetString(0)] = (int)r.GetInt64(1);
        return new FollowUpSummary(period.From, period.To, today, perTeam, departments, codes);
    }
}
