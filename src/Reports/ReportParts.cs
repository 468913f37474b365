using Analytics.Reports.Pdf;
using Analytics.Time;
using SkiaSharp;

namespace Analytics.Reports;

/// <summary>The cover line every report starts with: title, period, filters, data freshness.</summary>
public static class ReportHeader
{
    public static void Draw(PdfLayout layout, ReportLanguage lang, string title, string subtitle, Period period, string filters, DateTime? lastIngestUtc)
    {
        layout.Text(title, 20, bold: true, color: PdfLayout.Accent);
        layout.Text(subtitle, 10.5f, color: PdfLayout.Muted);
        layout.Space(4);
        var freshness = lastIngestUtc is { } t ? lang.DateTime(Amsterdam.ToLocal(t)) : lang["never"];
        layout.Text($"{lang["period"]}: {lang.Date(period.From)} – {lang.Date(period.To)}   ·   {lang["filters"]}: {filters}   ·   {lang["freshness"]}: {freshness}", 8.5f);
        layout.HorizontalRule();
        layout.Space(4);
    }
}

/// <summary>Pieces several report families share.</summary>
public static class ReportParts
{
    /// <summary>Up to four headline figures in boxes across the page.</summary>
    public static void Kpis(PdfLayout layout, params (string Value, string Label)[] kpis)
    {
        layout.Block(52, (canvas, w, h) =>
        {
            var gap = 10f;
            var boxWidth = (w - gap * (kpis.Length - 1)) / kpis.Length;
            using var bg = new SKPaint { Color = PdfLayout.Band };
            using var big = new SKFont(PdfLayout.Bold, kpis.Length > 3 ? 15 : 18);
            using var small = new SKFont(PdfLayout.Regular, 8);
            using var ink = new SKPaint { Color = PdfLayout.Accent, IsAntialias = true };
            using var muted = new SKPaint { Color = PdfLayout.Muted, IsAntialias = true };
            for (var i = 0; i < kpis.Length; i++)
            {
                var x = i * (boxWidth + gap);
                canvas.DrawRoundRect(x, 0, boxWidth, h - 8, 4, 4, bg);
                canvas.DrawText(PdfLayout.Fit(kpis[i].Value, big, boxWidth - 16), x + 8, 24, big, ink);
                canvas.DrawText(PdfLayout.Fit(kpis[i].Label, small, boxWidth - 16), x + 8, 38, small, muted);
            }
        });
        layout.Space(6);
    }

    public static void Heading(PdfLayout layout, string text)
    {
        layout.Need(60);
        layout.Space(6);
        layout.Text(text, 11, bold: true);
        layout.Space(2);
    }
}
