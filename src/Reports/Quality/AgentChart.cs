using Analytics.Insights.Agents;
using Analytics.Reports.Pdf;
using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Quality;

/// <summary>
/// Every agent with responses, one row each: the shrunk NPS (dot, coloured by tier) with its 95% interval (line), the
/// raw figure (ring) and the NPS of the agent's own team (short bar), with the tier in words on the right. Agents below
/// the minimum n are grey and say so. The picture shows at a glance how little separates most agents, and why a raw
/// +35 from 12 surveys is not the best agent in the house.
/// </summary>
public static class AgentChart
{
    private const float LabelWidth = 120;

    public static float RowHeight(IEnumerable<AgentFairScore> agents) =>
        RowChart.RowHeight(agents.Select(a => a.Name ?? a.Agent), LabelWidth, 13);

    /// <summary>Measured over every agent, so each part of a chart split over pages has the same plot width.</summary>
    public static float NoteWidth(IEnumerable<AgentFairScore> agents, ReportLanguage lang) =>
        RowChart.NoteWidth(agents.Select(a => Note(a, lang)));

    public static void Draw(SKCanvas canvas, float width, float height, IReadOnlyList<AgentFairScore> agents,
        double centreNps, float noteWidth, ReportLanguage lang) =>
        Compose(agents, centreNps, noteWidth, lang).Render(canvas, width, height);

    /// <summary>The figure once: the quality report draws it on its page, the Quality web page as SVG.</summary>
    public static RowFigure Compose(IReadOnlyList<AgentFairScore> agents, double centreNps, float noteWidth,
        ReportLanguage lang)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var rows = new List<RowLabel>();
        for (var i = 0; i < agents.Count; i++)
        {
            var a = agents[i];
            var y = agents.Count - i;
            var colour = Colour(a);
            var line = plot.Add.Line(a.Low, y, a.High, y);
            line.LineWidth = 2;
            line.Color = ToColor(colour).WithAlpha(0.45);
            line.MarkerSize = 0;
            var team = plot.Add.Line(a.TeamNps, y - 0.3, a.TeamNps, y + 0.3);
            team.LineWidth = 1.2f;
            team.Color = ToColor(PdfLayout.Ink);
            team.MarkerSize = 0;
            var raw = plot.Add.Marker(a.Raw, y);
            raw.MarkerShape = MarkerShape.OpenCircle;
            raw.MarkerSize = 7;
            raw.Color = ToColor(a.TooFew ? PdfLayout.Faint : PdfLayout.Muted);
            var shrunk = plot.Add.Marker(a.Shrunk, y);
            shrunk.MarkerShape = MarkerShape.FilledCircle;
            shrunk.MarkerSize = 8;
            shrunk.Color = ToColor(colour);
            var name = a.TooFew ? PdfLayout.Muted : PdfLayout.Ink;
            rows.Add(new RowLabel(y, a.Name ?? a.Agent, name, Note(a, lang), colour));
        }
        var centre = plot.Add.VerticalLine(centreNps);
        centre.LineColor = ToColor(PdfLayout.Muted);
        centre.LinePattern = LinePattern.Dashed;
        centre.LineWidth = 1;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.Bottom.Label.Text = lang["quality.chart.axis"];
        plot.Axes.Bottom.Label.FontSize = 10;
        plot.Axes.SetLimitsX(-100, 100);
        return new RowFigure(plot, rows, LabelWidth, noteWidth, RowChart.Height(rows.Count, RowHeight(agents)));
    }

    private static string Note(AgentFairScore a, ReportLanguage lang) =>
        a.Tier is { } tier ? lang.Tier(tier, shortForm: true) : $"{lang["toofew.long"]} (n = {lang.Number(a.N)})";

    private static SKColor Colour(AgentFairScore a) => a.Tier switch
    {
        AgentTier.Above => PdfLayout.Good,
        AgentTier.Below => PdfLayout.Bad,
        AgentTier.InLine => PdfLayout.Accent,
        _ => PdfLayout.Faint,
    };

    private static Color ToColor(SKColor c) => new(c.Red, c.Green, c.Blue);
}
