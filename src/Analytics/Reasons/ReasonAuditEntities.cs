using Analytics.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Reasons;

/// <summary>Where a candidate's contacts come from: predicted unknown, or corrected by an analyst away from the model.</summary>
public static class CandidateSources
{
    public const string Unknown = "unknown";
    public const string Corrected = "corrected";
    public static readonly string[] All = [Unknown, Corrected];
}

/// <summary>
/// A candidate new reason: a group of contacts the taxonomy has no reason for. Its id outlives re-runs (a new run's
/// cluster takes the id of the earlier candidate it shares most members and words with), so accepting it means the
/// same thing tomorrow. Members are in <see cref="ReasonCandidateMember"/>.
/// </summary>
public sealed class ReasonCandidate
{
    public int Id { get; set; }
    public required string Source { get; set; }
    /// <summary>Its most distinctive words and two-word phrases, most distinctive first.</summary>
    public required string[] Words { get; set; }
    /// <summary>Null while open; the taxonomy code it became once accepted.</summary>
    public string? AcceptedCode { get; set; }
    public DateTime FirstSeenUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
}

public sealed class ReasonCandidateMember
{
    public int CandidateId { get; set; }
    public long ContactId { get; set; }
}

/// <summary>
/// A contact put forward for an accepted candidate's reason, awaiting an analyst: confirming it is an ordinary reason
/// correction, which is what the next training run learns from (a candidate label alone never trains).
/// </summary>
public sealed class ReasonCandidateLabel
{
    public long ContactId { get; set; }
    public int CandidateId { get; set; }
    public required string ReasonCode { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>One contact's cross-fitted audit of its wrap-up code: flagged when a model that never saw it disagrees.</summary>
public sealed class ReasonCodeAudit
{
    public long ContactId { get; set; }
    public required string CodedReason { get; set; }
    public string? SuggestedReason { get; set; }
    public float? Confidence { get; set; }
    public float? CodedProbability { get; set; }
    public DateTime AuditedUtc { get; set; }
}

internal sealed class ReasonCandidateConfiguration : IEntityTypeConfiguration<ReasonCandidate>
{
    public void Configure(EntityTypeBuilder<ReasonCandidate> b) => b.ToTable("reason_candidates");
}

internal sealed class ReasonCandidateMemberConfiguration : IEntityTypeConfiguration<ReasonCandidateMember>
{
    public void Configure(EntityTypeBuilder<ReasonCandidateMember> b)
    {
        b.ToTable("reason_candidate_members");
        b.HasKey(x => new { x.CandidateId, x.ContactId });
        b.HasIndex(x => x.ContactId);
        b.HasOne<ReasonCandidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReasonCandidateLabelConfiguration : IEntityTypeConfiguration<ReasonCandidateLabel>
{
    public void Configure(EntityTypeBuilder<ReasonCandidateLabel> b)
    {
        b.ToTable("reason_candidate_labels");
        b.HasKey(x => new { x.ContactId, x.CandidateId });
        b.HasOne<ReasonCandidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReasonCodeAuditConfiguration : IEntityTypeConfiguration<ReasonCodeAudit>
{
    public void Configure(EntityTypeBuilder<ReasonCodeAudit> b)
    {
        b.ToTable("reason_code_audits");
        b.HasKey(x => x.ContactId);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
