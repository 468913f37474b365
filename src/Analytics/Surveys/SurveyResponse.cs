namespace Analytics.Surveys;

public static class SurveyTypes
{
    public const string Nps = "nps";
    public const string Ces = "ces";
    public const string Csat = "csat";

    public static (int Min, int Max)? Range(string type) => type switch
    {
        Nps => (0, 10),
        Ces => (1, 7),
        Csat => (1, 5),
        _ => null,
    };
}

public sealed class SurveyResponse
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string SourceId { get; set; }
    public required string Type { get; set; }
    public int Score { get; set; }
    /// <summary>Redacted of personal data before storage.</summary>
    public string? Comment { get; set; }
    public DateTime RespondedUtc { get; set; }
    public long? ContactId { get; set; }
    /// <summary>The contact id as the survey tool gave it; kept so a survey that arrives before its contact can be linked later.</summary>
    public string? ContactRef { get; set; }
    public long? CustomerId { get; set; }
    // The linked contact's dimensions, copied so survey figures are one indexed scan instead of a join with
    // millions of contacts; kept in step by the contact merge and by reason corrections.
    public int? AgentId { get; set; }
    public int? ReasonId { get; set; }
    public string? Channel { get; set; }
    public string? Queue { get; set; }
    /// <summary>The contact's language when linked, else the language the comment is written in.</summary>
    public string? Language { get; set; }
    public long? BatchId { get; set; }
    public long ContentHash { get; set; }
}
