using Analytics.Agents;
using Analytics.Time;
using Npgsql;

namespace Analytics.Privacy;

/// <summary>What one retention run did (or, dry, would do), per kind of data.</summary>
public sealed record RetentionResult(IReadOnlyList<(string Kind, long Count)> Counts, bool DryRun)
{
    public long this[string kind] => Counts.FirstOrDefault(c => c.Kind == kind).Count;
    public string AsQuery() => string.Join('&', Counts.Select(c => $"{c.Kind}={c.Count}"));
}

/// <summary>
/// The nightly retention job: removes or anonymises each kind of personal data once it is older than configured, in one
/// transaction, and writes one audit row with the counts. A dry run does all of it and rolls back, so its counts are
/// exactly what a real run would do. Rows are anonymised rather than deleted wherever figures are built from them: the
/// survey cube and insight rollups are rebuilt whole from contacts and responses, so a deleted contact would also
/// disappear from last year's FCR (docs/decisions/023-retention-and-erasure.md).
/// </summary>
public sealed class Retention(NpgsqlDataSource db, RetentionOptions options, TimeProvider clock)
{
    public static readonly string[] Kinds =
        ["agents", "transcripts", "contacts", "survey-comments", "quarantine-raw", "reports", "audit-log"];

    public Task RunNightlyAsync(CancellationToken ct) => RunAsync(dryRun: false, "retention", ct);

    public async Task<RetentionResult> RunAsync(bool dryRun, string actor, CancellationToken ct)
    {
        var today = Amsterdam.Today(clock);
        DateTime? Cutoff(int days) => days <= 0 ? null : Amsterdam.StartOfDayUtc(today.AddDays(-days));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var step = new Step(conn);
        await step.ExecAsync("CREATE TEMP TABLE retention_reindex (contact_id bigint PRIMARY KEY) ON COMMIT DROP", ct);
        var counts = new List<(string, long)>
        {
            ("agents", options.AgentPseudonymiseAfterDays <= 0 ? 0
                : await PseudonymiseAgentsAsync(conn, step, today.AddDays(-options.AgentPseudonymiseAfterDays), ct)),
            ("transcripts", Cutoff(options.TranscriptsDays) is { } t ? await step.CountAsync("""
                WITH d AS (DELETE FROM transcript_turns tt USING contacts c
                           WHERE c.id = tt.contact_id AND c.started_utc < @cutoff RETURNING tt.contact_id)
                INSERT INTO retention_reindex SELECT DISTINCT contact_id FROM d ON CONFLICT DO NOTHING
                """, t, ct) : 0),
            ("contacts", Cutoff(options.ContactsDays) is { } c ? await AnonymiseContactsAsync(step, c, ct) : 0),
            ("survey-comments", Cutoff(options.SurveyCommentsDays) is { } s ? await step.CountAsync(
                "UPDATE survey_responses SET comment = NULL WHERE responded_utc < @cutoff AND comment IS NOT NULL", s,
                ct) : 0),
            ("quarantine-raw", Cutoff(options.QuarantineRawDays) is { } q ? await step.CountAsync("""
                UPDATE quarantined_rows qr SET raw_text = '' FROM ingest_batches b
                WHERE b.id = qr.batch_id AND b.started_utc < @cutoff AND qr.raw_text <> ''
                """, q, ct) : 0),
        };
        var files = new List<string>();
        if (Cutoff(options.ReportsDays) is { } r)
        {
            await using var cmd = step.Command("DELETE FROM report_runs WHERE created_utc < @cutoff RETURNING path", r);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) files.Add(reader.GetString(0));
        }
        counts.Add(("reports", files.Count));
        // The one way rows leave the audit log: a function that the append-only trigger lets through for rows older
        // than a year, and that writes its own audit row with the count.
        counts.Add(("audit-log", Cutoff(options.AuditLogDays) is { } a
            ? await step.CountAsync("SELECT audit_log_prune(@cutoff)", a, ct, scalar: true) : 0));

        // Search documents hold the notes and transcripts that were just removed: rebuild them from what is left.
        await step.ExecAsync($"""
            INSERT INTO contact_search (contact_id, vector)
            SELECT c.id, {Search.SearchIndexer.DocumentSql}
            FROM contacts c JOIN retention_reindex r ON r.contact_id = c.id
            ON CONFLICT (contact_id) DO UPDATE SET vector = excluded.vector
            """, ct);
        var result = new RetentionResult(counts, dryRun);
        await using (var audit = step.Command("""
            INSERT INTO audit_log (at_utc, role, method, path, query, status)
            VALUES (now(), @actor, 'JOB', 'retention', @query, 200)
            """, null))
        {
            audit.Parameters.AddWithValue("actor", actor);
            audit.Parameters.AddWithValue("query", result.AsQuery());
            await audit.ExecuteNonQueryAsync(ct);
        }
        if (dryRun)
        {
            await tx.RollbackAsync(ct);
            return result;
        }
        await tx.CommitAsync(ct);
        foreach (var f in files.Where(File.Exists)) File.Delete(f);
        return result;
    }

    /// <summary>
    /// Notes go and the customer link is cut: each customer's old contacts and responses move to a fresh random
    /// stand-in, so repeat chains among them (and so FCR) stay as they were, but nothing links them to the key.
    /// </summary>
    private static async Task<long> AnonymiseContactsAsync(Step step, DateTime cutoff, CancellationToken ct)
    {
        await step.CountAsync("""
            CREATE TEMP TABLE retention_customers ON COMMIT DROP AS
            SELECT DISTINCT c.customer_id AS old_id, 'anon:' || gen_random_uuid() AS key
            FROM contacts c JOIN customers cu ON cu.id = c.customer_id
            WHERE c.started_utc < @cutoff AND cu.key NOT LIKE 'anon:%'
            """, cutoff, ct);
        return await step.CountAsync("""
            CREATE TEMP TABLE retention_contacts ON COMMIT DROP AS SELECT 0::bigint AS id WHERE false;
            INSERT INTO customers (key) SELECT key FROM retention_customers;
            WITH moved AS (
                UPDATE contacts c SET customer_id = n.id, notes = NULL
                FROM retention_customers a JOIN customers n ON n.key = a.key
                WHERE c.customer_id = a.old_id AND c.started_utc < @cutoff RETURNING c.id)
            INSERT INTO retention_contacts SELECT id FROM moved;
            WITH blanked AS (
                UPDATE contacts SET notes = NULL WHERE started_utc < @cutoff AND notes IS NOT NULL RETURNING id)
            INSERT INTO retention_contacts SELECT id FROM blanked;
            UPDATE survey_responses s SET customer_id = n.id
            FROM retention_customers a JOIN customers n ON n.key = a.key
            WHERE s.customer_id = a.old_id AND s.responded_utc < @cutoff;
            DELETE FROM customers cu USING retention_customers a WHERE cu.id = a.old_id
              AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.customer_id = cu.id)
              AND NOT EXISTS (SELECT 1 FROM survey_responses s WHERE s.customer_id = cu.id);
            INSERT INTO retention_reindex SELECT DISTINCT id FROM retention_contacts ON CONFLICT DO NOTHING;
            SELECT count(DISTINCT id) FROM retention_contacts;
            """, cutoff, ct, scalar: true);
    }

    /// <summary>
    /// Agents who left long enough ago: the name becomes a stable code, and the words of their name in their own
    /// contacts' notes, transcripts and survey comments become that code too. Their contacts and responses keep their
    /// agent and team, so team figures do not change.
    /// </summary>
    private static async Task<long> PseudonymiseAgentsAsync(NpgsqlConnection conn, Step step, DateOnly leftBy,
        CancellationToken ct)
    {
        var due = new List<(int Id, string Code, string Name)>();
        await using (var cmd = step.Command(
            "SELECT id, code, name FROM agents WHERE left_on <= @day AND pseudonymised_utc IS NULL", null))
        {
            cmd.Parameters.AddWithValue("day", leftBy);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) due.Add((r.GetInt32(0), r.GetString(1), r.GetString(2)));
        }
        if (due.Count == 0) return 0;
        var pseudonyms = await Pseudonyms.LoadAsync(conn, ct);
        foreach (var (id, code, name) in due)
        {
            var code2 = pseudonyms.Agent(code);
            var words = NameWords.Of(name).ToList();
            // Whole words, case-sensitive as names are written; PostgreSQL's \m and \M are its word boundaries.
            var pattern = words.Count == 0 ? null : @"\m(" + string.Join('|', words) + @")\M";
            await using var cmd = step.Command("""
                UPDATE agents SET name = @pseudonym, pseudonymised_utc = now() WHERE id = @id;
                UPDATE contacts SET notes = regexp_replace(notes, @pattern, @pseudonym, 'g')
                WHERE agent_id = @id AND @pattern IS NOT NULL AND notes ~ @pattern;
                UPDATE transcript_turns t SET text = regexp_replace(t.text, @pattern, @pseudonym, 'g') FROM contacts c
                WHERE c.id = t.contact_id AND c.agent_id = @id AND @pattern IS NOT NULL AND t.text ~ @pattern;
                UPDATE survey_responses SET comment = regexp_replace(comment, @pattern, @pseudonym, 'g')
                WHERE agent_id = @id AND @pattern IS NOT NULL AND comment ~ @pattern;
                INSERT INTO retention_reindex SELECT id FROM contacts WHERE agent_id = @id ON CONFLICT DO NOTHING;
                """, null);
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("pseudonym", code2);
            cmd.Parameters.Add(new NpgsqlParameter<string?>("pattern", pattern));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return due.Count;
    }

    /// <summary>Commands of one run, on its connection and transaction, with an optional @cutoff.</summary>
    private sealed class Step(NpgsqlConnection conn)
    {
        public NpgsqlCommand Command(string sql, DateTime? cutoff)
        {
            var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            if (cutoff is { } c) cmd.Parameters.AddWithValue("cutoff", c);
            return cmd;
        }

        public async Task ExecAsync(string sql, CancellationToken ct)
        {
            await using var cmd = Command(sql, null);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public async Task<long> CountAsync(string sql, DateTime cutoff, CancellationToken ct, bool scalar = false)
        {
            await using var cmd = Command(sql, cutoff);
            return scalar ? (long)(await cmd.ExecuteScalarAsync(ct))! : await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
