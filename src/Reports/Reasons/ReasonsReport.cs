using Analytics.Metrics;
using Analytics.Reasons;
using Analytics.Reports.Pdf;
using Analytics.Time;

namespace Analytics.Reports.Reasons;

/// <summary>The contact-reasons report: volumes, Pareto, change against the previous period, avoidable share.</summary>
public static class ReasonsReport
{
    /// <summary>Reasons in the chart; the table lists them all (the Reasons page shows the same figure).</summary>
    public const int ChartReasons = 25;

    public static void Render(ReasonVolumes data, ReportLanguage lang, ReportFilters filters, Stream output,
        IReadOnlyList<CandidateView>? newReasons = null)
    {
        var layout = new PdfLayout();
        ReportHeader.Draw(layout, lang, lang["reasons.title"], lang["reasons.subtitle"], data.Period,
            filters.Describe(lang), data.LastIngestUtc);

        if (data.TotalContacts == 0)
        {
            layout.Space(20);
            layout.Text(lang["nodata"], 12, color: PdfLayout.Ink);
        }
        else
        {
            DrawKpis(layout, data, lang);
            layout.Text(lang["pareto"], 11, bold: true);
            layout.Space(4);
            var shown = data.Reasons.Take(ChartReasons).ToList();
            var figure = ParetoChart.Compose(shown, lang);
            layout.Block(figure.Height, figure.Render);
            layout.Space(10);
            DrawTable(layout, data, lang);
        }
        if (newReasons is not null) NewReasonsSection.Draw(layout, newReasons, lang);
        layout.Space(8);
        layout.Text(lang["reasons.howto"], 8, color: PdfLayout.Muted);
        layout.Save(output, $"{lang["reasons.title"]} {data.Period}",
            $"{lang["reasons.title"]} · {lang.Date(data.Period.From)} – {lang.Date(data.Period.To)}",
            (page, pages) => lang.Format("page", page, pages), ReportParts.Colophon(filters, lang));
    }

    private static void DrawKpis(PdfLayout layout, ReasonVolumes data, ReportLanguage lang)
    {
        var avoidable = data.Reasons.Where(r => r.Avoidable).Sum(r => r.Contacts);
        var top3 = data.Reasons.Take(3).Sum(r => r.Contacts);
        ReportParts.Kpis(layout,
            (lang.Number(data.TotalContacts), lang["kpi.total"]),
            (lang.Percent(100.0 * avoidable / data.TotalContacts), lang["kpi.avoidable"]),
            (lang.Percent(100.0 * top3 / data.TotalContacts), lang["kpi.top3"]));
    }

    private static void DrawTable(PdfLayout layout, ReasonVolumes data, ReportLanguage lang)
    {
        // Widths give every header word its room at 8 pt in both languages; names and long headers wrap.
        var columns = new List<TableColumn>
        {
            new(lang["reason"], 119), new(lang["department"], 74), new(lang["contacts"], 53, true),
            new(lang["share"], 44, true), new(lang["cumulative"], 57, true), new(lang["previous"], 45, true),
            new(lang["change"], 44, true), new(lang["avoidable"], 63, true),
        };
        var cumulative = 0.0;
        var rows = new List<string[]>();
        foreach (var r in data.Reasons)
        {
            cumulative += r.SharePercent;
            rows.Add([
                lang.ReasonName(r.NameNl, r.NameEn), lang.Department(r.Department), lang.Number(r.Contacts),
                lang.Percent(r.SharePercent),
                lang.Percent(cumulative), lang.Number(r.PreviousContacts), Change(r.Contacts, r.PreviousContacts, lang),
                r.Avoidable ? lang["yes"] : lang["no"],
            ]);
        }
        if (data.Uncoded > 0)
            rows.Add([lang["uncoded"], "", lang.Number(data.Uncoded),
                lang.Percent(100.0 * data.Uncoded / data.TotalContacts), "", "", "", ""]);
        PdfTable.Draw(layout, columns, rows, size: 8,
            boldRow: [lang["total"], "", lang.Number(data.TotalContacts), lang.Percent(100), "",
                lang.Number(data.Reasons.Sum(r => r.PreviousContacts)), "", ""]);
    }

    private static string Change(int now, int before, ReportLanguage lang) =>
        before == 0 ? (now == 0 ? "" : lang["new"])
            : (now >= before ? "+" : "") + lang.Percent(100.0 * (now - before) / before, 0);
}
