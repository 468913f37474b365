using Analytics.Api.Access;
using Analytics.Api.Contacts;
using Analytics.Classification;
using Analytics.Data;
using Analytics.Insights.Behaviour;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Analytics.Api.Web.Pages.Contacts;

/// <summary>
/// One contact as GET /api/v1/contacts/{id} answers it (agent-level roles, audited, a team lead's scope, the transcript
/// switch), and the form that corrects its reason through POST /api/v1/contacts/{id}/reason (it becomes a label).
/// </summary>
internal sealed class ContactModel(AnalyticsDbContext db) : WebPage
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? ReasonCode { get; set; }
    public bool Corrected { get; private set; }
    public ContactDetail? Contact { get; private set; }
    public Analytics.Insights.Repeats.RepeatChain? Chain { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Reasons { get; private set; } = [];

    [AccessAs("GET /api/v1/contacts/{id}")]
    public async Task OnGetAsync(bool corrected, [FromServices] ModelRegistry models, [FromServices] IMemoryCache cache,
        [FromServices] BehaviourScorecard behaviour, [FromServices] AgentScopes scopes, [FromServices] Privacy.Switched switched,
        [FromServices] Analytics.Insights.Repeats.RepeatChains chains, CancellationToken ct)
    {
        Corrected = corrected;
        Contact = Take<ContactDetail>(
            await ContactEndpoints.GetAsync(Id, db, models, cache, behaviour, scopes, switched, HttpContext, ct));
        if (Contact is null) return;
        // The customer's repeat chain as GET /api/v1/insights/contacts/{id}/chain answers it (same row, same scope).
        var chain = await Insights.InsightsEndpoints.GetChainAsync(Id, null, null, null, null, chains, scopes,
            HttpContext, ct);
        Chain = (chain.Result as Microsoft.AspNetCore.Http.HttpResults.Ok<Analytics.Insights.Repeats.RepeatChain>)
            ?.Value;
        var lang = WebLanguage.Of(HttpContext);
        Reasons = (await db.Reasons.AsNoTracking().OrderBy(r => r.Code)
                .Select(r => new { r.Code, r.NameNl, r.NameEn }).ToListAsync(ct))
            .Select(r => (r.Code, lang.ReasonName(r.NameNl, r.NameEn))).ToList();
    }

    /// <summary>Starts an evaluation of this contact on the default form (auto-QA pre-fills it) and opens it.</summary>
    [AccessAs("POST /api/v1/evaluations")]
    public async Task<IActionResult> OnPostEvaluateAsync([FromServices] AgentScopes scopes,
        [FromServices] BehaviourScorecard behaviour, [FromServices] Privacy.Switched switched,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var started = await Api.Evaluations.EvaluationEndpoints.CreateAsync(new(Id, null, null), db, scopes, behaviour,
            switched, clock, HttpContext, ct);
        if (Take<Api.Evaluations.EvaluationDto>(started) is { } e) return Redirect($"/web/evaluations/{e.Id}");
        return Page();
    }

    [AccessAs("POST /api/v1/contacts/{id}/reason")]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var done = await ContactEndpoints.CorrectReasonAsync(Id, new CorrectReasonRequest(ReasonCode ?? ""), db, HttpContext, ct);
        if (Take<CorrectionDto>(done) is not null) return Redirect($"/web/contacts/{Id}?corrected=true");
        return Page();
    }
}
