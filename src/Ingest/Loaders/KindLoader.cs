using Analytics.Ingest.Pipeline;
using Analytics.Ingest.Redaction;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Loaders;

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

    public string StagingDdl =>
        $"CREATE TEMP TABLE stage (line int NOT NULL, raw text NOT NULL, content_hash bigint NOT NULL, {StagingColumns}) ON COMMIT DROP";

    public string CopyCommand =>
        $"COPY stage (line, raw, content_hash, {string.Join(", ", StagingColumns.Split(',').Select(c => c.Trim().Split(' ')[0]))}) FROM STDIN (FORMAT BINARY)";

    public abstract void Bind(CsvRows rows);

    /// <summary>Validates the current row; writes it to the importer (after line/raw/hash) or returns why not.</summary>
    public abstract string? TryStage(CsvRows rows, NpgsqlBinaryImporter importer, string source, Redactor redactor, RedactionCounts counts);

    protected abstract Task<MergeCounts> MergeStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long batchId, string sourceFile, CancellationToken ct);

    public async Task<MergeCounts> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long batchId, string sourceFile, CancellationToken ct)
    {
        // In-file repeats of a key: the last line wins. Each earlier line is judged against the line that replaces it:
        // identical content is a duplicate, different content means the file itself updated the row.
        var (dupSame, dupDifferent) = await SupersedeRepeatsAsync(conn, tx, ct);
        var merged = await MergeStagedAsync(conn, tx, batchId, sourceFile, ct);
        return merged with { Duplicates = merged.Duplicates + dupSame, Updated = merged.Updated + dupDifferent };
    }

    private async Task<(int Same, int Different)> SupersedeRepeatsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var sql = $"""
            WITH ranked AS (
                SELECT line, content_hash, row_number() OVER w AS rn, lag(content_hash) OVER w AS next_hash
                FROM stage WINDOW w AS (PARTITION BY {StagingKey} ORDER BY line DESC)),
            gone AS (
                DELETE FROM stage s USING ranked r WHERE r.rn > 1 AND s.line = r.line
                RETURNING r.content_hash = r.next_hash AS same)
            SELECT count(*) FILTER (WHERE same)::int, count(*) FILTER (WHERE NOT same)::int FROM gone
            """;
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt32(0), r.GetInt32(1));
    }

    /// <summary>Moves staged rows matching <paramref name="where"/> to quarantine with the given reason expression.</summary>
    protected static async Task<int> QuarantineStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long batchId, string sourceFile,
        string where, string reasonSql, CancellationToken ct)
    {
        var sql = $"""
            WITH bad AS (DELETE FROM stage s WHERE {where} RETURNING s.*)
            INSERT INTO quarantined_rows (batch_id, source_file, line_number, raw_text, reason)
            SELECT @batch, @file, line, raw, {reasonSql} FROM bad
            """;
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue("batch", batchId);
        cmd.Parameters.AddWithValue("file", sourceFile);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs an `INSERT … ON CONFLICT … RETURNING (xmax = 0)` and counts inserted vs updated rows.</summary>
    protected static async Task<(int Inserted, int Updated)> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string upsertSql,
        long batchId, CancellationToken ct)
    {
        var sql = $"WITH m AS ({upsertSql} RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int FROM m";
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue("batch", batchId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt32(0), r.GetInt32(1));
    }

    protected static async Task<int> StagedCountAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*)::int FROM stage", conn, tx);
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    protected static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected static void WriteHeader(NpgsqlBinaryImporter importer, CsvRows rows, long hash)
    {
        importer.StartRow();
        importer.Write(rows.LineNumber, NpgsqlDbType.Integer);
        importer.Write(rows.RawText, NpgsqlDbType.Text);
        importer.Write(hash, NpgsqlDbType.Bigint);
    }

    protected static void WriteNullable(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value, NpgsqlDbType.Text);
    }

    protected static void WriteNullable(NpgsqlBinaryImporter importer, int? value)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value.Value, NpgsqlDbType.Integer);
    }

    protected static void WriteNullable(NpgsqlBinaryImporter importer, DateTime? value)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value.Value, NpgsqlDbType.TimestampTz);
    }

    protected static string? RedactOrNull(Redactor redactor, string? text, RedactionCounts counts) =>
        text is null ? null : redactor.Redact(text, counts);
}
