using Analytics.Api.Insights;
using Analytics.Api.Metrics;
using Analytics.Api.Reasons;
using Analytics.Insights.Alerts;
using Analytics.Insights.Repeats;
using Analytics.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Web.Pages;

/// <summary>
/// A month at a glance for management: NPS, CES and CSAT with n and intervals against the month before, contacts, honest
/// FCR, the largest reasons and the alerts. Every figure is the answer of the API route that publishes it (metrics, FCR,
/// Pareto, alerts), asked in-process with the person's role, so decision 020 applies exactly as it does there.
/// </summary>
[AccessAs("GET /api/v1/metrics/{type}")]
internal sealed class OverviewModel(SurveyMetrics surveys, ContactMetrics contacts, PrivacyOptions privacy,
    Publication publication) : WebPage
{
    /// <summary>The largest reasons shown, as many as the management report lists.</summary>
    public const int TopReasons = 8;
    private const int TrendMonths = 6;

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }

    public WebMonth Shown { get; private set; }
    /// <summary>NPS, CES, CSAT: this month's figure and the month before's.</summary>
    public List<(string Type, SurveyGroupDto? Now, SurveyGroupDto? Before)> Surveys { get; } = [];
    public ContactGroupDto? Contacts { get; private set; }
    public ContactGroupDto? PreviousContacts { get; private set; }
    public FcrGroupDto? Fcr { get; private set; }
    public ParetoResponse? Pareto { get; private set; }
    public string? ChartSvg { get; private set; }
    public IReadOnlyList<AlertDto> Alerts { get; private set; } = [];
    public IReadOnlyList<SurveyGroupDto> Trend { get; private set; } = [];

    public async Task OnGetAsync([FromServices] ReasonPareto pareto, [FromServices] RepeatAnalysis repeats,
        [FromServices] IOptions<ApiOptions> api, [FromServices] EmergingReasons alerts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (WebMonth.Parse(Month, errors) is not { } month) { Invalid(errors); return; }
        Shown = month;
        Month = month.Value;
        // The Pareto first: it refuses a team too small to hide in, and then nothing else is asked.
        Pareto = Take<ParetoResponse>(await pareto.AskAsync(
            new ParetoQuery(month.From, month.To, Team, Channel, null, null), HttpContext, ct));
        if (Pareto is null) return;
        foreach (var type in new[] { "nps", "ces", "csat" })
        {
            var now = await SurveyAsync(type, month.From, month.To, "none", ct);
            var before = await SurveyAsync(type, month.Previous.From, month.Previous.To, "none", ct);
            if (now is null || before is null) return;
            Surveys.Add((type, now.Groups.FirstOrDefault(), before.Groups.FirstOrDefault()));
        }
        var (trendFrom, trendTo) = month.Back(TrendMonths);
        if (await SurveyAsync("nps", trendFrom, trendTo, "month", ct) is not { } trend) return;
        Trend = trend.Groups;
        Contacts = (await ContactsAsync(month, ct))?.Groups.FirstOrDefault();
        PreviousContacts = (await ContactsAsync(month.Previous, ct))?.Groups.FirstOrDefault();
        var fcr = Take<FcrResponse>(await InsightsEndpoints.GetFcrAsync(new FcrQuery(month.From, month.To, null, null, null,
            null, null, null, Team, null, null, Channel, null, null), repeats, privacy, publication, api, HttpContext, ct));
        Fcr = fcr?.Groups.FirstOrDefault();
        Alerts = Take<IReadOnlyList<AlertDto>>(await InsightsEndpoints.ListAlertsAsync(month.From, month.To, alerts, ct)) ?? [];
        ChartSvg = WebFigures.Pareto(Pareto, TopReasons, WebLanguage.Of(HttpContext));
    }

    private async Task<SurveyMetricResponse?> SurveyAsync(string type, string from, string to, string interval,
        CancellationToken ct) =>
        Take<SurveyMetricResponse>(await MetricsEndpoints.GetSurveyMetricAsync(type, from, to, "none",
            interval == "none" ? null : interval, Team, null, null, Channel, null, null, surveys, privacy, publication,
            HttpContext, ct));

    private async Task<ContactMetricResponse?> ContactsAsync(WebMonth month, CancellationToken ct) =>
        Take<ContactMetricResponse>(await MetricsEndpoints.GetContactMetricAsync(month.From, month.To, null, null, null,
            Team, null, null, Channel, null, null, contacts, privacy, publication, HttpContext, ct));

    /// <summary>A page under this view's filters: the month, team and channel travel along.</summary>
    public string Link(string path, string? month = null) => QueryHelpers.AddQueryString(path,
        new Dictionary<string, string?> { ["month"] = month ?? Month, ["team"] = Team, ["channel"] = Channel }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    /// <summary>The Reasons pages take a period: this month as from/to, with the team and channel.</summary>
    public string ReasonLink(string? code = null) => QueryHelpers.AddQueryString(
        code is null ? "/web/reasons" : "/web/reasons/" + Uri.EscapeDataString(code),
        new Dictionary<string, string?> { ["from"] = Shown.From, ["to"] = Shown.To, ["team"] = Team, ["channel"] = Channel }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)));
}
