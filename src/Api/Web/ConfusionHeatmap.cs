using Analytics.Classification;
using ScottPlot;

namespace Analytics.Api.Web;

/// <summary>
/// A model's confusion matrix as a heat map (actual down, predicted across), drawn by ScottPlot as SVG. Counts are
/// shown as shares of each actual class, so a rare reason's mistakes are as visible as a common one's; the table
/// beside it holds the counts.
/// </summary>
internal static class ConfusionHeatmap
{
    public static string Svg(ConfusionCounts confusion, string actual, string predicted)
    {
        var n = confusion.Labels.Count;
        var shares = new double[n, n];
        for (var a = 0; a < n; a++)
        {
            var total = confusion.Counts[a].Sum();
            for (var p = 0; p < n; p++) shares[a, p] = total == 0 ? 0 : (double)confusion.Counts[a][p] / total;
        }
        var plot = new Plot();
        var map = plot.Add.Heatmap(shares);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map);
        // ScottPlot draws row 0 at the top, cell centres on whole numbers.
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var labels = confusion.Labels.ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            positions.Select(p => n - 1 - p).ToArray(), labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.TickLabelStyle.FontSize = plot.Axes.Left.TickLabelStyle.FontSize = n > 30 ? 8 : 11;
        // Rotated labels are not measured when ScottPlot sizes the axis: room for the longest, or the title covers them.
        plot.Axes.Bottom.MinimumSize = 30 + 7 * labels.Max(l => l.Length);
        plot.Axes.Bottom.Label.Text = predicted;
        plot.Axes.Left.Label.Text = actual;
        plot.Font.Set("DejaVu Sans");
        var size = Math.Clamp(200 + 16 * n, 400, 1100);
        var svg = plot.GetSvgXml(size + 120, size);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
