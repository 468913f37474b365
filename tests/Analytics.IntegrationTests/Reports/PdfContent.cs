using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Analytics.IntegrationTests.Reports;

/// <summary>
/// What a reader sees in a PDF: its words, and its lines (words on one baseline, left to right, page after page), so a
/// test can ask for "a table row that starts with its rank and ends with its tier" or "a chart row with its note".
/// </summary>
public sealed record PdfContent(string Text, IReadOnlyList<string> Lines, IReadOnlySet<string> Words)
{
    /// <summary>The text without the customers' quoted comments, which are data and may hold anything.</summary>
    public string TextWithoutComments => Regex.Replace(Text, "“[^”]*”", "");

    public static PdfContent Read(string path)
    {
        using var pdf = PdfDocument.Open(path);
        var lines = new List<string>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in pdf.GetPages())
        {
            var pageWords = page.GetWords().ToList();
            // A label in brackets, "(naïef 88%)", still has the word "naïef".
            words.UnionWith(pageWords.SelectMany(w => new[] { w.Text, w.Text.Trim('(', ')') }));
            lines.AddRange(pageWords.GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y, 1))
                .OrderByDescending(g => g.Key)
                .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))));
        }
        return new PdfContent(string.Join("\n", lines), lines, words);
    }
}
