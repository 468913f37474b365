using Analytics.Metrics;
using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Reasons;

/// <summary>
/// Horizontal bars, largest reason on top, each labelled with its count and cumulative share. Horizontal so that
/// 20+ long Dutch reason names stay legible without rotated or overlapping tick labels.
/// </summary>
internal static class ParetoChart
{
    public static void Draw(SKCanvas canvas, float width, float height, IReadOnlyList<ReasonVolume> reasons, ReportLanguage lang)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var cumulative = 0.0;
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        using var tickFont = new SKFont(Pdf.PdfLayout.Regular, 11);
        for (var i = 0; i < reasons.Count; i++)
        {
            var r = reasons[i];
            cumulative += r.SharePercent;
            var position = reasons.Count - i; // largest on top
            bars.Add(new Bar
            {
                Position = position, Value = r.Contacts, Size = 0.7,
                FillColor = r.Avoidable ? new Color(0xC2, 0x41, 0x0C) : new Color(0x1F, 0x6F, 0xB2),
                LineWidth = 0,
                Label = $"{lang.Number(r.Contacts)}  ({lang.Percent(cumulative, 0)})",
            });
            var name = lang.Code == "nl" ? r.NameNl : r.NameEn;
            ticks.Add(new Tick(position, Pdf.PdfLayout.Fit(name, tickFont, 190), true));
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 9;
        barPlot.ValueLabelStyle.FontName = "DejaVu Sans";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 10;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.SetLimitsX(0, Math.Max(1, reasons.Max(r => r.Contacts)) * 1.28);
        plot.Axes.SetLimitsY(0.4, reasons.Count + 0.6);
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        // ScottPlot works in pixels; render at 2x and scale down so text keeps its point size on the page.
        const float scale = 0.75f;
        canvas.Save();
        canvas.Scale(scale);
        plot.Render(canvas, (int)(width / scale), (int)(height / scale));
        canvas.Restore();
    }
}
