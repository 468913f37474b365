using Analytics.Api.Metrics;
using Analytics.Api.Reasons;
using Analytics.Metrics;
using Analytics.Reports;
using Analytics.Reports.Quality;
using Analytics.Reports.Reasons;

namespace Analytics.Api.Web;

/// <summary>Figures as the PDF reports write them (signed NPS, CES with two decimals, CSAT in whole percents) and their charts.</summary>
internal static class WebFigures
{
    public static string Value(string type, double? v, ReportLanguage lang) => v is not { } x ? "–" : type switch
    {
        "nps" => QualityReport.Signed(x, lang),
        "ces" => lang.Number(x, 2),
        _ => lang.Percent(x, 0),
    };

    public static string Interval(string type, double? low, double? high, ReportLanguage lang) =>
        low is null || high is null ? "" : lang.Range(Value(type, low, lang), Value(type, high, lang));

    /// <summary>A survey figure's cells: value, or what stands in for it (hidden for the role, too few responses).</summary>
    public static string Shown(string type, SurveyGroupDto? f, WebText t) => f switch
    {
        null => "–",
        { Suppressed: true } => t["suppressed.short"],
        { TooFewResponses: true } => t.Lang["toofew"],
        _ => Value(type, f.Value, t.Lang),
    };

    /// <summary>
    /// A headline figure as the management report prints it: the value even below the minimum n (said so where its
    /// interval would stand), hidden only where the role may not see it.
    /// </summary>
    public static (string Value, string Interval) Headline(string type, SurveyGroupDto? f, WebText t) => f switch
    {
        { Suppressed: true } => (t["suppressed.short"], ""),
        { TooFewResponses: true } => (Value(type, f.Value, t.Lang), t.Lang["toofew.long"]),
        _ => (Value(type, f?.Value, t.Lang), Interval(type, f?.Low, f?.High, t.Lang)),
    };

    /// <summary>The reasons report's chart of the largest published reasons (a suppressed one has no count, so no bar).</summary>
    public static string? Pareto(ParetoResponse answer, int take, ReportLanguage lang)
    {
        var shown = answer.Reasons.Where(r => r.Contacts is not null).Take(take)
            .Select(r => new ReasonVolume(r.Code, r.NameNl, r.NameEn, null, r.Department, r.Avoidable, r.Contacts!.Value,
                r.PreviousContacts ?? 0, r.SharePercent ?? 0)).ToList();
        return shown.Count == 0 ? null : ParetoChart.Compose(shown, lang).Svg();
    }
}
