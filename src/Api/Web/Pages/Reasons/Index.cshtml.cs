using Analytics.Api.Reasons;
using Analytics.Reports.Reasons;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Web.Pages.Reasons;

/// <summary>
/// The Pareto of contact reasons, filtered by the URL (bookmarkable): the API's answer for this role
/// (<see cref="ReasonPareto"/>), drawn with the reasons report's figure and listed in a table beside it.
/// </summary>
[AccessAs("GET /api/v1/reasons/pareto")]
internal sealed class IndexModel(ReasonPareto pareto) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }

    public ParetoResponse? Answer { get; private set; }
    public string? ChartSvg { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new ParetoQuery(From, To, Team, Channel, Queue, Language);
        Answer = Take<ParetoResponse>(await pareto.AskAsync(query, HttpContext, ct));
        if (Answer is null) return;
        From = Answer.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To = Answer.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        ChartSvg = WebFigures.Pareto(Answer, ReasonsReport.ChartReasons, WebLanguage.Of(HttpContext));
    }

    /// <summary>This view's filters with one changed (a reason's link keeps the period and filters).</summary>
    public string Query(string? reason = null) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
        reason is null ? "/web/reasons" : "/web/reasons/" + Uri.EscapeDataString(reason),
        new Dictionary<string, string?> { ["from"] = From, ["to"] = To, ["team"] = Team, ["channel"] = Channel,
            ["queue"] = Queue, ["language"] = Language }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
}
