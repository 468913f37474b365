using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Api.Insights;
using Analytics.Api.Metrics;
using Analytics.Api.Privacy;
using Analytics.Insights.Agents;
using Analytics.Metrics;
using Analytics.Reports.Quality;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Analytics.Api.Web.Pages.Quality;

/// <summary>
/// NPS, CES and CSAT per team with n and intervals (as GET /api/v1/metrics/{type}?groupBy=team publishes them for the
/// role), and for agent-level roles the fair ranking (GET /api/v1/insights/agents/ranking: scoped, audited) drawn with
/// the quality report's own chart. With the ranking switch off the scores stay, without positions, as on a scorecard.
/// </summary>
[AccessAs("GET /api/v1/metrics/{type}")]
internal sealed class IndexModel(SurveyMetrics surveys, PrivacyOptions privacy, Publication publication) : WebPage
{
    private const string RankingRoute = "GET /api/v1/insights/agents/ranking";

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }

    public WebMonth Shown { get; private set; }
    public SurveyGroupDto? Centre { get; private set; }
    /// <summary>Per type, the teams' figures keyed by team code.</summary>
    public Dictionary<string, Dictionary<string, SurveyGroupDto>> ByTeam { get; } = [];
    public IReadOnlyList<SurveyGroupDto> Teams { get; private set; } = [];
    /// <summary>Null for a role without agent access, which is told so instead.</summary>
    public AgentRankingDto? Ranking { get; private set; }
    public bool Positions { get; private set; } = true;
    public string? ChartSvg { get; private set; }

    public async Task OnGetAsync([FromServices] FairRanking ranking, [FromServices] AgentScopes scopes,
        [FromServices] Switched switched, [FromServices] AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (WebMonth.Parse(Month, errors) is not { } month) { Invalid(errors); return; }
        (Shown, Month) = (month, month.Value);
        foreach (var type in new[] { "nps", "ces", "csat" })
        {
            if (await SurveyAsync(type, "team", ct) is not { } answer) return;
            ByTeam[type] = answer.Groups.ToDictionary(g => g.Group);
            if (type == "nps") Teams = answer.Groups;
        }
        Centre = (await SurveyAsync("nps", "none", ct))?.Groups.FirstOrDefault();
        if (!AgentLevel(User.Role())) return;
        Positions = (await switched.ValuesAsync(ct)).Ranking;
        if (Positions)
            Ranking = Take<AgentRankingDto>(await InsightsEndpoints.GetRankingAsync(month.From, month.To, Blank(Team), ranking,
                scopes, switched, HttpContext, ct));
        else
        {
            // As the scorecards do with the switch off: every score, no position, and an order that says nothing.
            var scope = await scopes.ForAsync(HttpContext, ct);
            var all = (await ranking.RankAsync(month.Period, Blank(Team), ct)).AsDto();
            Ranking = all with
            {
                Agents = scope.Only(all.Agents.Select(a => a.WithoutPosition()).OrderBy(a => a.Team, StringComparer.Ordinal)
                    .ThenBy(a => a.Agent, StringComparer.Ordinal), a => a.Agent),
            };
        }
        // The ranking is agent-level: audited as its API route is (the teams above are not).
        await audit.RecordAsync(HttpContext, Response.StatusCode, ct);
        if (Ranking is { Agents.Count: > 0 } r)
            ChartSvg = AgentChart.Compose(Fair(r.Agents), Centre?.Value ?? 0,
                AgentChart.NoteWidth(Fair(r.Agents), T.Lang), T.Lang).Svg();
    }

    public static bool AgentLevel(string role) => AccessMatrix.Rules[RankingRoute].Policy.Roles.Contains(role);

    private async Task<SurveyMetricResponse?> SurveyAsync(string type, string groupBy, CancellationToken ct) =>
        Take<SurveyMetricResponse>(await MetricsEndpoints.GetSurveyMetricAsync(type, Shown.From, Shown.To, groupBy, null, null,
            null, null, null, null, null, surveys, privacy, publication, HttpContext, ct));

    /// <summary>The ranking's rows as the quality report's chart takes them.</summary>
    private static List<AgentFairScore> Fair(IEnumerable<AgentRankDto> agents) => agents.Select(a => new AgentFairScore(
        a.Agent, a.Name, a.Team, a.N, a.Raw.Value ?? double.NaN, a.Shrunk.Value ?? double.NaN, a.Shrunk.Low ?? double.NaN,
        a.Shrunk.High ?? double.NaN, a.TeamNps ?? double.NaN, a.Tier, a.TooFewResponses,
        a.ChangeIsSignificant ? a.Change?.Difference : null)).ToList();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public string Link(string path, string? team = null) => QueryHelpers.AddQueryString(path,
        new Dictionary<string, string?> { ["month"] = Month, ["team"] = team }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
}
