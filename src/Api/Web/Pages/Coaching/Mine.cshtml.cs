using Analytics.Api.Access;
using Analytics.Api.Coaching;
using Analytics.Api.Evaluations;
using Analytics.Data;

namespace Analytics.Api.Web.Pages.Coaching;

/// <summary>
/// The signed-in agent's own history: its sessions as GET /api/v1/me/coaching answers them and its confirmed
/// evaluations with their disputes as GET /api/v1/me/evaluations does (self, audited). The measured effect is not on
/// it:
/// the API gives agents their sessions, not the comparison with colleagues the effect is made of.
/// </summary>
[AccessAs("GET /api/v1/me/coaching")]
internal sealed class MineModel(AnalyticsDbContext db) : WebPage
{
    public string? Agent { get; private set; }
    public CoachingHistory? History { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agent = User.FindFirst(ApiKeyClaims.Agent)?.Value;
        if (Agent is null) return;
        var sessions = (await CoachingEndpoints.MineAsync(db, HttpContext, ct)).Value ?? [];
        var evaluations = (await DisputeEndpoints.MineAsync(db, HttpContext, ct)).Value ?? [];
        History = new CoachingHistory(Agent,
            evaluations.Select(e => new HistoryEvaluation(e.Id, e.ContactId, e.Form, e.Evaluator, e.Status,
                e.ScorePercent, e.CreatedUtc, null)).ToList(),
            evaluations.SelectMany(e => e.Disputes).ToList(),
            sessions.Select(s => new HistorySession(s, null)).ToList(),
            Effects: false);
    }
}
