using Analytics.Reasons;
using Analytics.Reports.Pdf;

namespace Analytics.Reports.Reasons;

/// <summary>
/// "New reasons": the largest candidate reasons of the period (contacts the model could not place, or analysts moved
/// away from its label, grouped by their words), so a CX manager sees what the taxonomy misses next to what it has.
/// </summary>
internal static class NewReasonsSection
{
    private const int Shown = 8;
    private const int ExampleLength = 70;

    public static void Draw(PdfLayout layout, IReadOnlyList<CandidateView> candidates, ReportLanguage lang)
    {
        layout.Space(10);
        layout.Text(lang["newreasons.title"], 11, bold: true);
        layout.Space(2);
        layout.Text(lang["newreasons.intro"], 8, color: PdfLayout.Muted);
        layout.Space(4);
        if (candidates.Count == 0)
        {
            layout.Text(lang["newreasons.none"], 9, color: PdfLayout.Ink);
            return;
        }
        var columns = new List<TableColumn>
        {
            new(lang["newreasons.words"], 140), new(lang["contacts"], 50, true), new(lang["newreasons.trend"], 60, true),
            new(lang["newreasons.reach"], 70), new(lang["newreasons.example"], 179),
        };
        var rows = candidates.Take(Shown).Select(c => new[]
        {
            $"#{c.Id} " + string.Join(", ", c.Words.Take(3)) + (c.AcceptedCode is null ? "" : $" ({lang["newreasons.accepted"]} {c.AcceptedCode})"),
            lang.Number(c.Contacts),
            Trend(c.Weeks, lang),
            string.Join(", ", c.Teams) + " · " + string.Join(", ", c.Channels.Select(x => x.Channel)),
            Example(c.Examples.FirstOrDefault()?.Notes),
        });
        PdfTable.Draw(layout, columns, rows, size: 8);
    }

    /// <summary>Contacts per week in the last half of the period's weeks against the first half.</summary>
    private static string Trend(IReadOnlyList<WeekCount> weeks, ReportLanguage lang)
    {
        if (weeks.Count < 2) return "";
        var half = weeks.Count / 2;
        double before = weeks.Take(half).Average(w => w.Contacts), after = weeks.Skip(half).Average(w => w.Contacts);
        return lang.Number((int)Math.Round(before)) + " → " + lang.Number((int)Math.Round(after));
    }

    private static string Example(string? notes) =>
        notes is null ? "" : notes.Length <= ExampleLength ? notes : notes[..ExampleLength].TrimEnd() + "…";
}
