namespace Analytics.Reasons;

/// <summary>A node of the contact-reason taxonomy (two levels in practice: category and reason).</summary>
public sealed class ContactReason
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameNl { get; set; }
    public required string NameEn { get; set; }
    public string? ParentCode { get; set; }
    /// <summary>Who can fix the cause: sales, marketing, billing, operations, product, ...</summary>
    public required string Department { get; set; }
    /// <summary>Failure demand: a contact that a better process would have prevented.</summary>
    public bool Avoidable { get; set; }
}

/// <summary>An analyst's relabelling of a contact: it overrides the agent's code in reports and becomes training data.</summary>
public sealed class ReasonCorrection
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public required string ReasonCode { get; set; }
    public string? PreviousReasonCode { get; set; }
    public int? ApiKeyId { get; set; }
    public DateTime CorrectedUtc { get; set; }
}
