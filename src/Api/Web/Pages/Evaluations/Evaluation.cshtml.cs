using System.Security.Claims;
using System.Text.RegularExpressions;
using Analytics.Api.Access;
using Analytics.Api.Evaluations;
using Analytics.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Web.Pages.Evaluations;

/// <summary>
/// One evaluation as GET /api/v1/evaluations/{id} answers it (agent-level, scoped, audited; the transcript switch),
/// items pre-filled by auto-QA beside the transcript, answered through PUT /api/v1/evaluations/{id}'s handler: its
/// field
/// errors (answers[i].value) are shown next to the item they name.
/// </summary>
[AccessAs("GET /api/v1/evaluations/{id}")]
internal sealed partial class EvaluationModel(AnalyticsDbContext db, AgentScopes scopes, Privacy.Switched switched)
    : WebPage
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Comments { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }

    public EvaluationDto? Evaluation { get; private set; }
    public string? Saved { get; private set; }
    /// <summary>Field errors per item code; what names no item stays in <see cref="WebPage.Errors"/>.</summary>
    public Dictionary<string, string[]> ItemErrors { get; } = new(StringComparer.Ordinal);
    public bool Mine => Evaluation?.Evaluator == User.FindFirstValue(ClaimTypes.Name);
    /// <summary>Section code → its title in the page's language: the API's items name sections by code.</summary>
    public Dictionary<string, string> Sections { get; private set; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(string? saved, CancellationToken ct)
    {
        Saved = saved is "draft" or "confirmed" or "resolved" ? saved : null;
        Evaluation = Take<EvaluationDto>(await EvaluationEndpoints.GetAsync(Id, db, scopes, switched, HttpContext, ct));
        if (Evaluation is not null) (Values, Comments) = (Evaluation.Items.ToDictionary(i => i.Item, i => i.Value),
            Evaluation.Items.ToDictionary(i => i.Item, i => i.Comment));
        await LoadSectionsAsync(ct);
    }

    private async Task LoadSectionsAsync(CancellationToken ct)
    {
        if (Evaluation is null) return;
        var form = await db.Set<Analytics.Evaluations.EvaluationForm>().AsNoTracking()
            .SingleAsync(f => f.Id == Evaluation.FormId, ct);
        Sections = form.ReadSections().ToDictionary(s => s.Code, s => T.Lang.ReasonName(s.TitleNl, s.TitleEn),
            StringComparer.Ordinal);
    }

    [AccessAs("PUT /api/v1/evaluations/{id}")]
    public async Task<IActionResult> OnPostAsync([FromServices] TimeProvider clock, CancellationToken ct)
    {
        var current = await EvaluationEndpoints.GetAsync(Id, db, scopes, switched, HttpContext, ct);
        if (Take<EvaluationDto>(current) is not { } shown) return Page();
        // Every item in form order, so answers[i] names the i-th item back.
        var codes = shown.Items.Select(i => i.Item).ToList();
        var answers = codes.Select(c => new AnswerRequest(c, Blank(Values.GetValueOrDefault(c)),
            Blank(Comments.GetValueOrDefault(c)))).ToList();
        var done = await EvaluationEndpoints.AnswerAsync(Id, new AnswersRequest(answers, Confirm), db, scopes, switched,
            clock, HttpContext, ct);
        if (Take<EvaluationDto>(done) is not null)
            return Redirect($"/web/evaluations/{Id}?saved={(Confirm ? "confirmed" : "draft")}");
        Evaluation = shown;
        await LoadSectionsAsync(ct);
        foreach (var (field, messages) in Errors.ToList())
            if (AnswerField().Match(field) is { Success: true } m
                && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i
                && i < codes.Count)
            {
                ItemErrors[codes[i]] = messages;
                Errors.Remove(field);
            }
        // To confirm, every item needs a value: the API names the missing ones in one message; each gets it beside it.
        if (Errors.Remove("answers", out var missing))
            foreach (var a in answers.Where(a => a.Value is null)) ItemErrors[a.Item!] = missing;
        return Page();
    }

    /// <summary>The dispute whose resolving failed, so its errors stand in its row.</summary>
    public long? FailedDispute { get; private set; }

    [AccessAs("POST /api/v1/evaluations/disputes/{id}/resolve")]
    public async Task<IActionResult> OnPostResolveAsync(long dispute, string? upheld, string? value, string? resolution,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        // An unanswered choice stays null, so the API names "upheld" as the field at fault.
        bool? up = upheld switch { "true" => true, "false" => false, _ => null };
        var done = await DisputeEndpoints.ResolveAsync(dispute, new ResolveRequest(up, Blank(value), Blank(resolution)),
            db, scopes, clock, HttpContext, ct);
        if (Take<DisputeDto>(done) is not null) return Redirect($"/web/evaluations/{Id}?saved=resolved");
        FailedDispute = dispute;
        // Reading the evaluation again answers Ok: the refusal or errors just taken stay as they are.
        await OnGetAsync(null, ct);
        return Page();
    }

    private static string? Blank(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();

    [GeneratedRegex(@"^answers\[(\d+)\]\.")]
    private static partial Regex AnswerField();

    /// <summary>The values an item takes: yes/no (and n/a where allowed), or 1 to its scale's maximum.</summary>
    public static IEnumerable<string> Choices(ItemAnswerDto item) => item.Kind == Analytics.Evaluations.ItemKinds.Scale
        ? Enumerable.Range(1, item.ScaleMax ?? 5)
            .Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Concat(item.AllowNa ? ["na"] : [])
        : item.AllowNa ? ["yes", "no", "na"] : ["yes", "no"];
}
