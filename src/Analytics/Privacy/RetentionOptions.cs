using System.ComponentModel.DataAnnotations;

namespace Analytics.Privacy;

/// <summary>
/// How long each kind of personal data is kept, in days; 0 keeps it. Retention periods are the controller's decision,
/// so nothing is removed until one is configured (docs/decisions/023-retention-and-erasure.md).
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    /// <summary>The works council relies on the audit log: it keeps a year at least (so does the trigger).</summary>
    public const int MinimumAuditLogDays = 365;

    /// <summary>Older contacts lose their notes and customer link; the rows stay for the figures.</summary>
    [Range(0, 36500)] public int ContactsDays { get; set; }
    [Range(0, 36500)] public int TranscriptsDays { get; set; }
    /// <summary>The comment is blanked; the score stays, so NPS history does not change.</summary>
    [Range(0, 36500)] public int SurveyCommentsDays { get; set; }
    /// <summary>The raw line is blanked; line number and reason stay.</summary>
    [Range(0, 36500)] public int QuarantineRawDays { get; set; }
    [Range(0, 36500)] public int AuditLogDays { get; set; }
    /// <summary>Rendered report files and their run rows.</summary>
    [Range(0, 36500)] public int ReportsDays { get; set; }
    /// <summary>Days after an agent's last working day until the name becomes a stable code.</summary>
    [Range(0, 36500)] public int AgentPseudonymiseAfterDays { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AuditLogDays is > 0 and < MinimumAuditLogDays)
            yield return new ValidationResult(
                $"Retention:AuditLogDays must be 0 (keep) or at least {MinimumAuditLogDays}", [nameof(AuditLogDays)]);
    }
}
