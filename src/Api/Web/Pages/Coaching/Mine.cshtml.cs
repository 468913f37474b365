using Analytics.Api.Access;
using Analytics.Api.Coaching;
using Analytics.Api.Evaluations;
using Analytics.Data;
using Microsoft.AspNetCore.Mvc;

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
    /// <summary>The agent's confirmed evaluations with their items, each item with a form to dispute it.</summary>
    public IReadOnlyList<EvaluationDto> Evaluations { get; private set; } = [];
    /// <summary>The evaluation and item whose dispute failed, so the errors stand beside that item.</summary>
    public (long Evaluation, string Item)? Failed { get; private set; }
    public bool Raised { get; private set; }

    public Task OnGetAsync(bool raised, CancellationToken ct)
    {
        Raised = raised;
        return LoadAsync(ct);
    }

    [AccessAs("POST /api/v1/me/evaluations/{id}/disputes")]
    public async Task<IActionResult> OnPostDisputeAsync(long evaluation, string? item, string? comment,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var done = await DisputeEndpoints.DisputeAsync(evaluation, new DisputeRequest(item, comment), db, clock,
            HttpContext, ct);
        if (Take<DisputeDto>(done) is not null) return Redirect("/web/me/coaching?raised=true");
        Failed = (evaluation, item ?? "");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agent = User.FindFirst(ApiKeyClaims.Agent)?.Value;
        if (Agent is null) return;
        var sessions = (await CoachingEndpoints.MineAsync(db, HttpContext, ct)).Value ?? [];
        var evaluations = (await DisputeEndpoints.MineAsync(db, HttpContext, ct)).Value ?? [];
        Evaluations = evaluations;
        History = new CoachingHistory(Agent,
            evaluations.Select(e => new HistoryEvaluation(e.Id, e.ContactId, e.Form, e.Evaluator, e.Status,
                e.ScorePercent, e.CreatedUtc, null)).ToList(),
            evaluations.SelectMany(e => e.Disputes).ToList(),
            sessions.Select(s => new HistorySession(s, null)).ToList(),
            Effects: false);
    }
}
