namespace Analytics.Ingestion;

public static class IngestKinds
{
    public const string Contacts = "contacts";
    public const string Transcripts = "transcripts";
    public const string Surveys = "surveys";
    public const string Reasons = "reasons";
    public static readonly string[] All = [Contacts, Transcripts, Surveys, Reasons];
}

/// <summary>One file (or upload) through the pipeline. Loaded + Duplicates + Updated + Quarantined = RowsRead.</summary>
public sealed class IngestBatch
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string SourceFile { get; set; }
    public required string ContentHash { get; set; }
    /// <summary>running, completed, failed.</summary>
    public required string State { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    public int RowsRead { get; set; }
    public int Loaded { get; set; }
    public int Duplicates { get; set; }
    public int Updated { get; set; }
    public int Quarantined { get; set; }
    /// <summary>Personal-data redactions made in free text, per placeholder type, as JSON.</summary>
    public string? RedactionsJson { get; set; }
    public string? Error { get; set; }
    /// <summary>The file's header line, so quarantined rows can be fixed and re-submitted as a file of their own.</summary>
    public string? Header { get; set; }
    public string? Profile { get; set; }
    /// <summary>When the follow-ups (search index, scoring, aggregates) finished for this batch.</summary>
    public DateTime? FollowUpUtc { get; set; }
    /// <summary>The API key that uploaded the file (null: CLI, drop folder, survey pull): an ingest key sees its own.</summary>
    public int? SubmittedByKeyId { get; set; }
}

/// <summary>A row that failed validation: kept with its line and raw text so nothing is lost.</summary>
public sealed class QuarantinedRow
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public required string SourceFile { get; set; }
    public int LineNumber { get; set; }
    public required string RawText { get; set; }
    public required string Reason { get; set; }
    public DateTime? ResolvedUtc { get; set; }
    /// <summary>The batch that re-submitted the fixed row.</summary>
    public long? ResolvedByBatchId { get; set; }
}

/// <summary>Where a pulled source stands: the `since` watermark of completed runs and the cursor of a run in progress.</summary>
public sealed class SourceWatermark
{
    public required string Name { get; set; }
    public DateTime? SinceUtc { get; set; }
    public string? Cursor { get; set; }
    /// <summary>The newest item seen in the run in progress; becomes SinceUtc when the run completes.</summary>
    public DateTime? RunMaxUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
