using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Data;
using Analytics.FollowUps;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.FollowUps;

/// <summary>
/// Follow-up of detractors and repeat callers: the task lists of the team leads (their own teams) and the quality and
/// admin roles, closing with a code, and the share closed in time per team. Tasks name agents and customers' comments,
/// so every route is agent-level and audited.
/// </summary>
internal static class FollowUpEndpoints
{
    public static RouteGroupBuilder MapFollowUps(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/follow-ups").WithTags("Follow-up");
        g.MapGet("/", ListAsync).WithName("ListFollowUpTasks")
            .WithSummary("Tasks due in the period (status open, overdue, closed or all), oldest due first, with links to the contact and its history.");
        g.MapPost("/{id:long}/close", CloseAsync).WithName("CloseFollowUpTask")
            .WithSummary("Closes a task with a code (called-back-solved, compensated, not-reachable, no-action-needed) and, where the cause lies elsewhere, the owning department.");
        g.MapGet("/summary", SummaryAsync).WithName("GetFollowUpSummary")
            .WithSummary("Per team: tasks due in the period, closed, closed in time (share), open and overdue; closed tasks per owning department and closure code.");
        return g;
    }

    private static readonly string[] Statuses = ["open", "overdue", "closed", "all"];

    internal static async Task<Results<Ok<List<FollowUpTaskDto>>, ValidationProblem>> ListAsync(string? from, string? to, string? status,
        string? team, AnalyticsDbContext db, AgentScopes scopes, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        var s = status ?? "open";
        if (!Statuses.Contains(s)) errors["status"] = [$"use one of {string.Join(", ", Statuses)}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        var today = Amsterdam.Today(clock);
        var scope = await scopes.ForAsync(http, ct);
        var q = db.Set<FollowUpTask>().AsNoTracking().Where(t => t.DueDate >= p.From && t.DueDate <= p.To);
        if (team is not null) q = q.Where(t => t.TeamCode == team);
        q = s switch
        {
            "open" => q.Where(t => t.ClosedUtc == null),
            "overdue" => q.Where(t => t.ClosedUtc == null && t.DueDate < today),
            "closed" => q.Where(t => t.ClosedUtc != null),
            _ => q,
        };
        var tasks = await q.OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToListAsync(ct);
        // A team lead's tasks are its teams' (the task's team is its agent's); the rest of the scope rule as everywhere.
        return TypedResults.Ok(tasks.Where(t => scope.All || t.TeamCode is not null && scope.Teams.Contains(t.TeamCode))
            .Select(t => t.AsDto(today)).ToList());
    }

    internal static async Task<Results<Ok<FollowUpTaskDto>, NotFound, ValidationProblem, ProblemHttpResult>> CloseAsync(long id,
        CloseRequest r, AnalyticsDbContext db, AgentScopes scopes, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var task = await db.Set<FollowUpTask>().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (r.Code is null || !ClosureCodes.All.Contains(r.Code)) errors["code"] = [$"use one of {string.Join(", ", ClosureCodes.All)}"];
        if (r.Department is not null && !await db.Reasons.AnyAsync(x => x.Department == r.Department, ct))
            errors["department"] = [$"'{r.Department}' is no department of the contact reasons"];
        if (r.Comment is { Length: > 2000 }) errors["comment"] = ["at most 2000 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.All && !(task.TeamCode is not null && scope.Teams.Contains(task.TeamCode)))
            return AgentScopes.Refusal(scope, "this task");
        if (task.ClosedUtc is not null)
            return TypedResults.Problem(statusCode: 409, title: "Already closed", detail: $"Closed as {task.ClosureCode} at {task.ClosedUtc:u}.");
        (task.ClosedUtc, task.ClosureCode, task.Department, task.ClosureComment) = (clock.GetUtcNow().UtcDateTime, r.Code, r.Department, r.Comment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(task.AsDto(Amsterdam.Today(clock)));
    }

    internal static async Task<Results<Ok<FollowUpSummary>, ValidationProblem>> SummaryAsync(string? from, string? to,
        FollowUpTasks tasks, AgentScopes scopes, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var scope = await scopes.ForAsync(http, ct);
        return TypedResults.Ok(await tasks.SummaryAsync(period!.Value, scope.All ? null : scope.Teams, ct));
    }

    private static FollowUpTaskDto AsDto(this FollowUpTask t, DateOnly today) => new(t.Id, t.Kind, t.Reason, t.Comment, t.AgentCode,
        t.TeamCode, t.Assignee, t.CreatedUtc, t.DueDate, Overdue: t.ClosedUtc is null && t.DueDate < today, t.ClosedUtc, t.ClosureCode,
        t.Department, t.ClosureComment, t.ContactId,
        t.ContactId is { } c ? $"/api/v1/contacts/{c}" : null, t.ContactId is { } h ? $"/api/v1/insights/contacts/{h}/chain" : null);
}

public sealed record CloseRequest(string? Code, string? Department, string? Comment);

/// <summary>ContactLink: the contact with notes and transcript; HistoryLink: the customer's chain of contacts around it.</summary>
public sealed record FollowUpTaskDto(long Id, string Kind, string Reason, string? Comment, string? Agent, string? Team, string Assignee,
    DateTime CreatedUtc, DateOnly DueDate, bool Overdue, DateTime? ClosedUtc, string? ClosureCode, string? Department,
    string? ClosureComment, long? ContactId, string? ContactLink, string? HistoryLink);
