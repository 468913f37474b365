using System.Net;
using System.Text.RegularExpressions;

namespace Analytics.IntegrationTests.Web;

/// <summary>A page's table rows as a reader sees them: the row's heading and its cells, tags stripped.</summary>
public static class WebRows
{
    /// <summary>The row marked <c>data-{attribute}="{value}"</c>: its heading (th) text and its cells' texts; null when absent.</summary>
    public static (string Heading, List<string> Cells)? Row(string html, string attribute, string value)
    {
        var row = Regex.Match(html, $"<tr data-{attribute}=\"{Regex.Escape(value)}\">(.*?)</tr>", RegexOptions.Singleline);
        if (!row.Success) return null;
        var heading = Regex.Match(row.Groups[1].Value, "<th[^>]*>(.*?)</th>", RegexOptions.Singleline);
        var cells = Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => Text(m.Groups[1].Value))
            .ToList();
        return (Text(heading.Groups[1].Value), cells);
    }

    /// <summary>The values of an attribute over all rows that carry it, in page order.</summary>
    public static List<string> Keys(string html, string attribute) =>
        Regex.Matches(html, $"<tr data-{attribute}=\"([^\"]*)\">").Select(m => m.Groups[1].Value).ToList();

    private static string Text(string fragment) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(fragment, "<[^>]+>", ""), "\\s+", " ")).Replace('\u00A0', ' ').Trim();
}
