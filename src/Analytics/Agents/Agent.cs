namespace Analytics.Agents;

public sealed class Team
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}

public sealed class Agent
{
    public int Id { get; set; }
    /// <summary>The agent's id in the telephony/CRM system; the natural key for ingest.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    /// <summary>The agent's last working day; after Retention:AgentPseudonymiseAfterDays the name becomes a code.</summary>
    public DateOnly? LeftOn { get; set; }
    /// <summary>When the name was replaced by its pseudonym; ingest never writes a name back after that.</summary>
    public DateTime? PseudonymisedUtc { get; set; }
}

/// <summary>Pseudonymous: a key from the source system (or a hash of it), never a name.</summary>
public sealed class Customer
{
    public long Id { get; set; }
    public required string Key { get; set; }
}
