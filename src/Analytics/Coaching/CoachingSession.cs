using System.ComponentModel.DataAnnotations;
using Analytics.Agents;
using Analytics.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Coaching;

/// <summary>
/// A one-to-one on one sub-skill: an auto-QA check (summary, open_question, …) or a form section (gedrag, empathie, …),
/// the actions agreed and the day to look again, in Dutch working days from the session.
/// </summary>
public sealed class CoachingSession
{
    public long Id { get; set; }
    public int AgentId { get; set; }
    public required string SubSkill { get; set; }
    public required string AgreedActions { get; set; }
    /// <summary>The local day of the conversation; contacts after this day are "after".</summary>
    public DateOnly HeldOn { get; set; }
    public DateOnly FollowUpOn { get; set; }
    /// <summary>The API key's name that recorded it.</summary>
    public required string Coach { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>Checked at start; section "Coaching".</summary>
public sealed class CoachingOptions
{
    /// <summary>Follow-up date when the request names none: this many Dutch working days after the session.</summary>
    [Range(1, 60)] public int FollowUpWorkingDays { get; init; } = 10;
    /// <summary>Weeks before and after the session that the effect compares (the same weeks for every agent).</summary>
    [Range(2, 26)] public int WindowWeeks { get; init; } = 8;
    /// <summary>Below this many observations of the coached agent before or after: "too early to tell".</summary>
    [Range(5, 10_000)] public int MinimumObservations { get; init; } = 30;
}

public static class SubSkills
{
    /// <summary>The auto-QA checks that measure a sub-skill: the check itself, or its section's items' checks.</summary>
    public static IReadOnlyList<string> Checks(string subSkill, IEnumerable<EvaluationForm> forms) =>
        AutoQa.Checks.Contains(subSkill)
            ? [subSkill]
            : forms.SelectMany(f => f.ReadSections()).Where(s => s.Code == subSkill)
                .SelectMany(s => s.Items).Select(i => i.Check).OfType<string>().Distinct().Order(StringComparer.Ordinal)
                .ToList();

    public static bool Known(string subSkill, IEnumerable<EvaluationForm> forms) =>
        AutoQa.Checks.Contains(subSkill) || forms.SelectMany(f => f.ReadSections()).Any(s => s.Code == subSkill);
}

internal sealed class CoachingSessionConfiguration : IEntityTypeConfiguration<CoachingSession>
{
    public void Configure(EntityTypeBuilder<CoachingSession> b)
    {
        b.ToTable("coaching_sessions");
        b.HasIndex(x => new { x.AgentId, x.HeldOn });
        b.HasIndex(x => new { x.SubSkill, x.HeldOn });
        b.Property(x => x.SubSkill).HasMaxLength(40);
        b.Property(x => x.AgreedActions).HasMaxLength(4000);
        b.Property(x => x.Coach).HasMaxLength(200);
        b.HasOne<Agent>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Cascade);
    }
}
