using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Quality;

/// <summary>
/// Each ranked agent's shrunk NPS (dot) with its 95% interval (line) and the raw figure (ring): the picture shows at a
/// glance how little separates most agents, and why a raw +35 from 12 surveys is not the best agent in the house.
/// </summary>
internal static class AgentChart
{
    public static void Draw(SKCanvas canvas, float width, float height, IReadOnlyList<AgentFairScore> ranked, double centreNps, ReportLanguage lang)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var ticks = new List<Tick>();
        using var tickFont = new SKFont(Pdf.PdfLayout.Regular, 10);
        for (var i = 0; i < ranked.Count; i++)
        {
            var a = ranked[i];
            var y = ranked.Count - i;
            var line = plot.Add.Line(a.Low, y, a.High, y);
            line.LineWidth = 2;
            line.Color = new Color(0x9F, 0xB8, 0xD0);
            line.MarkerSize = 0;
            var raw = plot.Add.Marker(a.Raw, y);
            raw.MarkerShape = MarkerShape.OpenCircle;
            raw.MarkerSize = 7;
            raw.Color = new Color(0x6B, 0x75, 0x80);
            var shrunk = plot.Add.Marker(a.Shrunk, y);
            shrunk.MarkerShape = MarkerShape.FilledCircle;
            shrunk.MarkerSize = 8;
            shrunk.Color = new Color(0x1F, 0x6F, 0xB2);
            ticks.Add(new Tick(y, Pdf.PdfLayout.Fit(a.Name ?? a.Agent, tickFont, 150), true));
        }
        var centre = plot.Add.VerticalLine(centreNps);
        centre.LineColor = new Color(0xC2, 0x41, 0x0C);
        centre.LinePattern = LinePattern.Dashed;
        centre.LineWidth = 1;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 10;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.Bottom.Label.Text = lang["quality.chart.axis"];
        plot.Axes.Bottom.Label.FontSize = 10;
        plot.Axes.SetLimitsY(0.3, ranked.Count + 0.7);
        plot.Axes.SetLimitsX(-100, 100);
        plot.Grid.YAxisStyle.IsVisible = false;
        const float scale = 0.75f;
        canvas.Save();
        canvas.Scale(scale);
        plot.Render(canvas, (int)(width / scale), (int)(height / scale));
        canvas.Restore();
    }
}
