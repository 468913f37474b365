using System.Globalization;
using Analytics.Api.Access;
using Analytics.Api.Coaching;
using Analytics.Api.Evaluations;
using Analytics.Coaching;
using Analytics.Data;
using Analytics.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Web.Pages.Coaching;

/// <summary>
/// An agent's coaching history for its coach: sessions as GET /api/v1/coaching/sessions answers them (agent-level, a
/// team
/// lead's own agents only, audited) with each session's effect, the agent's evaluations and the disputes on them, all
/// through the API's handlers. The scope is checked before anything is read, as the agent's scorecard page does.
/// </summary>
[AccessAs("GET /api/v1/coaching/sessions")]
internal sealed class AgentModel(AnalyticsDbContext db, AgentScopes scopes, TimeProvider clock) : WebPage
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public string? Name { get; private set; }
    public CoachingHistory? History { get; private set; }

    public async Task OnGetAsync([FromServices] CoachingEffects effects, CancellationToken ct)
    {
        var today = Amsterdam.Today(clock);
        From ??= today.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To ??= today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Name = await db.Agents.AsNoTracking().Where(a => a.Code == Code).Select(a => a.Name).SingleOrDefaultAsync(ct);
        if (Name is null) { Take<object>(TypedResults.NotFound()); return; }
        var scope = await scopes.ForAsync(HttpContext, ct);
        if (!scope.SeesAgent(Code)) { Take<object>(AgentScopes.Refusal(scope, $"agent {Code}")); return; }
        var sessions = Take<List<CoachingSessionDto>>(
            await CoachingEndpoints.ListAsync(From, To, Code, db, scopes, HttpContext, ct));
        if (sessions is null) return;
        var evaluations = Take<List<EvaluationSummaryDto>>(
            await EvaluationEndpoints.ListAsync(From, To, null, Code, db, scopes, HttpContext, ct)) ?? [];
        var ids = evaluations.Select(e => e.Id).ToHashSet();
        var disputes = Take<DisputeSummaryDto>(await DisputeEndpoints.ListAsync(From, To, db, scopes, HttpContext, ct));
        var withEffects = new List<HistorySession>();
        foreach (var s in sessions)
            withEffects.Add(new(s, Take<CoachingEffect>(
                await CoachingEndpoints.EffectAsync(s.Id, db, effects, scopes, HttpContext, ct))));
        History = new CoachingHistory(Code,
            evaluations.Select(e => new HistoryEvaluation(e.Id, e.ContactId, e.Form, e.Evaluator, e.Status,
                e.ScorePercent, e.CreatedUtc, $"/web/evaluations/{e.Id}")).ToList(),
            disputes?.Disputes.Where(d => ids.Contains(d.EvaluationId)).ToList() ?? [], withEffects, Effects: true);
    }
}
