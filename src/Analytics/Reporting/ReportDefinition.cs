namespace Analytics.Reporting;

/// <summary>A scheduled report: which family, for whom, with which filters and language, when, and to whom it goes.</summary>
public sealed class ReportDefinition
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>One of ReportRenderer.Families.</summary>
    public required string Family { get; set; }
    public string? Audience { get; set; }
    public string Language { get; set; } = "nl";
    /// <summary>Cron in <see cref="TimeZone"/>; the report covers the last full period before the run (month by default).</summary>
    public required string Cron { get; set; }
    public string TimeZone { get; set; } = "Europe/Amsterdam";
    /// <summary>month or week: the period each run covers.</summary>
    public string PeriodKind { get; set; } = "month";
    public string? Team { get; set; }
    public string? Channel { get; set; }
    /// <summary>The agent a coaching definition is about (that family only).</summary>
    public string? Agent { get; set; }
    public List<string> Recipients { get; set; } = [];
    public bool Enabled { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
}

/// <summary>One rendered report and its delivery.</summary>
public sealed class ReportRun
{
    public long Id { get; set; }
    public int? DefinitionId { get; set; }
    public required string Family { get; set; }
    public required string Language { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public required string Path { get; set; }
    public long Bytes { get; set; }
    /// <summary>rendered, delivering, delivered, delivery-failed.</summary>
    public required string State { get; set; }
    public int DeliveryAttempts { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? DeliveredUtc { get; set; }
}
