using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Data;
using Analytics.Insights.Targets;
using Analytics.Surveys;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Targets;

internal static class TargetEndpoints
{
    public static RouteGroupBuilder MapTargets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/targets").WithTags("Targets");
        group.MapGet("/", async (AnalyticsDbContext db, CancellationToken ct) => TypedResults.Ok(await db.Targets.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct)))
            .WithName("ListTargets");
        group.MapPost("/", CreateAsync).WithName("CreateTarget").WithSummary("A target such as NPS from −10 to +20 by the end of Q3, per team or for the centre.");
        group.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound>> (int id, AnalyticsDbContext db, CancellationToken ct) =>
            await db.Targets.Where(t => t.Id == id).ExecuteDeleteAsync(ct) == 1 ? TypedResults.NoContent() : TypedResults.NotFound()).WithName("DeleteTarget");
        group.MapGet("/{id:int}/progress", ProgressAsync).WithName("GetTargetProgress")
            .WithSummary("Current value (last 30 days), share of the way done, monthly trend and the date the target is met at that trend.");
        return group;
    }

    private static async Task<Results<Created<Target>, ValidationProblem>> CreateAsync(TargetRequest r, AnalyticsDbContext db, CancellationToken ct)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 200) e["name"] = ["1 to 200 characters"];
        var range = SurveyTypes.Range(r.Metric);
        if (range is null) e["metric"] = ["use nps, ces or csat"];
        // The same bounded days as every query date: progress does calendar arithmetic from them.
        var start = QueryParsing.Date(r.StartDate ?? "", "startDate", e) ?? default;
        var due = QueryParsing.Date(r.DueDate ?? "", "dueDate", e) ?? default;
        if (!e.ContainsKey("dueDate") && due <= start) e["dueDate"] = ["after startDate"];
        var (lo, hi) = r.Metric == SurveyTypes.Nps ? (-100.0, 100.0) : r.Metric == SurveyTypes.Ces ? (1.0, 7.0) : (0.0, 100.0);
        if (r.StartValue < lo || r.StartValue > hi) e["startValue"] = [$"between {lo} and {hi} for {r.Metric}"];
        if (r.TargetValue < lo || r.TargetValue > hi) e["targetValue"] = [$"between {lo} and {hi} for {r.Metric}"];
        if (r.Team is not null && !await db.Teams.AnyAsync(t => t.Code == r.Team, ct)) e["team"] = [$"unknown team '{r.Team}'"];
        if (e.Count > 0) return TypedResults.ValidationProblem(e);
        var target = new Target
        {
            Name = r.Name, Metric = r.Metric, Team = r.Team, StartDate = start, StartValue = r.StartValue, DueDate = due, TargetValue = r.TargetValue,
            CreatedUtc = DateTime.UtcNow,
        };
        db.Targets.Add(target);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/targets/{target.Id}", target);
    }

    private static async Task<Results<Ok<TargetProgress>, NotFound, ValidationProblem, ProblemHttpResult>> ProgressAsync(int id,
        string? asOf, AnalyticsDbContext db, TargetTracker tracker, PrivacyOptions privacy, Publication publication,
        AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var target = await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (target is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        var day = QueryParsing.Date(asOf, "asOf", errors) ?? Amsterdam.Today();
        if (asOf is not null && day < target.StartDate)
            errors["asOf"] = [$"asOf is before the target's start ({target.StartDate:yyyy-MM-dd})"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (http.User.SeesAgents()) return TypedResults.Ok(await tracker.ProgressAsync(target, day, ct));
        // Roles without agent access: a team too small to hide in is refused; the rest as /metrics publishes it.
        if (await publication.SmallTeamAsync(target.Team, new Period(target.StartDate, day), privacy.MinimumAgents, ct))
            return await Publication.RefuseSmallTeamAsync(audit, http, target.Team!, privacy, ct);
        var key = await publication.KeyAsync(ct);
        var filter = new Analytics.Metrics.ContactFilter(target.Team);
        return TypedResults.Ok(await tracker.ProgressAsync(target, day, ct, (f, period) =>
            f.N < privacy.MinimumResponses || f.Agents < privacy.MinimumAgents ? null
                : Publication.Perturb(f, key, Publication.Cell(target.Metric, period, filter, "none", "", null), target.Metric)));
    }
}

public sealed record TargetRequest(string Name, string Metric, string? Team, string StartDate, double StartValue, string DueDate, double TargetValue);
