using Analytics.Data;
using Analytics.Evaluations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Evaluations;

/// <summary>Evaluation forms as data: sections, items (yes-no, scale, na), weights, descriptions and the auto-QA check per item.</summary>
internal static class FormEndpoints
{
    public static RouteGroupBuilder MapEvaluationForms(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/evaluation-forms").WithTags("Evaluations");
        g.MapGet("/", ListAsync).WithName("ListEvaluationForms").WithSummary("The evaluation forms (the shipped default form is nl-standaard).");
        g.MapGet("/{id:int}", GetAsync).WithName("GetEvaluationForm").WithSummary("One form with its sections and items.");
        g.MapPost("/", CreateAsync).WithName("CreateEvaluationForm")
            .WithSummary("A new form; items are yes-no or scale (1..scaleMax), weight 1–10, optionally na and an auto-QA check.");
        g.MapPut("/{id:int}", ReplaceAsync).WithName("ReplaceEvaluationForm")
            .WithSummary("Replaces a form that has no evaluations yet (409 otherwise: make a new form, old scores keep their meaning).");
        g.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteEvaluationForm")
            .WithSummary("Deletes a form without evaluations (409 for the default form or one in use).");
        return g;
    }

    private static async Task<Ok<List<FormSummaryDto>>> ListAsync(AnalyticsDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<EvaluationForm>().AsNoTracking().OrderBy(f => f.Id).ToListAsync(ct))
            .Select(f => new FormSummaryDto(f.Id, f.Code, f.NameNl, f.NameEn, f.IsDefault, f.Items().Count())).ToList());

    private static async Task<Results<Ok<FormDto>, NotFound>> GetAsync(int id, AnalyticsDbContext db, CancellationToken ct) =>
        await db.Set<EvaluationForm>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) is { } form
            ? TypedResults.Ok(form.AsDto()) : TypedResults.NotFound();

    private static async Task<Results<Created<FormDto>, ValidationProblem>> CreateAsync(FormRequest r, AnalyticsDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(r);
        if (r.Code is { } code && await db.Set<EvaluationForm>().AnyAsync(f => f.Code == code, ct))
            errors["code"] = [$"a form with code '{code}' exists"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var form = new EvaluationForm
        {
            Code = r.Code!, NameNl = r.NameNl!, NameEn = r.NameEn!, Description = r.Description,
            Sections = EvaluationForm.Write(r.Sections!), CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(form);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/evaluation-forms/{form.Id}", form.AsDto());
    }

    private static async Task<Results<Ok<FormDto>, NotFound, ValidationProblem, ProblemHttpResult>> ReplaceAsync(int id, FormRequest r,
        AnalyticsDbContext db, CancellationToken ct)
    {
        var form = await db.Set<EvaluationForm>().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (form is null) return TypedResults.NotFound();
        var errors = Validate(r);
        if (r.Code is { } code && await db.Set<EvaluationForm>().AnyAsync(f => f.Code == code && f.Id != id, ct))
            errors["code"] = [$"a form with code '{code}' exists"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await InUseAsync(db, id, ct)) return InUse(form);
        (form.Code, form.NameNl, form.NameEn, form.Description, form.Sections) =
            (r.Code!, r.NameNl!, r.NameEn!, r.Description, EvaluationForm.Write(r.Sections!));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(form.AsDto());
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(int id, AnalyticsDbContext db,
        CancellationToken ct)
    {
        var form = await db.Set<EvaluationForm>().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (form is null) return TypedResults.NotFound();
        if (form.IsDefault || await InUseAsync(db, id, ct)) return InUse(form);
        db.Remove(form);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<bool> InUseAsync(AnalyticsDbContext db, int id, CancellationToken ct) =>
        db.Set<Evaluation>().AnyAsync(e => e.FormId == id, ct);

    private static ProblemHttpResult InUse(EvaluationForm form) => TypedResults.Problem(statusCode: 409, title: "Form in use",
        detail: form.IsDefault ? $"'{form.Code}' is the default form; it stays."
            : $"'{form.Code}' has evaluations: its scores would change meaning. Create a new form instead.");

    private static Dictionary<string, string[]> Validate(FormRequest r)
    {
        var e = EvaluationForm.Validate(r.Sections);
        if (string.IsNullOrWhiteSpace(r.Code) || r.Code.Length > 40) e["code"] = ["1 to 40 characters"];
        if (string.IsNullOrWhiteSpace(r.NameNl) || r.NameNl.Length > 200) e["nameNl"] = ["1 to 200 characters"];
        if (string.IsNullOrWhiteSpace(r.NameEn) || r.NameEn.Length > 200) e["nameEn"] = ["1 to 200 characters"];
        return e;
    }

    public static FormDto AsDto(this EvaluationForm f) => new(f.Id, f.Code, f.NameNl, f.NameEn, f.Description, f.IsDefault, f.ReadSections());
}

public sealed record FormRequest(string? Code, string? NameNl, string? NameEn, string? Description, IReadOnlyList<FormSection>? Sections);

public sealed record FormSummaryDto(int Id, string Code, string NameNl, string NameEn, bool IsDefault, int Items);

public sealed record FormDto(int Id, string Code, string NameNl, string NameEn, string? Description, bool IsDefault,
    IReadOnlyList<FormSection> Sections);
