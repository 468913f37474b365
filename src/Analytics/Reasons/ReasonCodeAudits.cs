using Analytics.Classification;
using Analytics.Data;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Reasons;

/// <summary>Miscode rate of one group (a reason as coded, a team or an agent).</summary>
public sealed record MiscodeGroup(string Key, int Audited, int Flagged);

/// <summary>A flagged contact with the evidence: what was coded, what a model that never saw it says instead.</summary>
public sealed record MiscodeEvidence(long ContactId, string CodedReason, string SuggestedReason, double Confidence,
    double CodedConfidence, string? Notes);

/// <summary>
/// The audit of agents' wrap-up codes: every coded contact of a period judged by <see cref="CrossFittedMiscodes"/> and
/// stored (flagged or not), so rates per reason, team and agent have their denominator.
/// </summary>
public sealed partial class ReasonCodeAudits(AnalyticsDbContext db, ILogger<ReasonCodeAudits>? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger<ReasonCodeAudits>.Instance;

    public CrossFittedMiscodes Detector { get; init; } = new();
    /// <summary>The newest this many coded contacts of the period are audited: K trainings of this size bound the time.</summary>
    public int MaximumRows { get; init; } = 20_000;

    private sealed record Coded(long Id, string Notes, string Code);

    /// <summary>Audits the period's coded contacts again; returns (audited, flagged).</summary>
    public async Task<(int Audited, int Flagged)> RefreshAsync(Period p, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Coded>($"""
            SELECT c.id AS id, c.notes AS notes, r.code AS code FROM contacts c JOIN contact_reasons r ON r.id = c.reason_id
            WHERE c.started_utc >= {p.FromUtc} AND c.started_utc < {p.ToUtcExclusive} AND c.notes IS NOT NULL AND btrim(c.notes) <> ''
            ORDER BY c.id DESC LIMIT {MaximumRows}
            """).ToListAsync(ct);
        rows.Reverse();
        IReadOnlyList<Miscode> flagged = [];
        var labels = rows.Select(r => new LabelledText(r.Notes, r.Code)).ToList();
        if (labels.Select(l => l.Label).Distinct().Count() >= 2)
            flagged = await Task.Run(() => Detector.Find(labels, ct), ct);
        var byIndex = flagged.ToDictionary(m => m.Index);
        var now = DateTime.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM reason_code_audits a USING contacts c WHERE c.id = a.contact_id
              AND c.started_utc >= {p.FromUtc} AND c.started_utc < {p.ToUtcExclusive}
            """, ct);
        var ids = rows.Select(r => r.Id).ToArray();
        var coded = rows.Select(r => r.Code).ToArray();
        var suggested = rows.Select((_, i) => byIndex.GetValueOrDefault(i)?.Suggested).ToArray();
        var confidence = rows.Select((_, i) => (float?)byIndex.GetValueOrDefault(i)?.Confidence).ToArray();
        var codedP = rows.Select((_, i) => (float?)byIndex.GetValueOrDefault(i)?.CodedProbability).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reason_code_audits (contact_id, coded_reason, suggested_reason, confidence, coded_probability, audited_utc)
            SELECT t.id, t.coded, t.suggested, t.confidence, t.coded_p, {now}
            FROM unnest({ids}::bigint[], {coded}::text[], {suggested}::text[], {confidence}::real[], {codedP}::real[])
              AS t(id, coded, suggested, confidence, coded_p)
            ON CONFLICT (contact_id) DO UPDATE SET coded_reason = excluded.coded_reason,
              suggested_reason = excluded.suggested_reason, confidence = excluded.confidence,
              coded_probability = excluded.coded_probability, audited_utc = excluded.audited_utc
            """, ct);
        await tx.CommitAsync(ct);
        LogAudited(p.ToString(), rows.Count, flagged.Count);
        return (rows.Count, flagged.Count);
    }

    /// <summary>Audited and flagged contacts of <paramref name="p"/> per reason (as coded), team or agent.</summary>
    /// <param name="groupBy">reason, team or agent (a whitelist: it picks the SQL expression, never reaches SQL itself).</param>
    public async Task<IReadOnlyList<MiscodeGroup>> GroupsAsync(Period p, string groupBy, string? team, CancellationToken ct)
    {
        var key = groupBy switch
        {
            "reason" => "a.coded_reason",
            "team" => "coalesce(t.code, '')",
            "agent" => "coalesce(g.code, '')",
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "reason, team or agent"),
        };
        var sql = """
            SELECT {key} AS key, count(*)::int AS audited, count(a.suggested_reason)::int AS flagged
            FROM reason_code_audits a JOIN contacts c ON c.id = a.contact_id
            LEFT JOIN agents g ON g.id = c.agent_id LEFT JOIN teams t ON t.id = g.team_id
            WHERE c.started_utc >= {0} AND c.started_utc < {1} AND ({2}::text IS NULL OR t.code = {2})
            GROUP BY 1 ORDER BY 1
            """.Replace("{key}", key, StringComparison.Ordinal);
        return await db.Database.SqlQueryRaw<MiscodeGroup>(sql, p.FromUtc, p.ToUtcExclusive, (object?)team ?? DBNull.Value)
            .ToListAsync(ct);
    }

    /// <summary>The flagged contacts of <paramref name="p"/>, most confident first.</summary>
    public async Task<IReadOnlyList<MiscodeEvidence>> EvidenceAsync(Period p, string? team, int limit, CancellationToken ct) =>
        await db.Database.SqlQuery<MiscodeEvidence>($"""
            SELECT a.contact_id AS contact_id, a.coded_reason AS coded_reason, a.suggested_reason AS suggested_reason,
                   a.confidence::float8 AS confidence, a.coded_probability::float8 AS coded_confidence, c.notes AS notes
            FROM reason_code_audits a JOIN contacts c ON c.id = a.contact_id
            LEFT JOIN agents g ON g.id = c.agent_id LEFT JOIN teams t ON t.id = g.team_id
            WHERE c.started_utc >= {p.FromUtc} AND c.started_utc < {p.ToUtcExclusive} AND a.suggested_reason IS NOT NULL
              AND ({team}::text IS NULL OR t.code = {team})
            ORDER BY a.confidence DESC, a.contact_id LIMIT {limit}
            """).ToListAsync(ct);

    [LoggerMessage(LogLevel.Information, "Wrap-up code audit {Period}: {Audited} contacts, {Flagged} likely miscodes")]
    private partial void LogAudited(string period, int audited, int flagged);
}
