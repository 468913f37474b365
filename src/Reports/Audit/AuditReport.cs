using Analytics.Reports.Pdf;
using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Audit;

/// <summary>
/// The monthly audit summary (admin only): who looked at which agent's data how often, exports, refused attempts, key
/// and switch changes, retention and erasures. Counts only: the log holds no content, and neither does this report.
/// </summary>
public static class AuditReport
{
    private const float LabelWidth = 190;
    private const int ChartKeys = 15;

    public static void Render(AuditSummary data, ReportLanguage lang, Stream output)
    {
        var layout = new PdfLayout();
        ReportHeader.Draw(layout, lang, lang["audit.title"], lang["audit.subtitle"], data.Period, lang["none"],
            data.LatestUtc);
        ReportParts.Kpis(layout,
            (lang.Number(data.Looks), lang["audit.looks"]),
            (lang.Number(data.Refusals.Sum(r => r.Count)), lang["audit.refusals"]),
            (lang.Number(data.Exports.Sum(r => r.Count)), lang["audit.exports"]),
            (lang.Number(data.KeyChanges.Sum(r => r.Count)), lang["audit.keys"]));

        ReportParts.Heading(layout, lang["audit.h.bykey"]);
        var shown = data.ByKey.Take(ChartKeys).ToList();
        if (shown.Count > 0)
        {
            var rowHeight = RowChart.RowHeight(shown.Select(k => k.Who), LabelWidth, 15);
            layout.Block(RowChart.Height(shown.Count, rowHeight), (canvas, w, h) => Chart(canvas, w, h, shown, lang));
            layout.Space(6);
        }
        Table(layout, lang,
            [new(lang["audit.who"], 260), new(lang["audit.looks"], 110, true), new(lang["audit.agents"], 129, true)],
            data.ByKey.Select(k => new[] { k.Who, lang.Number(k.Looks), lang.Number(k.Agents) }));

        ReportParts.Heading(layout, lang["audit.h.byagent"]);
        Table(layout, lang,
            [
                new(lang["audit.agentcode"], 260), new(lang["audit.looks"], 110, true),
                new(lang["audit.keycount"], 129, true),
            ],
            data.ByAgent.Select(a => new[] { AgentLabel(a.Agent, lang), lang.Number(a.Looks), lang.Number(a.Keys) }));

        Counts(layout, lang, lang["audit.h.exports"], data.Exports);
        Counts(layout, lang, lang["audit.h.refusals"], data.Refusals);
        Counts(layout, lang, lang["audit.h.keys"], data.KeyChanges);
        if (data.Switches.Count == 0)
        {
            ReportParts.Heading(layout, lang["audit.h.switches"]);
            layout.Text(lang["audit.noswitches"], 9, color: PdfLayout.Muted);
        }
        else Counts(layout, lang, lang["audit.h.switches"], data.Switches);
        Counts(layout, lang, lang["audit.h.privacy"], data.Privacy);

        layout.Space(8);
        layout.Text($"{lang["audit.entries"]}: {lang.Number(data.Entries)}. {lang["audit.howto"]}", 8,
            color: PdfLayout.Muted);
        layout.Save(output, $"{lang["audit.title"]} {data.Period}",
            $"{lang["audit.title"]} · {lang.Date(data.Period.From)} – {lang.Date(data.Period.To)}",
            (page, pages) => lang.Format("page", page, pages));
    }

    private static string AgentLabel(string agent, ReportLanguage lang) => agent switch
    {
        AuditSummary.AllAgents => lang["audit.all"],
        AuditSummary.OneContact => lang["audit.contact"],
        _ => agent,
    };

    private static void Counts(PdfLayout layout, ReportLanguage lang, string heading, IReadOnlyList<AuditCount> rows)
    {
        ReportParts.Heading(layout, heading);
        Table(layout, lang,
            [new(lang["audit.who"], 200), new(lang["audit.what"], 229), new(lang["audit.count"], 70, true)],
            rows.Select(r => new[] { r.Who, r.What, lang.Number(r.Count) }));
    }

    /// <summary>A table, or one line saying there was nothing: an empty section still says it was looked at.</summary>
    private static void Table(PdfLayout layout, ReportLanguage lang, List<TableColumn> columns,
        IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) layout.Text(lang["audit.none"], 9, color: PdfLayout.Muted);
        else PdfTable.Draw(layout, columns, list, size: 8);
        layout.Space(4);
    }

    private static void Chart(SKCanvas canvas, float width, float height, IReadOnlyList<KeyLooks> keys,
        ReportLanguage lang)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var bars = keys.Select((k, i) => new Bar
        {
            Position = keys.Count - i, Value = k.Looks, Size = 0.7, FillColor = new Color(0x1F, 0x6F, 0xB2),
            LineWidth = 0, Label = lang.Number(k.Looks),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 9;
        barPlot.ValueLabelStyle.FontName = "DejaVu Sans";
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0, Math.Max(1, keys.Max(k => k.Looks)) * 1.2);
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        RowChart.Render(canvas, plot, width, height, LabelWidth, 0,
            keys.Select((k, i) => new RowLabel(keys.Count - i, k.Who, PdfLayout.Ink)).ToList());
    }
}
