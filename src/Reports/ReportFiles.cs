using System.Text.RegularExpressions;
using Analytics.Time;

namespace Analytics.Reports;

/// <summary>A report that may not be rendered as asked; each entry names the parameter at fault.</summary>
public sealed class InvalidReportException(IReadOnlyDictionary<string, string[]> errors)
    : ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public InvalidReportException(string parameter, string message)
        : this(new Dictionary<string, string[]> { [parameter] = [message] }) { }
}

/// <summary>
/// Where a report's PDF goes. The name is built from the run id and checked codes only, never from raw input, and the
/// resolved path must lie inside the report folder: a team of "../../../tmp/x" must not choose where a file lands.
/// </summary>
public static partial class ReportFiles
{
    public static string PathFor(string directory, long runId, string family, Period period, ReportLanguage lang,
        ReportFilters filters)
    {
        if (!ReportRenderer.Families.Contains(family))
            throw new InvalidReportException("family",
                $"unknown family; use one of {string.Join(", ", ReportRenderer.Families)}");
        var slug = string.Concat(new[] { ("team", filters.Team), ("channel", filters.Channel), ("agent", filters.Agent) }
            .Where(f => f.Item2 is { } code && SafeCode().IsMatch(code))
            .Select(f => $"_{f.Item1}-{f.Item2}"));
        var name = $"{family}_{period.From:yyyy-MM-dd}_{period.To:yyyy-MM-dd}_{lang.Code}{slug}_{runId}.pdf";
        return Inside(directory, name);
    }

    /// <summary><paramref name="name"/> resolved inside <paramref name="directory"/>; throws if it escapes.</summary>
    public static string Inside(string directory, string name)
    {
        var root = Path.GetFullPath(directory);
        if (!Path.EndsInDirectorySeparator(root)) root += Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (!path.StartsWith(root, StringComparison.Ordinal)
            || Path.GetDirectoryName(path) + Path.DirectorySeparatorChar != root)
            throw new InvalidReportException("file", "the report's file name would leave the report folder");
        return path;
    }

    /// <summary>The team a report was filtered on, read back from its file name (codes hold no underscore).</summary>
    public static string? TeamOf(string path) =>
        TeamInName().Match(Path.GetFileName(path)) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("_team-([A-Za-z0-9-]{1,40})_")]
    private static partial Regex TeamInName();

    /// <summary>The agent a coaching report is about, read back from its file name.</summary>
    public static string? AgentOf(string path) =>
        AgentInName().Match(Path.GetFileName(path)) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("_agent-([A-Za-z0-9-]{1,40})_")]
    private static partial Regex AgentInName();

    /// <summary>Codes that may appear in a file name; other (existing) codes are left out, not escaped.</summary>
    [GeneratedRegex("^[A-Za-z0-9-]{1,40}$")]
    private static partial Regex SafeCode();
}
