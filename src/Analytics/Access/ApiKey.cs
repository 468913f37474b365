using System.Security.Cryptography;
using System.Text;

namespace Analytics.Access;

public static class Roles
{
    public const string Analyst = "analyst";
    public const string CxManager = "cx-manager";
    public const string QualityManager = "quality-manager";
    public const string Admin = "admin";
    /// <summary>Machine keys of feeds: push data files and read their own batches, nothing else.</summary>
    public const string Ingest = "ingest";
    /// <summary>Agent-level data of its own teams (the key's scope), aggregates of the rest like a cx-manager.</summary>
    public const string TeamLead = "team-lead";
    /// <summary>One agent's own data (the key's scope) and nothing of colleagues.</summary>
    public const string Agent = "agent";
    public static readonly string[] All = [Analyst, CxManager, QualityManager, Admin, Ingest, TeamLead, Agent];

    /// <summary>Who may see figures and transcripts of individual agents.</summary>
    public static readonly string[] AgentLevel = [QualityManager, Admin];
    public static bool SeesAgents(string role) => AgentLevel.Contains(role);
}

/// <summary>An API key: only its SHA-256 is stored; the prefix identifies it in lists and logs.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string Prefix { get; set; }
    public required byte[] Hash { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    /// <summary>A team lead's teams (codes); null for every other role.</summary>
    public string[]? Teams { get; set; }
    /// <summary>The agent (code) an agent's key belongs to; null for every other role.</summary>
    public string? AgentCode { get; set; }

    public static (string Key, byte[] Hash, string Prefix) NewKey()
    {
        var key = "ak_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return (key, HashOf(key), key[..10]);
    }

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Every access to agent-level data, for the admin to read.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public int? ApiKeyId { get; set; }
    public required string Role { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    public string? Query { get; set; }
    public int Status { get; set; }
    /// <summary>What changed, for writes such as a privacy switch (old and new value); null for reads.</summary>
    public string? Detail { get; set; }
}

/// <summary>
/// A signed-in browser session of the jobs dashboard: a random token (only its hash stored) bound to the admin key
/// that opened it, so revoking the key or the session ends it at once.
/// </summary>
public sealed class DashboardSession
{
    public long Id { get; set; }
    public required byte[] TokenHash { get; set; }
    public int ApiKeyId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
}
