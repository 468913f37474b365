using Npgsql;

namespace Analytics.Contacts;

/// <summary>
/// Gives contacts and surveys loaded before languages were detected (or loaded by an older version) the language their
/// notes and comments are written in. Ingest does this for every new row; this is the one-off for the history, run by
/// `./analytics detect-languages`. Rows whose text gives no evidence stay null and are looked at again on the next run.
/// </summary>
public sealed class LanguageBackfill(NpgsqlDataSource db)
{
    private const int Chunk = 50_000;

    public sealed record Result(int ContactsRead, int ContactsSet, int SurveysFromContacts, int SurveysRead, int SurveysSet);

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var (contactsRead, contactsSet) = await DetectAsync("contacts", "notes", ct);
        // Surveys follow their contact's language, as the ingest merge does.
        await using var follow = db.CreateCommand("""
            UPDATE survey_responses s SET language = c.language FROM contacts c
            WHERE s.contact_id = c.id AND c.language IS NOT NULL AND s.language IS DISTINCT FROM c.language
            """);
        follow.CommandTimeout = 0;
        var followed = await follow.ExecuteNonQueryAsync(ct);
        // Those whose contact has none (or is unknown) speak for themselves through their comment.
        var (surveysRead, surveysSet) = await DetectAsync("survey_responses", "comment", ct);
        return new Result(contactsRead, contactsSet, followed, surveysRead, surveysSet);
    }

    // Keyset chunks by id: each is one read and one UPDATE … FROM unnest, so memory holds one chunk of text at a time.
    private async Task<(int Read, int Set)> DetectAsync(string table, string column, CancellationToken ct)
    {
        int read = 0, set = 0;
        long after = 0;
        while (true)
        {
            var ids = new List<long>(Chunk);
            var languages = new List<string>(Chunk);
            var last = after;
            await using (var cmd = db.CreateCommand($"""
                SELECT id, {column} FROM {table} WHERE language IS NULL AND {column} IS NOT NULL AND id > @after ORDER BY id LIMIT {Chunk}
                """))
            {
                cmd.Parameters.AddWithValue("after", after);
                cmd.CommandTimeout = 0;
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    last = r.GetInt64(0);
                    read++;
                    if (Languages.Detect(r.GetString(1)) is { } language) { ids.Add(last); languages.Add(language); }
                }
            }
            if (last == after) return (read, set);
            after = last;
            if (ids.Count == 0) continue;
            await using var update = db.CreateCommand($"UPDATE {table} t SET language = u.language FROM unnest(@ids, @languages) u(id, language) WHERE t.id = u.id");
            update.Parameters.AddWithValue("ids", ids.ToArray());
            update.Parameters.AddWithValue("languages", languages.ToArray());
            update.CommandTimeout = 0;
            set += await update.ExecuteNonQueryAsync(ct);
        }
    }
}
