using Analytics.Search;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Redaction;

/// <summary>What one re-redaction did: rows read and changed per table, spans redacted per kind, search documents rebuilt.</summary>
public sealed record StoredTextResult(IReadOnlyList<(string Table, long Read, long Changed)> Tables, RedactionCounts Counts,
    int SearchDocuments)
{
    public long Changed => Tables.Sum(t => t.Changed);

    public override string ToString() =>
        string.Join("; ", Tables.Select(t => $"{t.Table}: {t.Read:N0} read, {t.Changed:N0} changed"))
        + $"; redacted {Counts}; {SearchDocuments:N0} search documents rebuilt";
}

/// <summary>
/// Runs today's redactor over free text stored before it (contact notes, transcript turns, survey comments), in
/// batches of keys, and rebuilds the search documents of the contacts whose text changed. Text that is already
/// redacted comes back unchanged, so a second run changes nothing.
/// </summary>
public sealed class StoredTextRedaction(NpgsqlDataSource db, SearchIndexer search)
{
    /// <summary>A table with free text, walked by its primary key (<c>a</c>, or <c>a, b</c>).</summary>
    private sealed record Table(string Name, string A, string? B, string Column, string? Contact);

    private static readonly Table[] Tables =
    [
        new("contacts", "id", null, "notes", "id"),
        new("transcript_turns", "contact_id", "seq", "text", "contact_id"),
        new("survey_responses", "id", null, "comment", null),
    ];

    public async Task<StoredTextResult> RunAsync(int batchSize, CancellationToken ct, IProgress<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var redactor = await AgentRedactorAsync(ct);
        var counts = new RedactionCounts();
        var touched = new HashSet<long>();
        var results = new List<(string, long, long)>();
        foreach (var table in Tables)
        {
            long read = 0, changed = 0;
            var after = (A: long.MinValue, B: int.MinValue);
            while (true)
            {
                var page = await ReadAsync(table, after, batchSize, ct);
                if (page.Count == 0) break;
                read += page.Count;
                after = page.Last;
                var changes = new List<Row>();
                foreach (var row in page.Rows)
                {
                    var redacted = redactor.Redact(row.Text, counts);
                    if (ReferenceEquals(redacted, row.Text)) continue;
                    changes.Add(row with { Text = redacted });
                    if (row.Contact is { } c) touched.Add(c);
                }
                changed += await WriteAsync(table, changes, ct);
                progress?.Report($"{table.Name}: {read:N0} read, {changed:N0} changed");
            }
            results.Add((table.Name, read, changed));
        }
        var documents = 0;
        foreach (var chunk in touched.Chunk(10_000)) documents += await search.IndexContactsAsync(chunk, ct);
        return new StoredTextResult(results, counts, documents);
    }

    private async Task<Redactor> AgentRedactorAsync(CancellationToken ct)
    {
        var names = new List<string>();
        await using var cmd = db.CreateCommand("SELECT name FROM agents WHERE name IS NOT NULL");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) names.Add(r.GetString(0));
        return Redactor.ForAgents(names);
    }

    private sealed record Row(long A, int B, long? Contact, string Text);

    private sealed record Page(List<Row> Rows, int Count, (long A, int B) Last);

    private async Task<Page> ReadAsync(Table t, (long A, int B) after, int limit, CancellationToken ct)
    {
        // Keyset pages: each batch is one range scan of the primary key, however far into the table it is.
        var key = t.B is null ? t.A : $"{t.A}, {t.B}";
        var from = t.B is null ? "@a" : "@a, @b";
        await using var cmd = db.CreateCommand($"""
            SELECT {t.A}, {t.B ?? "0"}, {t.Contact ?? "NULL::bigint"}, {t.Column} FROM {t.Name}
            WHERE ({key}) > ({from}) ORDER BY {key} LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("a", after.A);
        if (t.B is not null) cmd.Parameters.AddWithValue("b", after.B);
        cmd.Parameters.AddWithValue("limit", limit);
        var rows = new List<Row>(limit);
        var count = 0;
        var last = after;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            count++;
            last = (r.GetInt64(0), r.GetInt32(1));
            if (!r.IsDBNull(3)) rows.Add(new Row(last.A, last.B, r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3)));
        }
        return new Page(rows, count, last);
    }

    private async Task<int> WriteAsync(Table t, List<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var match = t.B is null ? $"x.{t.A} = u.a" : $"(x.{t.A}, x.{t.B}) = (u.a, u.b)";
        await using var cmd = db.CreateCommand($"""
            UPDATE {t.Name} x SET {t.Column} = u.text
            FROM unnest(@a, @b, @texts) AS u(a, b, text) WHERE {match}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("a", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. rows.Select(r => r.A)] });
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("b", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. rows.Select(r => r.B)] });
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("texts", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(r => r.Text)] });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
