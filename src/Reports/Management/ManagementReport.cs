using Analytics.Metrics;
using Analytics.Reports.Pdf;
using Analytics.Reports.Quality;
using Analytics.Time;

namespace Analytics.Reports.Management;

/// <summary>
/// A significant driver of detractors. Feature is DriverAnalysis' key (see DriverFeatures); Reason and Reference name
/// the reason a reason feature is about and the one it is compared with; ReportLanguage.DriverLabel puts it in words.
/// </summary>
public sealed record Driver(string Feature, string? Reason, string? Reference, int LookbackDays, double OddsRatio,
    double Low, double High);

public sealed record DepartmentFailure(string Department, int Avoidable, double SharePercent,
    IReadOnlyList<string> TopReasons);

public sealed record ManagementData(Period Period, DateTime? LastIngestUtc, SurveyFigure? Nps,
    SurveyFigure? PreviousNps, ContactKpis? Contacts, ContactKpis? PreviousContacts, double? HonestFcr,
    double? NaiveFcr, ReasonVolumes Reasons, IReadOnlyList<Driver> Drivers,
    IReadOnlyList<DepartmentFailure> Departments, FollowUpSection? FollowUps = null);

/// <summary>A team's follow-up figures; Suppressed (all null) when fewer agents than the publication rule's minimum
/// handled its contacts in the period, as on every route a cx-manager reads.</summary>
public sealed record FollowUpTeamRow(string Team, int? Tasks, int? Closed, double? ShareClosedInTime, bool Suppressed);

/// <summary>What the floor told the departments: closed follow-up tasks whose cause lay elsewhere, how they closed.
/// </summary>
public sealed record FollowUpSection(IReadOnlyList<Analytics.FollowUps.FollowUpDepartmentFigures> Departments,
    IReadOnlyDictionary<string, int> ClosureCodes, IReadOnlyList<FollowUpTeamRow> Teams, int MinimumAgents);

/// <summary>
/// One or two pages for directors: headline KPIs against the previous period, what drives detractors, and who can act.
/// </summary>
public static class ManagementReport
{
    public static void Render(ManagementData d, ReportLanguage lang, ReportFilters filters, Stream output)
    {
        var layout = new PdfLayout();
        ReportHeader.Draw(layout, lang, lang["mgmt.title"], lang["mgmt.subtitle"], d.Period, filters.Describe(lang),
            d.LastIngestUtc);
        if (d.Contacts is null or { Contacts: 0 })
        {
            layout.Space(20);
            layout.Text(lang["nodata"], 12);
        }
        else
        {
            var c = d.Contacts;
            var npsChange = d.PreviousNps is { } p && d.Nps is { } now
                ? $" ({QualityReport.Signed(now.Score.Value - p.Score.Value, lang)} {lang["mgmt.vsprev"]})" : "";
            var volumeChange = d.PreviousContacts is { Contacts: > 0 } pc
                ? $" ({(c.Contacts >= pc.Contacts ? "+" : "")}" +
                  $"{lang.Percent(100.0 * (c.Contacts - pc.Contacts) / pc.Contacts, 0)})"
                : "";
            ReportParts.Kpis(layout,
                (d.Nps is { } n ? QualityReport.Signed(n.Score.Value, lang) : "–", "NPS" + npsChange),
                (lang.Number(c.Contacts), lang["mgmt.volume"] + volumeChange),
                (d.HonestFcr is { } fcr ? lang.Percent(fcr, 0) : "–",
                    lang["mgmt.fcr"] + (d.NaiveFcr is { } naive
                        ? $" ({lang["mgmt.naive"]} {lang.Percent(naive, 0)})" : "")),
                (lang.Percent(c.AbandonmentRate.Value, 1),
                    lang["mgmt.abandon"] + $" · {lang["mgmt.aht"]} {lang.Number(c.AverageHandleTimeSeconds)} s"));
            // The how-to explains the headline figures, so it sits under them: at the end it spilled alone onto a
            // second page once the follow-up section filled the first.
            layout.Text(lang["mgmt.howto"], 8, color: PdfLayout.Muted);

            ReportParts.Heading(layout, lang["mgmt.toppareto"]);
            var cumulative = 0.0;
            PdfTable.Draw(layout, [new(lang["reason"], 190), new(lang["department"], 90),
                    new(lang["contacts"], 70, true), new(lang["share"], 70, true), new(lang["cumulative"], 79, true)],
                d.Reasons.Reasons.Take(8).Select(r =>
                {
                    cumulative += r.SharePercent;
                    return new[]
                    {
                        lang.ReasonName(r.NameNl, r.NameEn), lang.Department(r.Department), lang.Number(r.Contacts),
                        lang.Percent(r.SharePercent), lang.Percent(cumulative),
                    };
                }));

            if (d.Drivers.Count > 0)
            {
                ReportParts.Heading(layout, lang["mgmt.drivers"]);
                PdfTable.Draw(layout, [new(lang["mgmt.driver"], 300), new(lang["mgmt.odds"], 90, true),
                        new(lang["interval"], 109, true)],
                    d.Drivers.Take(6).Select(x => new[]
                    {
                        lang.DriverLabel(x), lang.Ratio(x.OddsRatio),
                        lang.Range(lang.Ratio(x.Low), lang.Ratio(x.High)),
                    }));
            }

            if (d.Departments.Count > 0)
            {
                ReportParts.Heading(layout, lang["mgmt.actions"]);
                foreach (var dept in d.Departments.Take(3))
                {
                    layout.Text($"{lang.Department(dept.Department)}: {lang.Number(dept.Avoidable)} " +
                        $"{lang["kpi.avoidable"]} ({lang.Percent(dept.SharePercent)})", 10, bold: true);
                    layout.Text(string.Join(" · ", dept.TopReasons), 9);
                    layout.Space(3);
                }
            }
        }
        if (d.FollowUps is { } f) FollowUps(layout, f, lang);
        layout.Save(output, $"{lang["mgmt.title"]} {d.Period}",
            $"{lang["mgmt.title"]} · {lang.Date(d.Period.From)} – {lang.Date(d.Period.To)}",
            (page, pages) => lang.Format("page", page, pages), ReportParts.Colophon(filters, lang));
    }

    private static void FollowUps(PdfLayout layout, FollowUpSection f, ReportLanguage lang)
    {
        ReportParts.Heading(layout, lang["mgmt.followups"]);
        if (f.Departments.Count == 0) layout.Text(lang["mgmt.followups.none"], 9);
        else
            PdfTable.Draw(layout, [new(lang["department"], 300), new(lang["mgmt.followups.tasks"], 199, true)],
                f.Departments.Select(x => new[] { lang.Department(x.Department), lang.Number(x.Tasks) }));
        if (f.ClosureCodes.Count > 0)
            layout.Text(string.Join(" · ",
                f.ClosureCodes.Select(c => $"{lang["closure." + c.Key]} {lang.Number(c.Value)}")), 9);
        if (f.Teams.Count == 0) return;
        layout.Space(4);
        PdfTable.Draw(layout, [new(lang["team"], 180), new(lang["mgmt.followups.due"], 100, true),
                new(lang["mgmt.followups.closed"], 100, true), new(lang["mgmt.followups.intime"], 119, true)],
            f.Teams.Select(t => t.Suppressed
                ? new[] { t.Team, lang.Format("mgmt.followups.small", f.MinimumAgents), "", "" }
                : [t.Team, lang.Number(t.Tasks!.Value), lang.Number(t.Closed!.Value),
                    t.ShareClosedInTime is { } share ? lang.Percent(share, 0) : "–"]));
    }
}
