using System.ComponentModel.DataAnnotations;
using Analytics.Contacts;
using Analytics.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.FollowUps;

public static class TaskKinds
{
    public const string Detractor = "detractor";
    public const string RepeatCaller = "repeat-caller";
}

public static class ClosureCodes
{
    public const string CalledBackSolved = "called-back-solved";
    public const string Compensated = "compensated";
    public const string NotReachable = "not-reachable";
    public const string NoActionNeeded = "no-action-needed";
    public static readonly string[] All = [CalledBackSolved, Compensated, NotReachable, NoActionNeeded];
}

/// <summary>
/// A customer someone must call back: a detractor's response or a repeat caller's contact. SourceKey ("survey:12",
/// "repeat:345") makes creation idempotent; Assignee is "team-lead:CODE" of the agent's team or a configured queue.
/// </summary>
public sealed class FollowUpTask
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string SourceKey { get; set; }
    public long? ContactId { get; set; }
    public long? SurveyResponseId { get; set; }
    public string? AgentCode { get; set; }
    public string? TeamCode { get; set; }
    public required string Assignee { get; set; }
    public required string Reason { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>The local day of the response or contact plus FollowUps:DueWorkingDays Dutch working days.</summary>
    public DateOnly DueDate { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public string? ClosureCode { get; set; }
    /// <summary>The department that owns the cause (a contact reason's department), when it lies elsewhere.</summary>
    public string? Department { get; set; }
    public string? ClosureComment { get; set; }
}

/// <summary>When a response or a caller becomes a task, and where it goes. Checked at start.</summary>
public sealed class FollowUpOptions
{
    /// <summary>NPS 0 up to this score is a detractor.</summary>
    [Range(0, 9)] public int NpsDetractorMax { get; init; } = 6;
    /// <summary>CES 1–7 (7 = very easy): up to this score the customer found it hard.</summary>
    [Range(1, 6)] public int CesDetractorMax { get; init; } = 3;
    /// <summary>CSAT 1–5: up to this score the customer was dissatisfied.</summary>
    [Range(1, 4)] public int CsatDetractorMax { get; init; } = 2;
    /// <summary>The customer's Nth contact within the window makes a repeat-caller task.</summary>
    [Range(2, 20)] public int RepeatThreshold { get; init; } = 3;
    [Range(1, 60)] public int RepeatWindowWorkingDays { get; init; } = 10;
    [Range(0, 30)] public int DueWorkingDays { get; init; } = 2;
    /// <summary>When set, every task goes to this queue instead of the team lead of the agent's team.</summary>
    [MaxLength(100)] public string? Queue { get; init; }

    public int DetractorMax(string type) => type switch
    {
        SurveyTypes.Nps => NpsDetractorMax,
        SurveyTypes.Ces => CesDetractorMax,
        _ => CsatDetractorMax,
    };

    public string AssigneeFor(string? team) => Queue is { Length: > 0 } q ? "queue:" + q : team is null ? "unassigned" : "team-lead:" + team;
}

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> b)
    {
        b.ToTable("follow_up_tasks");
        b.HasIndex(x => x.SourceKey).IsUnique();
        b.HasIndex(x => new { x.TeamCode, x.DueDate });
        // Erasing a customer erases the tasks about their contacts and responses.
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(x => x.SurveyResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
