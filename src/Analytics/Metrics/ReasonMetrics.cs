using Analytics.Time;
using Npgsql;

namespace Analytics.Metrics;

public sealed record ReasonVolume(string Code, string NameNl, string NameEn, string? ParentCode, string Department, bool Avoidable,
    int Contacts, int PreviousContacts, double SharePercent);

public sealed record ReasonVolumes(Period Period, int TotalContacts, int Uncoded, IReadOnlyList<ReasonVolume> Reasons, DateTime? LastIngestUtc);

/// <summary>Contact volume per (leaf) reason for a period and the period before it: the basis of the Pareto.</summary>
public sealed class ReasonMetrics(NpgsqlDataSource db)
{
    public async Task<ReasonVolumes> VolumesAsync(Period period, CancellationToken ct, string? team = null, string? channel = null)
    {
        var previous = period.Previous();
        await using var cmd = db.CreateCommand("""
            WITH counts AS (
                SELECT reason_id,
                       count(*) FILTER (WHERE started_utc >= @from AND started_utc < @to)::int AS n,
                       count(*) FILTER (WHERE started_utc >= @pfrom AND started_utc < @from)::int AS prev
                FROM contacts c
                WHERE started_utc >= @pfrom AND started_utc < @to
                  AND (@channel::text IS NULL OR c.channel = @channel)
                  AND (@team::text IS NULL OR c.agent_id IN (SELECT a.id FROM agents a JOIN teams t ON t.id = a.team_id WHERE t.code = @team))
                GROUP BY reason_id)
            SELECT r.code, r.name_nl, r.name_en, r.parent_code, r.department, r.avoidable, coalesce(c.n, 0), coalesce(c.prev, 0)
            FROM contact_reasons r LEFT JOIN counts c ON c.reason_id = r.id
            WHERE coalesce(c.n, 0) + coalesce(c.prev, 0) > 0
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, NULL, NULL, n, prev FROM counts WHERE reason_id IS NULL
            """);
        cmd.Parameters.AddWithValue("from", period.FromUtc);
        cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("pfrom", previous.FromUtc);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("team", team));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("channel", channel));
        var rows = new List<(string Code, string Nl, string En, string? Parent, string Dept, bool Avoidable, int N, int Prev)>();
        var uncoded = 0;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (r.IsDBNull(0)) { uncoded = r.GetInt32(6); continue; }
                rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                    r.GetBoolean(5), r.GetInt32(6), r.GetInt32(7)));
            }
        }
        var total = rows.Sum(x => x.N) + uncoded;
        var reasons = rows
            .Select(x => new ReasonVolume(x.Code, x.Nl, x.En, x.Parent, x.Dept, x.Avoidable, x.N, x.Prev, total == 0 ? 0 : 100.0 * x.N / total))
            .OrderByDescending(x => x.Contacts).ThenBy(x => x.Code, StringComparer.Ordinal)
            .ToList();

        await using var last = db.CreateCommand("SELECT max(finished_utc) FROM ingest_batches WHERE state = 'completed'");
        var lastIngest = await last.ExecuteScalarAsync(ct) as DateTime?;
        return new ReasonVolumes(period, total, uncoded, reasons, lastIngest);
    }
}
