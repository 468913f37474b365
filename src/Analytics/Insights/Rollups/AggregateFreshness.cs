using Npgsql;

namespace Analytics.Insights.Rollups;

/// <summary>
/// Bookkeeping in aggregate_states for derived tables: which batch and correction a rebuild saw, and whether anything
/// newer has landed since. Figures may only come from a derived table while it is fresh.
/// </summary>
public static class AggregateFreshness
{
    /// <summary>Records, inside the rebuild's transaction, that table @name includes everything committed so far.</summary>
    public const string MarkSql = """
        INSERT INTO aggregate_states (name, through_batch_id, through_correction_id, refreshed_utc)
        SELECT @name, (SELECT coalesce(max(id), 0) FROM ingest_batches WHERE state = 'completed'),
               (SELECT coalesce(max(id), 0) FROM reason_corrections), now()
        ON CONFLICT (name) DO UPDATE SET through_batch_id = excluded.through_batch_id,
            through_correction_id = excluded.through_correction_id, refreshed_utc = excluded.refreshed_utc
        """;

    /// <summary>True when the aggregate_states row aliased <paramref name="alias"/> includes every completed batch and correction.</summary>
    public static string FreshSql(string alias) => $"""
        ({alias}.through_batch_id >= (SELECT coalesce(max(id), 0) FROM ingest_batches WHERE state = 'completed')
         AND {alias}.through_correction_id >= (SELECT coalesce(max(id), 0) FROM reason_corrections))
        """;

    public static async Task<bool> IsFreshAsync(NpgsqlDataSource db, string name, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT coalesce((SELECT {FreshSql("s")} FROM aggregate_states s WHERE s.name = @name), false)");
        cmd.Parameters.AddWithValue("name", name);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
