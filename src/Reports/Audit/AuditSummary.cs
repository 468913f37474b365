using System.Text.RegularExpressions;
using Analytics.Time;

namespace Analytics.Reports.Audit;

/// <summary>One row of the audit log as the summary reads it; <c>Who</c> is the key's role, id and name.</summary>
public sealed record AuditRow(DateTime AtUtc, string Who, string Method, string Path, string? Query, int Status, string? Detail = null);

/// <summary>A line of a summary table: what, and how often.</summary>
public sealed record AuditCount(string Who, string What, int Count);

/// <summary>How often each key looked at agent-level data, and at how many different agents.</summary>
public sealed record KeyLooks(string Who, int Looks, int Agents);

/// <summary>How often one agent's data was looked at, and by how many keys: counts by code, never content.</summary>
public sealed record AgentLooks(string Agent, int Looks, int Keys);

/// <summary>The monthly audit summary for the works council and the privacy officer.</summary>
public sealed partial record AuditSummary(Period Period, int Entries, IReadOnlyList<KeyLooks> ByKey,
    IReadOnlyList<AgentLooks> ByAgent,
    IReadOnlyList<AuditCount> Exports, IReadOnlyList<AuditCount> Refusals, IReadOnlyList<AuditCount> KeyChanges,
    IReadOnlyList<AuditCount> Switches, IReadOnlyList<AuditCount> Privacy)
{
    /// <summary>What an entry that looked at several agents at once (a ranking, per agent) counts under.</summary>
    public const string AllAgents = "*";
    public const string OneContact = "#";

    public int Looks => ByKey.Sum(k => k.Looks);

    /// <summary>The newest entry of the period: what the summary is complete up to.</summary>
    public DateTime? LatestUtc { get; init; }

    /// <summary>Sorts every entry of the period into exactly one section.</summary>
    public static AuditSummary From(Period period, IReadOnlyList<AuditRow> rows)
    {
        var looks = new List<(string Who, string Agent)>();
        var exports = new List<AuditRow>();
        var refusals = new List<AuditRow>();
        var keys = new List<AuditRow>();
        var switches = new List<AuditRow>();
        var privacy = new List<AuditRow>();
        foreach (var row in rows)
        {
            if (row.Status is 401 or 403) refusals.Add(row);
            else if (row.Method == "CLI" && row.Path.StartsWith("keys ", StringComparison.Ordinal)) keys.Add(row);
            else if (row.Path.Contains("switch", StringComparison.OrdinalIgnoreCase)) switches.Add(row);
            else if (row.Path is "retention" or "audit_log prune" or "erase-customer"
                     || row.Path.StartsWith("/api/v1/privacy", StringComparison.Ordinal)) privacy.Add(row);
            else if (row.Path == "/api/v1/contacts" || row.Path.EndsWith("/download", StringComparison.Ordinal))
                exports.Add(row);
            else if (row.Status < 400 && row.Path.StartsWith("/api/", StringComparison.Ordinal))
                looks.Add((row.Who, AgentOf(row)));
        }
        return new AuditSummary(period, rows.Count,
            looks.GroupBy(l => l.Who)
                .Select(g => new KeyLooks(g.Key, g.Count(), g.Select(l => l.Agent).Distinct().Count()))
                .OrderByDescending(k => k.Looks).ThenBy(k => k.Who, StringComparer.Ordinal).ToList(),
            looks.GroupBy(l => l.Agent)
                .Select(g => new AgentLooks(g.Key, g.Count(), g.Select(l => l.Who).Distinct().Count()))
                .OrderByDescending(a => a.Looks).ThenBy(a => a.Agent, StringComparer.Ordinal).ToList(),
            Count(exports, r => r.Path.EndsWith("/download", StringComparison.Ordinal) ? "report" : "contacts.csv"),
            Count(refusals, r => r.Method + " " + Route(r.Path)),
            Count(keys, r => r.Path), Count(switches, r => r.Detail ?? r.Method + " " + Route(r.Path)),
            Count(privacy, r => r.Path.StartsWith("/api/", StringComparison.Ordinal) ? Route(r.Path) : r.Path))
        {
            LatestUtc = rows.Count == 0 ? null : rows.Max(r => r.AtUtc),
        };
    }

    private static List<AuditCount> Count(IEnumerable<AuditRow> rows, Func<AuditRow, string> what) =>
        rows.GroupBy(r => (r.Who, What: what(r))).Select(g => new AuditCount(g.Key.Who, g.Key.What, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Who, StringComparer.Ordinal).ToList();

    /// <summary>Whom an entry was about: the code in its path or agent= filter, else all agents or a contact.</summary>
    private static string AgentOf(AuditRow row)
    {
        if (ScorecardPath().Match(row.Path) is { Success: true } m) return Uri.UnescapeDataString(m.Groups[1].Value);
        // A coaching report's run or download names its agent in the entry's detail (agent=CODE).
        foreach (var source in new[] { row.Query, row.Detail })
            if (AgentQuery().Match(source ?? "") is { Success: true } q) return Uri.UnescapeDataString(q.Groups[1].Value);
        return ContactPath().IsMatch(row.Path) ? OneContact : AllAgents;
    }

    /// <summary>A path with its ids replaced, so refusals group by what was tried rather than by which id.</summary>
    private static string Route(string path) => Ids().Replace(path, "/{id}");

    [GeneratedRegex("^/api/v1/agents/([^/]+)/scorecard")]
    private static partial Regex ScorecardPath();

    [GeneratedRegex("(?:^|[?&])agent=([^&]+)")]
    private static partial Regex AgentQuery();

    [GeneratedRegex("^/api/v1/(insights/)?contacts/\\d+")]
    private static partial Regex ContactPath();

    [GeneratedRegex("/\\d+(?=/|$)")]
    private static partial Regex Ids();
}
