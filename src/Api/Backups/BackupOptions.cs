using System.ComponentModel.DataAnnotations;
using Cronos;

namespace Analytics.Api.Backups;

/// <summary>The scheduled backup (section Backup): off unless <see cref="Schedule"/> is set.</summary>
public sealed class BackupOptions : IValidatableObject
{
    /// <summary>A five-field cron in Europe/Amsterdam time, e.g. "30 2 * * *"; empty: no scheduled backup.</summary>
    public string Schedule { get; set; } = "";

    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = "out/backups";

    /// <summary>How many scheduled dumps stay in <see cref="Directory"/>; older ones are deleted after a good backup.</summary>
    [Range(1, 1000)]
    public int Keep { get; set; } = 7;

    public bool Enabled => Schedule.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        string? error = null;
        try { CronExpression.Parse(Schedule); }
        catch (CronFormatException e) { error = e.Message; }
        if (error is not null)
            yield return new ValidationResult($"Backup:Schedule '{Schedule}' is not a five-field cron expression: {error}", [nameof(Schedule)]);
    }
}
