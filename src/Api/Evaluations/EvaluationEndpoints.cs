using System.Security.Claims;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Data;
using Analytics.Evaluations;
using Analytics.Insights.Behaviour;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Evaluations;

/// <summary>
/// Evaluations of one contact: auto-QA pre-fills, the evaluator confirms or overrides; agreement of auto-QA with people,
/// calibration between evaluators and the sampling plan. Agent-level: scoped by AgentScope and audited (AccessMatrix).
/// </summary>
internal static class EvaluationEndpoints
{
    public static RouteGroupBuilder MapEvaluations(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/evaluations").WithTags("Evaluations");
        g.MapPost("/", CreateAsync).WithName("CreateEvaluation")
            .WithSummary("Starts an evaluation of a contact on a form (default: nl-standaard), pre-filled by the auto-QA checks with the turns they read.");
        g.MapGet("/", ListAsync).WithName("ListEvaluations")
            .WithSummary("Evaluations of contacts started in the period (a team lead: of its own teams' agents).");
        g.MapGet("/{id:long}", GetAsync).WithName("GetEvaluation")
            .WithSummary("One evaluation: items with auto-QA value, evaluator's value and evidence, beside the contact's notes and transcript.");
        g.MapPut("/{id:long}", AnswerAsync).WithName("AnswerEvaluation")
            .WithSummary("The evaluator confirms or overrides items; confirm=true finishes it (agents then see it and may dispute items).");
        g.MapGet("/agreement", AgreementAsync).WithName("GetAutoQaAgreement")
            .WithSummary("Per auto-QA check: confirmed answers where auto-QA and the evaluator both answered, the share agreeing and Cohen's kappa.");
        g.MapGet("/calibration", CalibrationAsync).WithName("GetCalibration")
            .WithSummary("Contacts scored by several evaluators: Krippendorff's alpha per item (raters, units, values) and each evaluator's bias against the group.");
        g.MapGet("/sample", SampleAsync).WithName("DrawEvaluationSample")
            .WithSummary("The sampling plan: perAgent contacts per agent in the period, at most `targeted` of them detractors, repeat callers or long calls, the rest at random; seeded.");
        return g;
    }

    private static string Evaluator(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    /// <summary>The works council's switch: transcripts for team leads, for quality managers only while it is on.</summary>
    private static async Task<bool> TranscriptsAsync(HttpContext http, Privacy.Switched switched, CancellationToken ct) =>
        http.User.Role() != Roles.QualityManager || (await switched.ValuesAsync(ct)).TranscriptsForQualityManagers;

    internal static async Task<Results<Created<EvaluationDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(EvaluationRequest r,
        AnalyticsDbContext db, AgentScopes scopes, BehaviourScorecard behaviour, Privacy.Switched switched, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.ContactId is not > 0) errors["contactId"] = ["the id of the contact to evaluate"];
        else if (!await db.Contacts.AnyAsync(c => c.Id == r.ContactId, ct)) errors["contactId"] = [$"no contact {r.ContactId}"];
        var form = r.FormId is { } fid
            ? await db.Set<EvaluationForm>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == fid, ct)
            : await db.Set<EvaluationForm>().AsNoTracking().OrderBy(f => f.Id).FirstOrDefaultAsync(f => f.IsDefault, ct);
        if (form is null) errors["formId"] = [r.FormId is null ? "no default form; give formId" : $"no form {r.FormId}"];
        if (r.Calibration is { Length: 0 or > 100 }) errors["calibration"] = ["1 to 100 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await scopes.RefuseContactAsync(http, r.ContactId!.Value, ct) is { } refused) return refused;
        var auto = await behaviour.ForContactAsync(r.ContactId.Value, ct);
        var evaluation = new Evaluation
        {
            FormId = form!.Id, ContactId = r.ContactId.Value, Evaluator = Evaluator(http.User), Calibration = r.Calibration,
            Status = EvaluationStatus.Draft, CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(evaluation);
        await db.SaveChangesAsync(ct);
        foreach (var item in form.Items())
        {
            var pre = item.Check is { } check && auto is not null ? AutoQa.Answer(check, auto) : null;
            var value = pre?.Value == Answers.NotApplicable && !item.AllowNa ? null : pre?.Value;
            db.Add(new EvaluationAnswer
            {
                EvaluationId = evaluation.Id, ItemCode = item.Code, AutoValue = value, Value = value, Evidence = [.. pre?.Evidence ?? []],
            });
        }
        await db.SaveChangesAsync(ct);
        var located = await EvaluationReads.Locate(db).AsNoTracking().SingleAsync(l => l.Evaluation.Id == evaluation.Id, ct);
        return TypedResults.Created($"/api/v1/evaluations/{evaluation.Id}",
            await EvaluationReads.DtoAsync(db, located, await TranscriptsAsync(http, switched, ct), ct));
    }

    internal static async Task<Results<Ok<List<EvaluationSummaryDto>>, ValidationProblem>> ListAsync(string? from, string? to,
        string? team, string? agent, AnalyticsDbContext db, AgentScopes scopes, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        var scope = await scopes.ForAsync(http, ct);
        var rows = await (from l in EvaluationReads.Locate(db).AsNoTracking()
                          join c in db.Contacts on l.Evaluation.ContactId equals c.Id
                          join f in db.Set<EvaluationForm>() on l.Evaluation.FormId equals f.Id
                          where c.StartedUtc >= p.FromUtc && c.StartedUtc < p.ToUtcExclusive
                                && (team == null || l.Team == team) && (agent == null || l.Agent == agent)
                          orderby l.Evaluation.Id
                          select new
                          {
                              l, Form = f.Code,
                              Open = db.Set<EvaluationDispute>().Count(d => d.EvaluationId == l.Evaluation.Id && d.Status == DisputeStatus.Open),
                          }).ToListAsync(ct);
        return TypedResults.Ok(rows.Where(x => scope.SeesAgent(x.l.Agent)).Select(x => new EvaluationSummaryDto(x.l.Evaluation.Id,
            x.l.Evaluation.ContactId, x.l.Agent, x.l.Team, x.Form, x.l.Evaluation.Evaluator, x.l.Evaluation.Calibration,
            x.l.Evaluation.Status, x.l.Evaluation.ScorePercent, x.l.Evaluation.CreatedUtc, x.Open)).ToList());
    }

    internal static async Task<Results<Ok<EvaluationDto>, NotFound, ProblemHttpResult>> GetAsync(long id, AnalyticsDbContext db,
        AgentScopes scopes, Privacy.Switched switched, HttpContext http, CancellationToken ct)
    {
        var located = await EvaluationReads.Locate(db).AsNoTracking().SingleOrDefaultAsync(l => l.Evaluation.Id == id, ct);
        if (located is null) return TypedResults.NotFound();
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.SeesAgent(located.Agent)) return AgentScopes.Refusal(scope, "this evaluation");
        return TypedResults.Ok(await EvaluationReads.DtoAsync(db, located, await TranscriptsAsync(http, switched, ct), ct));
    }

    internal static async Task<Results<Ok<EvaluationDto>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(long id,
        AnswersRequest r, AnalyticsDbContext db, AgentScopes scopes, Privacy.Switched switched, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var located = await EvaluationReads.Locate(db).SingleOrDefaultAsync(l => l.Evaluation.Id == id, ct);
        if (located is null) return TypedResults.NotFound();
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.SeesAgent(located.Agent)) return AgentScopes.Refusal(scope, "this evaluation");
        var e = located.Evaluation;
        if (e.Status != EvaluationStatus.Draft)
            return TypedResults.Problem(statusCode: 409, title: "Evaluation confirmed",
                detail: "A confirmed evaluation changes only through a dispute the agent raises and someone resolves.");
        if (e.Evaluator != Evaluator(http.User))
            return TypedResults.Problem(statusCode: 409, title: "Someone else's evaluation",
                detail: $"This evaluation is {e.Evaluator}'s; start your own (POST /api/v1/evaluations) so calibration stays independent.");
        var form = await db.Set<EvaluationForm>().AsNoTracking().SingleAsync(f => f.Id == e.FormId, ct);
        var items = form.Items().ToDictionary(i => i.Code, StringComparer.Ordinal);
        var answers = await db.Set<EvaluationAnswer>().Where(a => a.EvaluationId == id).ToDictionaryAsync(a => a.ItemCode, ct);
        var errors = new Dictionary<string, string[]>();
        var given = r.Answers ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var a = given[i];
            if (a?.Item is null || !items.TryGetValue(a.Item, out var item))
            {
                errors[$"answers[{i}].item"] = [$"not an item of form {form.Code}"];
                continue;
            }
            if (EvaluationForm.Refuse(item, a.Value) is { } why) errors[$"answers[{i}].value"] = [why];
            if (a.Comment is { Length: > 2000 }) errors[$"answers[{i}].comment"] = ["at most 2000 characters"];
            if (errors.Count > 0) continue;
            var stored = answers[item.Code];
            stored.Value = a.Value;
            stored.Comment = a.Comment;
        }
        var missing = items.Keys.Where(k => answers[k].Value is null).ToList();
        if (errors.Count == 0 && r.Confirm && missing.Count > 0)
            errors["answers"] = [$"to confirm, answer every item; missing: {string.Join(", ", missing)}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        e.ScorePercent = EvaluationForm.ScorePercent(items.Values, answers.ToDictionary(a => a.Key, a => a.Value.Value));
        if (r.Confirm) (e.Status, e.ConfirmedUtc) = (EvaluationStatus.Confirmed, clock.GetUtcNow().UtcDateTime);
        db.Update(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await EvaluationReads.DtoAsync(db, located, await TranscriptsAsync(http, switched, ct), ct));
    }

    internal static async Task<Results<Ok<IReadOnlyList<CheckAgreement>>, ValidationProblem>> AgreementAsync(string? from, string? to,
        AnalyticsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await EvaluationFigures.AutoQaAgreementAsync(db, period!.Value, ct));
    }

    internal static async Task<Results<Ok<CalibrationResult>, ValidationProblem>> CalibrationAsync(string? from, string? to,
        string? session, AnalyticsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (session is { Length: > 100 }) errors["session"] = ["at most 100 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await EvaluationFigures.CalibrationAsync(db, period!.Value, session, ct));
    }

    internal static async Task<Results<Ok<IReadOnlyList<SampledContact>>, ValidationProblem, ProblemHttpResult>> SampleAsync(
        string? from, string? to, string? team, int? perAgent, int? targeted, int? seed, AnalyticsDbContext db, Sampling sampling,
        AgentScopes scopes, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        var n = perAgent ?? 4;
        var t = targeted ?? 1;
        if (n is < 1 or > 100) errors["perAgent"] = ["1 to 100 contacts per agent"];
        if (t < 0 || t > n) errors["targeted"] = ["0 to perAgent"];
        if (team is not null && !await db.Teams.AnyAsync(x => x.Code == team, ct)) errors["team"] = [$"unknown team '{team}'"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var scope = await scopes.ForAsync(http, ct);
        if (team is not null && !scope.SeesTeam(team)) return AgentScopes.Refusal(scope, $"team {team}");
        IReadOnlyCollection<string>? teams = team is not null ? [team] : scope.All ? null : scope.Teams.ToList();
        return TypedResults.Ok(await sampling.DrawAsync(period!.Value, teams, n, t, seed ?? 1, ct));
    }
}
