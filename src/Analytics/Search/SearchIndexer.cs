using Npgsql;

namespace Analytics.Search;

/// <summary>Builds the search documents of the contacts a batch touched (notes, transcript turns).</summary>
public sealed class SearchIndexer(NpgsqlDataSource db)
{
    // A contact whose language is known is stemmed in that language only; one without gets Dutch and English stems in
    // one vector. Queries are stemmed both ways, so either finds it. Stemming is most of what indexing costs: one language
    // instead of two takes 42% less time (100k notes: 1.4 s against 2.4 s).
    internal const string DocumentSql = """
        CASE c.language
            WHEN 'nl' THEN to_tsvector('dutch', coalesce(c.notes, ''))
            WHEN 'en' THEN to_tsvector('english', coalesce(c.notes, ''))
            ELSE setweight(to_tsvector('dutch', coalesce(c.notes, '')), 'A') || setweight(to_tsvector('english', coalesce(c.notes, '')), 'B')
        END
        || coalesce((SELECT to_tsvector(CASE c.language WHEN 'en' THEN 'english' ELSE 'dutch' END::regconfig, string_agg(t.text, ' '))
                     FROM transcript_turns t WHERE t.contact_id = c.id), '')
        """;

    public async Task<int> IndexBatchAsync(long batchId, string kind, CancellationToken ct)
    {
        var which = kind switch
        {
            "contacts" => "SELECT id FROM contacts WHERE batch_id = @batch",
            "transcripts" => "SELECT DISTINCT contact_id FROM transcript_turns WHERE batch_id = @batch",
            _ => null,
        };
        if (which is null) return 0;
        return await UpsertAsync($"c.id IN ({which})", new NpgsqlParameter("batch", batchId), ct);
    }

    /// <summary>Rebuilds the documents of these contacts (after their stored text changed).</summary>
    public Task<int> IndexContactsAsync(long[] contactIds, CancellationToken ct) =>
        UpsertAsync("c.id = ANY(@ids)", new NpgsqlParameter<long[]>("ids", contactIds), ct);

    private async Task<int> UpsertAsync(string where, NpgsqlParameter parameter, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO contact_search (contact_id, vector)
            SELECT c.id, {DocumentSql} FROM contacts c WHERE {where}
            ON CONFLICT (contact_id) DO UPDATE SET vector = excluded.vector
            """);
        cmd.CommandTimeout = 0;
        cmd.Parameters.Add(parameter);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Indexes every contact without a search document (after a restore, or for data loaded before search existed).</summary>
    public async Task<int> IndexMissingAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO contact_search (contact_id, vector)
            SELECT c.id, {DocumentSql} FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM contact_search s WHERE s.contact_id = c.id)
            ON CONFLICT (contact_id) DO NOTHING
            """);
        cmd.CommandTimeout = 0;
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
