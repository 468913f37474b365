using Analytics.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Evaluations;

public static class EvaluationStatus
{
    /// <summary>Pre-filled by auto-QA, not yet confirmed by the evaluator: agents do not see it.</summary>
    public const string Draft = "draft";
    public const string Confirmed = "confirmed";
}

/// <summary>One evaluator's scoring of one contact on one form; a calibration session names several of them.</summary>
public sealed class Evaluation
{
    public long Id { get; set; }
    public int FormId { get; set; }
    public long ContactId { get; set; }
    /// <summary>The API key's name that scored it (one evaluator, one key).</summary>
    public required string Evaluator { get; set; }
    public string? Calibration { get; set; }
    public required string Status { get; set; }
    public double? ScorePercent { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ConfirmedUtc { get; set; }
}

/// <summary>An item's answer: what auto-QA said (null when no check covers it), what the evaluator decided, and why.</summary>
public sealed class EvaluationAnswer
{
    public long EvaluationId { get; set; }
    public required string ItemCode { get; set; }
    public string? AutoValue { get; set; }
    public string? Value { get; set; }
    public int[] Evidence { get; set; } = [];
    public string? Comment { get; set; }
}

public static class DisputeStatus
{
    public const string Open = "open";
    public const string Upheld = "upheld";
    public const string Rejected = "rejected";
}

/// <summary>An agent's objection to one item of a confirmed evaluation of their own contact.</summary>
public sealed class EvaluationDispute
{
    public long Id { get; set; }
    public long EvaluationId { get; set; }
    public required string ItemCode { get; set; }
    public required string Comment { get; set; }
    public DateTime RaisedUtc { get; set; }
    public required string Status { get; set; }
    public string? Resolution { get; set; }
    public DateTime? ResolvedUtc { get; set; }
}

internal sealed class EvaluationFormConfiguration : IEntityTypeConfiguration<EvaluationForm>
{
    public void Configure(EntityTypeBuilder<EvaluationForm> b)
    {
        b.ToTable("evaluation_forms");
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Sections).HasColumnType("jsonb");
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        b.ToTable("evaluations");
        b.HasIndex(x => x.ContactId);
        b.HasIndex(x => x.Calibration);
        // A customer's erasure removes their contacts and with them what was said about those contacts.
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EvaluationForm>().WithMany().HasForeignKey(x => x.FormId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvaluationAnswerConfiguration : IEntityTypeConfiguration<EvaluationAnswer>
{
    public void Configure(EntityTypeBuilder<EvaluationAnswer> b)
    {
        b.ToTable("evaluation_answers");
        b.HasKey(x => new { x.EvaluationId, x.ItemCode });
        b.HasOne<Evaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvaluationDisputeConfiguration : IEntityTypeConfiguration<EvaluationDispute>
{
    public void Configure(EntityTypeBuilder<EvaluationDispute> b)
    {
        b.ToTable("evaluation_disputes");
        b.HasIndex(x => x.EvaluationId);
        b.HasOne<Evaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
    }
}
