using Analytics.Reports.Pdf;
using Analytics.Time;
using SkiaSharp;

namespace Analytics.Reports;

/// <summary>The cover line every report starts with: title, period, filters, data freshness.</summary>
public static class ReportHeader
{
    public static void Draw(PdfLayout layout, ReportLanguage lang, string title, string subtitle, Period period,
        string filters, DateTime? lastIngestUtc)
    {
        layout.Text(title, 20, bold: true, color: PdfLayout.Accent);
        layout.Text(subtitle, 10.5f, color: PdfLayout.Muted);
        layout.Space(4);
        var freshness = lastIngestUtc is { } t ? lang.DateTime(Amsterdam.ToLocal(t)) : lang["never"];
        layout.Text($"{lang["period"]}: {lang.Date(period.From)} – {lang.Date(period.To)}   ·   " +
            $"{lang["filters"]}: {filters}   ·   {lang["freshness"]}: {freshness}", 8.5f);
        layout.HorizontalRule();
        layout.Space(4);
    }
}

/// <summary>Pieces several report families share.</summary>
public static class ReportParts
{
    /// <summary>
    /// Up to four headline figures in boxes across the page. Labels wrap and the boxes grow with them, and a value too
    /// wide for its box is set smaller: a headline figure or its label is never cut short.
    /// </summary>
    public static void Kpis(PdfLayout layout, params (string Value, string Label)[] kpis)
    {
        const float gap = 10, inner = 16, labelSize = 8, labelLine = 10;
        var boxWidth = (PdfLayout.ContentWidth - gap * (kpis.Length - 1)) / kpis.Length;
        var valueSize = kpis.Length > 3 ? 15f : 18f;
        var sizes = kpis.Select(k => PdfLayout.SizeToFit(k.Value, PdfLayout.Bold, valueSize, boxWidth - inner, true))
            .ToArray();
        List<string>[] labels;
        using (var measure = PdfLayout.Font(PdfLayout.Regular, labelSize))
            labels = kpis.Select(k => PdfLayout.Wrap(k.Label, measure, boxWidth - inner)).ToArray();
        var lines = labels.Max(l => l.Count);
        layout.Block(52 + (lines - 1) * labelLine, (canvas, _, h) =>
        {
            using var bg = new SKPaint { Color = PdfLayout.Band };
            using var small = PdfLayout.Font(PdfLayout.Regular, labelSize);
            using var ink = new SKPaint { Color = PdfLayout.Accent, IsAntialias = true };
            using var muted = new SKPaint { Color = PdfLayout.Muted, IsAntialias = true };
            for (var i = 0; i < kpis.Length; i++)
            {
                var x = i * (boxWidth + gap);
                canvas.DrawRoundRect(x, 0, boxWidth, h - 8, 4, 4, bg);
                using var big = PdfLayout.Font(PdfLayout.Bold, sizes[i]);
                canvas.DrawText(kpis[i].Value, x + 8, 24, big, ink);
                for (var l = 0; l < labels[i].Count; l++)
                    canvas.DrawText(labels[i][l], x + 8, 38 + l * labelLine, small, muted);
            }
        });
        layout.Space(6);
    }

    /// <summary>The line under every page's footer: the privacy switches and minimum group sizes in force.</summary>
    public static string? Colophon(ReportFilters filters, ReportLanguage lang) => filters.Privacy is not { } p ? null
        : lang.Format("colophon", lang[p.Ranking ? "on" : "off"], lang[p.GamingSignals ? "on" : "off"],
            lang[p.TranscriptsForQualityManagers ? "on" : "off"], p.MinimumAgents, p.MinimumResponses);

    public static void Heading(PdfLayout layout, string text)
    {
        layout.Need(60);
        layout.Space(6);
        layout.Text(text, 11, bold: true);
        layout.Space(2);
    }
}
