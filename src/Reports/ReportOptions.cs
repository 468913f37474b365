using System.ComponentModel.DataAnnotations;

namespace Analytics.Reports;

/// <summary>The <c>Reports</c> settings; checked when the host starts, so a typo fails the start, not a job.</summary>
public sealed class ReportOptions : IValidatableObject
{
    [Required(AllowEmptyStrings = false)]
    public string OutputDirectory { get; set; } = "out/reports";

    [RegularExpression("^(nl|en)$")]
    public string Language { get; set; } = "nl";

    /// <summary>Domains definitions may mail to (exact match); empty: no definition may have recipients.</summary>
    public List<string> AllowedRecipientDomains { get; set; } = [];

    /// <summary>The shortest gap between a definition's runs: agent-level PDFs every minute are a leak.</summary>
    [Range(1, 60 * 24 * 31)]
    public int MinimumScheduleMinutes { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var d in AllowedRecipientDomains)
            if (Uri.CheckHostName(d) != UriHostNameType.Dns || !d.Contains('.', StringComparison.Ordinal))
                yield return new ValidationResult($"'{d}' is not a domain name", [nameof(AllowedRecipientDomains)]);
    }
}
