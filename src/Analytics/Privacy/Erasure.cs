using System.Text.RegularExpressions;
using Analytics.Insights.Rollups;
using Analytics.Metrics;
using Npgsql;

namespace Analytics.Privacy;

/// <summary>What an erasure removed, per kind; all zero for a key nobody holds (erasure is idempotent).</summary>
public sealed record ErasureResult(string CustomerHash, long Customers, long Contacts, long Transcripts, long Surveys,
    long SearchDocuments, long QuarantineRows)
{
    public string AsQuery() =>
        $"customer={CustomerHash}&customers={Customers}&contacts={Contacts}&transcripts={Transcripts}" +
        $"&surveys={Surveys}&search={SearchDocuments}&quarantine={QuarantineRows}";
}

/// <summary>Who asked for an erasure, for its audit row.</summary>
public sealed record ErasureActor(string Role, int? ApiKeyId, string Method, string Path);

/// <summary>
/// Erasure of one customer (AVG art. 17): their contacts (with transcripts, search documents, predictions), their
/// survey responses and the quarantined lines that name their key are removed in one transaction, audited with a
/// keyed hash of the key instead of the key; then the survey cube and insight rollups are rebuilt so no figure still
/// counts them.
/// </summary>
public sealed partial class Erasure(NpgsqlDataSource db, SurveyCube cube, InsightRollups rollups)
{
    public async Task<ErasureResult> EraseAsync(string customerKey, ErasureActor actor, CancellationToken ct)
    {
        ErasureResult result;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var hash = (await Pseudonyms.LoadAsync(conn, ct)).Customer(customerKey);
            await using var cmd = new NpgsqlCommand("""
                CREATE TEMP TABLE erase_customers ON COMMIT DROP AS SELECT id FROM customers WHERE key = @key;
                CREATE TEMP TABLE erase_contacts ON COMMIT DROP AS
                    SELECT c.id FROM contacts c JOIN erase_customers e ON e.id = c.customer_id;
                SELECT (SELECT count(*) FROM erase_customers),
                       (SELECT count(*) FROM erase_contacts),
                       (SELECT count(DISTINCT t.contact_id) FROM transcript_turns t
                        JOIN erase_contacts e ON e.id = t.contact_id),
                       (SELECT count(*) FROM contact_search s JOIN erase_contacts e ON e.id = s.contact_id);
                """, conn) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue("key", customerKey);
            long customers, contacts, transcripts, search;
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                await r.ReadAsync(ct);
                (customers, contacts, transcripts, search) =
                    (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
            }
            // Responses go before their contacts: deleting a contact would only unlink its responses (SET NULL).
            var surveys = await ExecAsync(conn, """
                DELETE FROM survey_responses s WHERE s.customer_id IN (SELECT id FROM erase_customers)
                   OR s.contact_id IN (SELECT id FROM erase_contacts)
                """, null, ct);
            await ExecAsync(conn, """
                DELETE FROM contacts WHERE id IN (SELECT id FROM erase_contacts);
                DELETE FROM customers WHERE id IN (SELECT id FROM erase_customers);
                """, null, ct);
            // A quarantined line is raw text: the key as a whole word in it is the customer's line (or names them).
            var quarantine = await ExecAsync(conn,
                "UPDATE quarantined_rows SET raw_text = '' WHERE raw_text <> '' AND raw_text ~ @pattern",
                @"(^|[^[:alnum:]])" + PgEscape(customerKey) + @"($|[^[:alnum:]])", ct);
            result = new ErasureResult(hash, customers, contacts, transcripts, surveys, search, quarantine);
            await using (var audit = new NpgsqlCommand("""
                INSERT INTO audit_log (at_utc, api_key_id, role, method, path, query, status)
                VALUES (now(), @key_id, @role, @method, @path, @query, 200)
                """, conn))
            {
                audit.Parameters.Add(new NpgsqlParameter<int?>("key_id", actor.ApiKeyId));
                audit.Parameters.AddWithValue("role", actor.Role);
                audit.Parameters.AddWithValue("method", actor.Method);
                audit.Parameters.AddWithValue("path", actor.Path);
                audit.Parameters.AddWithValue("query", result.AsQuery());
                await audit.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        // The aggregates are rebuilt from the rows that are left: figures no longer count the erased customer.
        if (result.Contacts + result.Surveys > 0)
        {
            await cube.RefreshAsync(ct);
            await rollups.RefreshAsync(ct);
        }
        return result;
    }

    private static async Task<long> ExecAsync(NpgsqlConnection conn, string sql, string? pattern, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        if (pattern is not null) cmd.Parameters.AddWithValue("pattern", pattern);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The key as a literal in a PostgreSQL regular expression.</summary>
    private static string PgEscape(string key) => Special().Replace(key, @"\$0");

    [GeneratedRegex(@"[^\p{L}\p{N}]")]
    private static partial Regex Special();
}
