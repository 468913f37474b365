using Analytics.Classification;
using Analytics.Data;
using Analytics.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Reasons;

/// <summary>A candidate as an analyst sees it for a period.</summary>
public sealed record CandidateView(int Id, string Source, IReadOnlyList<string> Words, string? AcceptedCode, int Contacts,
    IReadOnlyList<WeekCount> Weeks, IReadOnlyList<CandidateExample> Examples, IReadOnlyList<string> Teams,
    IReadOnlyList<ChannelCount> Channels, DateTime FirstSeenUtc);

public sealed record WeekCount(DateOnly Week, int Contacts);
public sealed record ChannelCount(string Channel, int Contacts);
public sealed record CandidateExample(long ContactId, string? Notes);

/// <summary>
/// New-reason discovery: the contacts the active reason model calls unknown, and separately those an analyst corrected
/// away from the model's label, are clustered (<see cref="TextClusters"/>) into candidate reasons stored with stable ids.
/// </summary>
public sealed partial class ReasonDiscovery(AnalyticsDbContext db, ILogger<ReasonDiscovery>? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger<ReasonDiscovery>.Instance;
    private const int BackgroundRows = 5000;

    public TextClusters Clusters { get; init; } = new();

    private sealed record Member(long Id, string Notes);

    /// <summary>Clusters both sources over <paramref name="period"/> and stores the candidates; returns how many were found.</summary>
    public async Task<int> RefreshAsync(Period period, CancellationToken ct)
    {
        var active = await db.Models.AsNoTracking().Where(m => m.Kind == ModelKinds.Reasons && m.Active)
            .Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (active is null) return 0;
        var background = await db.Database.SqlQuery<string>($"""
            SELECT notes AS "Value" FROM (
              SELECT notes, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS n FROM contacts
              WHERE started_utc >= {period.FromUtc} AND started_utc < {period.ToUtcExclusive} AND notes IS NOT NULL) s
            WHERE rn % greatest(1, n / {BackgroundRows}) = 0
            """).ToListAsync(ct);
        var found = 0;
        foreach (var source in CandidateSources.All)
        {
            var members = await PopulationAsync(source, active.Value, period, ct);
            var clusters = await Task.Run(() => Clusters.Find(members.Select(m => m.Notes).ToList(), background), ct);
            await StoreAsync(source, period, members, clusters, ct);
            found += clusters.Count;
            LogRefreshed(source, period.ToString(), members.Count, clusters.Count);
        }
        return found;
    }

    private async Task<List<Member>> PopulationAsync(string source, int model, Period p, CancellationToken ct) =>
        source == CandidateSources.Unknown
            ? await db.Database.SqlQuery<Member>($"""
                SELECT c.id AS id, c.notes AS notes FROM contacts c
                JOIN predictions pr ON pr.contact_id = c.id AND pr.model_id = {model} AND pr.kind = 'reasons'
                WHERE c.started_utc >= {p.FromUtc} AND c.started_utc < {p.ToUtcExclusive} AND c.notes IS NOT NULL
                  AND pr.label = {TextClassifier.UnknownLabel}
                ORDER BY c.id
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<Member>($"""
                SELECT c.id AS id, c.notes AS notes FROM contacts c
                JOIN predictions pr ON pr.contact_id = c.id AND pr.model_id = {model} AND pr.kind = 'reasons'
                JOIN LATERAL (SELECT reason_code FROM reason_corrections rc WHERE rc.contact_id = c.id
                              ORDER BY rc.id DESC LIMIT 1) last ON true
                WHERE c.started_utc >= {p.FromUtc} AND c.started_utc < {p.ToUtcExclusive} AND c.notes IS NOT NULL
                  AND last.reason_code <> pr.label
                ORDER BY c.id
                """).ToListAsync(ct);

    private async Task StoreAsync(string source, Period p, List<Member> population, IReadOnlyList<TextCluster> clusters, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({"reason-candidates:" + source}))", ct);
        var earlier = await db.Set<ReasonCandidate>().Where(c => c.Source == source).ToListAsync(ct);
        var ids = population.Select(m => m.Id).ToArray();
        var earlierMembers = (await db.Set<ReasonCandidateMember>().AsNoTracking()
                .Where(m => ids.Contains(m.ContactId)).ToListAsync(ct))
            .GroupBy(m => m.CandidateId).ToDictionary(g => g.Key, g => g.Select(m => m.ContactId).ToHashSet());
        var now = DateTime.UtcNow;
        var matches = CandidateMatching.Match(
            clusters.Select(c => (c.Members.Select(i => population[i].Id).ToHashSet(), c.Words)).ToList(),
            earlier.Select(e => (e.Id, earlierMembers.GetValueOrDefault(e.Id) ?? [], (IReadOnlyList<string>)e.Words)).ToList());

        // This run's period is re-clustered as a whole: its earlier memberships give way to the new ones.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM reason_candidate_members m USING reason_candidates c, contacts k
            WHERE m.candidate_id = c.id AND c.source = {source} AND k.id = m.contact_id
              AND k.started_utc >= {p.FromUtc} AND k.started_utc < {p.ToUtcExclusive}
            """, ct);
        for (var i = 0; i < clusters.Count; i++)
        {
            var candidate = matches[i] is { } id ? earlier.Single(e => e.Id == id) : null;
            if (candidate is null)
            {
                candidate = new ReasonCandidate { Source = source, Words = [.. clusters[i].Words], FirstSeenUtc = now };
                db.Add(candidate);
            }
            candidate.Words = [.. clusters[i].Words];
            candidate.LastSeenUtc = now;
            await db.SaveChangesAsync(ct);
            var members = clusters[i].Members.Select(m => population[m].Id).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO reason_candidate_members (candidate_id, contact_id)
                SELECT {candidate.Id}, unnest({members}::bigint[]) ON CONFLICT DO NOTHING
                """, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The candidates with contacts in <paramref name="p"/>, largest first.</summary>
    public async Task<IReadOnlyList<CandidateView>> ForPeriodAsync(Period p, CancellationToken ct, string? team = null,
        string? channel = null)
    {
        var rows = await db.Database.SqlQuery<MemberRow>($"""
            SELECT m.candidate_id AS candidate_id, c.id AS contact_id, c.channel AS channel, t.code AS team,
                   c.started_utc AS started_utc, c.notes AS notes
            FROM reason_candidate_members m JOIN contacts c ON c.id = m.contact_id
            LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = a.team_id
            WHERE c.started_utc >= {p.FromUtc} AND c.started_utc < {p.ToUtcExclusive}
              AND ({team}::text IS NULL OR t.code = {team}) AND ({channel}::text IS NULL OR c.channel = {channel})
            ORDER BY m.candidate_id, c.id
            """).ToListAsync(ct);
        var ids = rows.Select(r => r.CandidateId).Distinct().ToArray();
        var candidates = await db.Set<ReasonCandidate>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return rows.GroupBy(r => r.CandidateId).Select(g =>
        {
            var c = candidates[g.Key];
            var list = g.ToList();
            // Examples spread over the period (first, middle, last member), not three of one day.
            var examples = new[] { 0, list.Count / 2, list.Count - 1 }.Distinct().Select(i => new CandidateExample(list[i].ContactId, list[i].Notes)).ToList();
            return new CandidateView(c.Id, c.Source, c.Words, c.AcceptedCode, list.Count,
                list.GroupBy(r => Week(r.StartedUtc)).OrderBy(w => w.Key).Select(w => new WeekCount(w.Key, w.Count())).ToList(),
                examples,
                list.Where(r => r.Team is not null).Select(r => r.Team!).Distinct().Order(StringComparer.Ordinal).ToList(),
                list.GroupBy(r => r.Channel).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal)
                    .Select(x => new ChannelCount(x.Key, x.Count())).ToList(),
                c.FirstSeenUtc);
        }).OrderByDescending(v => v.Contacts).ThenBy(v => v.Id).ToList();
    }

    private sealed record MemberRow(int CandidateId, long ContactId, string Channel, string? Team, DateTime StartedUtc, string? Notes);

    /// <summary>Monday of the Amsterdam week of an instant.</summary>
    private static DateOnly Week(DateTime utc)
    {
        var day = DateOnly.FromDateTime(Amsterdam.ToLocal(utc));
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>
    /// Accepting: the reason joins the taxonomy and every member of the candidate becomes a candidate label for review.
    /// Null when there is no such candidate; false when it was accepted before.
    /// </summary>
    public async Task<(int Contacts, bool Accepted)?> AcceptAsync(int id, ContactReason reason, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var candidate = await db.Set<ReasonCandidate>().FromSql($"SELECT * FROM reason_candidates WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (candidate is null) return null;
        if (candidate.AcceptedCode is not null) return (0, false);
        db.Reasons.Add(reason);
        candidate.AcceptedCode = reason.Code;
        await db.SaveChangesAsync(ct);
        var labelled = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reason_candidate_labels (contact_id, candidate_id, reason_code, created_utc)
            SELECT contact_id, candidate_id, {reason.Code}, {DateTime.UtcNow} FROM reason_candidate_members WHERE candidate_id = {id}
            ON CONFLICT DO NOTHING
            """, ct);
        await tx.CommitAsync(ct);
        return (labelled, true);
    }

    [LoggerMessage(LogLevel.Information, "Reason discovery ({Source}, {Period}): {Contacts} contacts, {Clusters} candidates")]
    private partial void LogRefreshed(string source, string period, int contacts, int clusters);
}
