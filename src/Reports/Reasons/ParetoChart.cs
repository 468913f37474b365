using Analytics.Metrics;
using Analytics.Reports.Pdf;
using ScottPlot;

namespace Analytics.Reports.Reasons;

/// <summary>
/// Horizontal bars, largest reason on top, each labelled with its count and cumulative share. Horizontal so that
/// 20+ long Dutch reason names stay legible, wrapped beside their bar rather than rotated, overlapping or shortened.
/// Composed once (<see cref="Compose"/>); the PDF report draws the figure on its page, the Reasons web page as SVG.
/// </summary>
public static class ParetoChart
{
    private const float LabelWidth = 160;

    public static RowFigure Compose(IReadOnlyList<ReasonVolume> reasons, ReportLanguage lang)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var cumulative = 0.0;
        var bars = new List<Bar>();
        var rows = new List<RowLabel>();
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
            rows.Add(new RowLabel(position, lang.ReasonName(r.NameNl, r.NameEn), PdfLayout.Ink));
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 9;
        barPlot.ValueLabelStyle.FontName = "DejaVu Sans";
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.SetLimitsX(0, Math.Max(1, reasons.Select(r => r.Contacts).DefaultIfEmpty(0).Max()) * 1.28);
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        var rowHeight = RowChart.RowHeight(rows.Select(r => r.Text), LabelWidth, 17);
        return new RowFigure(plot, rows, LabelWidth, 0, RowChart.Height(rows.Count, rowHeight));
    }
}
