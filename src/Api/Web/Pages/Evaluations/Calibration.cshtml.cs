using Analytics.Api.Access;
using Analytics.Api.Evaluations;
using Analytics.Data;
using Analytics.Evaluations;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Web.Pages.Evaluations;

/// <summary>
/// A calibration: the contacts several evaluators scored, each one's score side by side (GET /api/v1/evaluations: they
/// name agents, so agent-level, scoped and audited), agreement per item and each evaluator's bias (GET
/// /api/v1/evaluations/calibration) and how often people agreed with auto-QA (GET /api/v1/evaluations/agreement).
/// </summary>
[AccessAs("GET /api/v1/evaluations")]
internal sealed class CalibrationModel(AnalyticsDbContext db, AgentScopes scopes) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Session { get; set; }

    public CalibrationResult? Result { get; private set; }
    public IReadOnlyList<CheckAgreement> AutoQa { get; private set; } = [];
    public IReadOnlyList<string> Evaluators { get; private set; } = [];
    /// <summary>Per contact scored by two or more evaluators: its agent and each evaluator's score.</summary>
    public IReadOnlyList<(long Contact, string? Agent, IReadOnlyDictionary<string, EvaluationSummaryDto> Scores)>
        Contacts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var session = string.IsNullOrWhiteSpace(Session) ? null : Session;
        Result = Take<CalibrationResult>(await EvaluationEndpoints.CalibrationAsync(From, To, session, db, ct));
        if (Result is null) return;
        var list = Take<List<EvaluationSummaryDto>>(
            await EvaluationEndpoints.ListAsync(From, To, null, null, db, scopes, HttpContext, ct)) ?? [];
        Contacts = list
            .Where(e => e.Status == EvaluationStatus.Confirmed && (session is null || e.Calibration == session))
            .GroupBy(e => e.ContactId).Where(g => g.Select(e => e.Evaluator).Distinct().Count() >= 2)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.First().Agent,
                (IReadOnlyDictionary<string, EvaluationSummaryDto>)g.GroupBy(e => e.Evaluator)
                    .ToDictionary(x => x.Key, x => x.Last(), StringComparer.Ordinal)))
            .ToList();
        Evaluators = Contacts.SelectMany(c => c.Scores.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        AutoQa = Take<IReadOnlyList<CheckAgreement>>(await EvaluationEndpoints.AgreementAsync(From, To, db, ct)) ?? [];
    }
}
