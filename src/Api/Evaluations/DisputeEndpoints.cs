using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Data;
using Analytics.Evaluations;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Evaluations;

/// <summary>
/// An agent sees its confirmed evaluations and disputes an item with a comment (/me: the key decides whose); a quality
/// manager, admin or the agent's team lead resolves it, and disputes are counted.
/// </summary>
internal static class DisputeEndpoints
{
    public static void MapEvaluationDisputes(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/evaluations").WithTags("Self-service");
        me.MapGet("/", MineAsync).WithName("GetMyEvaluations")
            .WithSummary("The calling agent's confirmed evaluations with items, evidence (turn numbers) and disputes.");
        me.MapPost("/{id:long}/disputes", DisputeAsync).WithName("DisputeMyEvaluationItem")
            .WithSummary("Disputes one item of the calling agent's confirmed evaluation, with a comment (one open dispute per item).");
        var g = app.MapGroup("/api/v1/evaluations/disputes").WithTags("Evaluations");
        g.MapGet("/", ListAsync).WithName("ListDisputes")
            .WithSummary("Disputes raised in the period, counted (raised, open, upheld, rejected) and listed; a team lead: its own teams'.");
        g.MapPost("/{id:long}/resolve", ResolveAsync).WithName("ResolveDispute")
            .WithSummary("Upholds (optionally with the item's new value, which rescores the evaluation) or rejects an open dispute.");
    }

    private static string? MyAgent(HttpContext http) =>
        http.User.FindFirst(ApiKeyClaims.Agent)?.Value;

    internal static async Task<Ok<List<EvaluationDto>>> MineAsync(AnalyticsDbContext db, HttpContext http, CancellationToken ct)
    {
        var agent = MyAgent(http);
        var mine = await EvaluationReads.Locate(db).AsNoTracking()
            .Where(l => agent != null && l.Agent == agent && l.Evaluation.Status == EvaluationStatus.Confirmed)
            .OrderBy(l => l.Evaluation.Id).ToListAsync(ct);
        var list = new List<EvaluationDto>();
        foreach (var l in mine) list.Add(await EvaluationReads.DtoAsync(db, l, transcript: false, ct));
        return TypedResults.Ok(list);
    }

    internal static async Task<Results<Created<DisputeDto>, NotFound, ValidationProblem, ProblemHttpResult>> DisputeAsync(long id,
        DisputeRequest r, AnalyticsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var agent = MyAgent(http);
        // Someone else's evaluation, or a draft, does not exist for this key.
        var located = await EvaluationReads.Locate(db).AsNoTracking().SingleOrDefaultAsync(l => l.Evaluation.Id == id
            && agent != null && l.Agent == agent && l.Evaluation.Status == EvaluationStatus.Confirmed, ct);
        if (located is null) return TypedResults.NotFound();
        var form = await db.Set<EvaluationForm>().AsNoTracking().SingleAsync(f => f.Id == located.Evaluation.FormId, ct);
        var errors = new Dictionary<string, string[]>();
        if (r.Item is null || form.Items().All(i => i.Code != r.Item)) errors["item"] = [$"not an item of form {form.Code}"];
        if (string.IsNullOrWhiteSpace(r.Comment) || r.Comment.Length > 2000) errors["comment"] = ["1 to 2000 characters: why"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.Set<EvaluationDispute>().AnyAsync(d => d.EvaluationId == id && d.ItemCode == r.Item && d.Status == DisputeStatus.Open, ct))
            return TypedResults.Problem(statusCode: 409, title: "Already disputed", detail: $"Item {r.Item} has an open dispute.");
        var dispute = new EvaluationDispute
        {
            EvaluationId = id, ItemCode = r.Item!, Comment = r.Comment!, RaisedUtc = clock.GetUtcNow().UtcDateTime,
            Status = DisputeStatus.Open,
        };
        db.Add(dispute);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/me/evaluations/{id}", dispute.AsDto());
    }

    internal static async Task<Results<Ok<DisputeSummaryDto>, ValidationProblem>> ListAsync(string? from, string? to,
        AnalyticsDbContext db, AgentScopes scopes, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        var scope = await scopes.ForAsync(http, ct);
        var rows = await (from d in db.Set<EvaluationDispute>().AsNoTracking()
                          join l in EvaluationReads.Locate(db) on d.EvaluationId equals l.Evaluation.Id
                          where d.RaisedUtc >= p.FromUtc && d.RaisedUtc < p.ToUtcExclusive
                          orderby d.Id
                          select new { d, l.Agent }).ToListAsync(ct);
        var seen = rows.Where(x => scope.SeesAgent(x.Agent)).Select(x => x.d).ToList();
        return TypedResults.Ok(new DisputeSummaryDto(seen.Count, seen.Count(d => d.Status == DisputeStatus.Open),
            seen.Count(d => d.Status == DisputeStatus.Upheld), seen.Count(d => d.Status == DisputeStatus.Rejected),
            seen.Select(d => d.AsDto()).ToList()));
    }

    internal static async Task<Results<Ok<DisputeDto>, NotFound, ValidationProblem, ProblemHttpResult>> ResolveAsync(long id,
        ResolveRequest r, AnalyticsDbContext db, AgentScopes scopes, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await (from d in db.Set<EvaluationDispute>()
                           join l in EvaluationReads.Locate(db) on d.EvaluationId equals l.Evaluation.Id
                           where d.Id == id
                           select new { d, l }).SingleOrDefaultAsync(ct);
        if (found is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (r.Upheld is null) errors["upheld"] = ["true (the agent is right) or false"];
        if (r.Comment is { Length: > 2000 }) errors["comment"] = ["at most 2000 characters"];
        var form = await db.Set<EvaluationForm>().AsNoTracking().SingleAsync(f => f.Id == found.l.Evaluation.FormId, ct);
        var items = form.Items().ToList();
        var item = items.Single(i => i.Code == found.d.ItemCode);
        if (r.Value is not null && r.Upheld != true) errors["value"] = ["only an upheld dispute changes the value"];
        else if (EvaluationForm.Refuse(item, r.Value) is { } why) errors["value"] = [why];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.SeesAgent(found.l.Agent)) return AgentScopes.Refusal(scope, "this dispute");
        if (found.d.Status != DisputeStatus.Open)
            return TypedResults.Problem(statusCode: 409, title: "Already resolved", detail: $"This dispute was {found.d.Status}.");
        (found.d.Status, found.d.Resolution, found.d.ResolvedUtc) =
            (r.Upheld == true ? DisputeStatus.Upheld : DisputeStatus.Rejected, r.Comment, clock.GetUtcNow().UtcDateTime);
        if (r.Value is not null)
        {
            var answers = await db.Set<EvaluationAnswer>().Where(a => a.EvaluationId == found.l.Evaluation.Id).ToListAsync(ct);
            answers.Single(a => a.ItemCode == item.Code).Value = r.Value;
            found.l.Evaluation.ScorePercent = EvaluationForm.ScorePercent(items, answers.ToDictionary(a => a.ItemCode, a => a.Value));
            db.Update(found.l.Evaluation);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(found.d.AsDto());
    }
}
