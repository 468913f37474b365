namespace Analytics.Contacts;

public static class Channels
{
    public const string Phone = "phone";
    public const string Chat = "chat";
    public const string Email = "email";
    public static readonly string[] All = [Phone, Chat, Email];
}

public sealed class Contact
{
    public long Id { get; set; }
    /// <summary>Name of the source system; (Source, SourceId) is the natural key.</summary>
    public required string Source { get; set; }
    public required string SourceId { get; set; }
    public required string Channel { get; set; }
    public string? Queue { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public int WaitSeconds { get; set; }
    public int TalkSeconds { get; set; }
    public int HoldSeconds { get; set; }
    public int AcwSeconds { get; set; }
    public int Transfers { get; set; }
    public string? Outcome { get; set; }
    public int? AgentId { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>The reason the agent coded at wrap-up.</summary>
    public int? ReasonId { get; set; }
    /// <summary>Agent notes, redacted of personal data before storage.</summary>
    public string? Notes { get; set; }
    /// <summary>ISO 639-1 code of the conversation's language: the source's own column when it has one, else detected from the notes.</summary>
    public string? Language { get; set; }
    public long? BatchId { get; set; }
    /// <summary>Hash of the source row's content: tells a duplicate from an update on re-ingest.</summary>
    public long ContentHash { get; set; }
}

public sealed class TranscriptTurn
{
    public long ContactId { get; set; }
    public int Seq { get; set; }
    /// <summary>agent or customer.</summary>
    public required string Speaker { get; set; }
    public int StartMs { get; set; }
    public int EndMs { get; set; }
    public required string Text { get; set; }
    public long? BatchId { get; set; }
    public long ContentHash { get; set; }
}

/// <summary>
/// The full-text search document of a contact (notes and transcript, Dutch and English stemming in one vector).
/// Built by a follow-up job after each batch instead of at insert, so ingest speed does not pay for stemming.
/// </summary>
public sealed class ContactSearch
{
    public long ContactId { get; set; }
    public NpgsqlTypes.NpgsqlTsVector Vector { get; set; } = null!;
}
