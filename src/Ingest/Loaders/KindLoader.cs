using Analytics.Ingest.Pipeline;
using Analytics.Ingest.Redaction;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Loaders;

/// <summary>Everything a loader needs to know about the batch it is loading.</summary>
public sealed record LoadContext(long BatchId, string SourceFile, string Source, TimeZoneInfo Zone, Redactor Redactor, RedactionCounts Redactions);

/// <summary>What a merge did with the staged rows.</summary>
public readonly record struct MergeCounts(int Loaded, int Updated, int Duplicates, int Quarantined);

/// <summary>
/// One kind of source file: how its rows are validated and staged (binary COPY into a temporary table),
/// and how the staged rows are merged into the real tables in one set-based statement per table.
/// Every staged row carries its line and raw text, so a row refused during the merge (say, an unknown
/// reason code) is quarantined exactly like a row refused during parsing.
/// </summary>
public abstract class KindLoader
{
    public abstract string Kind { get; }
    public abstract string[] RequiredColumns { get; }
    /// <summary>Column list of the staging table after (line, raw, content_hash).</summary>
    protected abstract string StagingColumns { get; }
    /// <summary>The natural key over staging columns; in-file repeats of a key are resolved last-one-wins.</summary>
    protected abstract string StagingKey { get; }

    /// <summary>The staging columns the merge joins or groups on, for ANALYZE; null for all of them.</summary>
    protected virtual string? AnalyzedColumns => null;

    /// <summary>
    /// Whether staged rows carry their raw text: only needed when the merge itself can refuse a row. Loaders that check
    /// everything while parsing (contacts check reason codes against the taxonomy loaded up front) skip it: it halves the COPY.
    /// </summary>
    protected virtual bool StageRaw => true;

    private string StagingDdl =>
        $"CREATE TEMP TABLE stage (line int NOT NULL, {(StageRaw ? "raw text NOT NULL, " : "")}content_hash bigint NOT NULL, {StagingColumns}) ON COMMIT DROP";

    public string CopyCommand =>
        $"COPY stage (line, {(StageRaw ? "raw, " : "")}content_hash, {string.Join(", ", StagingColumns.Split(',').Select(c => c.Trim().Split(' ')[0]))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Reads what validation needs from the database before parsing starts.</summary>
    public virtual Task PrepareAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Chooses, once and before parsing, where the file's rows go (about <paramref name="expectedRows"/> of them; 0 when
    /// the input cannot be measured). By default: the staging table.
    /// </summary>
    public virtual async Task<LoadPlan> PlanAsync(NpgsqlDataSource db, NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx,
        long expectedRows, CancellationToken ct) => await StagedPlanAsync(conn, tx, ct);

    /// <summary>The staging plan, its (temporary) stage created.</summary>
    public async Task<LoadPlan> StagedPlanAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using (var ddl = new NpgsqlCommand(StagingDdl, conn, tx)) await ddl.ExecuteNonQueryAsync(ct);
        return new StagedPlan(this);
    }

    public abstract void Bind(CsvRows rows);

    /// <summary>Validates the current row; writes it to the COPY (after line/raw/hash) or returns why not.</summary>
    public abstract string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx);

    /// <summary>Merges the staged rows (<paramref name="staged"/> of them, in-file repeats already removed).</summary>
    protected abstract Task<MergeCounts> MergeStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, int staged, CancellationToken ct);

    /// <summary>Merges what the COPY wrote into the stage (<paramref name="copied"/> rows, as the importer counted them).</summary>
    public async Task<MergeCounts> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, int copied, CancellationToken ct)
    {
        // A temporary table has no statistics: without them the planner picks nested loops for a million rows. Only the
        // columns the merge joins and groups on are worth sampling (notes and comments made it 0.33 s for 100k contacts).
        await ExecuteAsync(conn, tx, AnalyzedColumns is { } columns ? $"ANALYZE stage ({columns})" : "ANALYZE stage", ctx, ct);
        // In-file repeats of a key: the last line wins. Each earlier line is judged against the line that replaces it:
        // identical content is a duplicate, different content means the file itself updated the row.
        var (dupSame, dupDifferent) = await SupersedeRepeatsAsync(conn, tx, ct);
        var merged = await MergeRetryingAsync(conn, tx, ctx, copied - dupSame - dupDifferent, ct);
        return merged with { Duplicates = merged.Duplicates + dupSame, Updated = merged.Updated + dupDifferent };
    }

    private const int MergeAttempts = 5;

    /// <summary>
    /// A concurrent batch that inserts one of this batch's new keys first makes this merge's insert fail once that batch
    /// commits. The merge is then rolled back to its savepoint (the stage included) and run again: it now sees those rows
    /// as existing, and counts them as duplicates or updates exactly as if the files had come one after the other.
    /// </summary>
    private async Task<MergeCounts> MergeRetryingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, int staged,
        CancellationToken ct)
    {
        const string savepoint = "merge_staged";
        for (var attempt = 1; ; attempt++)
        {
            await tx.SaveAsync(savepoint, ct);
            try
            {
                var merged = await MergeStagedAsync(conn, tx, ctx, staged, ct);
                await tx.ReleaseAsync(savepoint, ct);
                return merged;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MergeAttempts)
            {
                await tx.RollbackAsync(savepoint, ct);
            }
        }
    }

    private async Task<(int Same, int Different)> SupersedeRepeatsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        // Most files repeat no key: a hash aggregate says so far cheaper than sorting for the window below.
        await using (var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM stage GROUP BY {StagingKey} HAVING count(*) > 1)", conn, tx) { CommandTimeout = 0 })
            if (!(bool)(await any.ExecuteScalarAsync(ct))!) return (0, 0);
        var sql = $"""
            WITH ranked AS (
                SELECT line, content_hash, row_number() OVER w AS rn, lag(content_hash) OVER w AS next_hash
                FROM stage WINDOW w AS (PARTITION BY {StagingKey} ORDER BY line DESC)),
            gone AS (
                DELETE FROM stage s USING ranked r WHERE r.rn > 1 AND s.line = r.line
                RETURNING r.content_hash = r.next_hash AS same)
            SELECT count(*) FILTER (WHERE same)::int, count(*) FILTER (WHERE NOT same)::int FROM gone
            """;
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt32(0), r.GetInt32(1));
    }

    /// <summary>Moves staged rows matching <paramref name="where"/> to quarantine with the given reason expression.</summary>
    protected static async Task<int> QuarantineStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx,
        string where, string reasonSql, CancellationToken ct)
    {
        var sql = $"""
            WITH bad AS (DELETE FROM stage s WHERE {where} RETURNING s.*)
            INSERT INTO quarantined_rows (batch_id, source_file, line_number, raw_text, reason)
            SELECT @batch, @file, line, raw, {reasonSql} FROM bad
            """;
        await using var cmd = Command(sql, conn, tx, ctx);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs an `INSERT … ON CONFLICT … RETURNING (xmax = 0)` and counts inserted vs updated rows.</summary>
    protected static async Task<(int Inserted, int Updated)> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string upsertSql,
        LoadContext ctx, CancellationToken ct)
    {
        var sql = $"WITH m AS ({upsertSql} RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int FROM m";
        return await CountsAsync(conn, tx, sql, ctx, ct);
    }

    /// <summary>Runs a statement that answers one row of two int counts.</summary>
    protected static async Task<(int, int)> CountsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, LoadContext ctx, CancellationToken ct)
    {
        await using var cmd = Command(sql, conn, tx, ctx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt32(0), r.GetInt32(1));
    }

    protected static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, LoadContext ctx, CancellationToken ct)
    {
        await using var cmd = Command(sql, conn, tx, ctx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected internal static async Task<int> ExecuteCountAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, LoadContext ctx, CancellationToken ct)
    {
        await using var cmd = Command(sql, conn, tx, ctx);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every merge statement may use @batch, @file and @source.</summary>
    private static NpgsqlCommand Command(string sql, NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx)
    {
        // Merges of millions of rows outlast the default 30 s; cancellation still works through the token.
        var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        if (sql.Contains("@batch", StringComparison.Ordinal)) cmd.Parameters.AddWithValue("batch", ctx.BatchId);
        if (sql.Contains("@file", StringComparison.Ordinal)) cmd.Parameters.AddWithValue("file", ctx.SourceFile);
        if (sql.Contains("@source", StringComparison.Ordinal)) cmd.Parameters.AddWithValue("source", ctx.Source);
        return cmd;
    }

    protected void WriteHeader(CopyRows importer, CsvRows rows, long hash)
    {
        importer.StartRow();
        importer.Write(rows.LineNumber, NpgsqlDbType.Integer);
        if (StageRaw) importer.Write(rows.RawText, NpgsqlDbType.Text);
        importer.Write(hash, NpgsqlDbType.Bigint);
    }

    protected internal static void WriteNullable(CopyRows importer, string? value)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value, NpgsqlDbType.Text);
    }

    protected internal static void WriteNullable(CopyRows importer, int? value)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value.Value, NpgsqlDbType.Integer);
    }

    protected internal static void WriteNullable(CopyRows importer, DateTime? value)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value.Value, NpgsqlDbType.TimestampTz);
    }

    protected static string? RedactOrNull(LoadContext ctx, string? text) =>
        text is null ? null : ctx.Redactor.Redact(text, ctx.Redactions);
}
