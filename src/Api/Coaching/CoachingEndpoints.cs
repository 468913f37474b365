using System.Globalization;
using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Coaching;
using Analytics.Data;
using Analytics.Evaluations;
using Analytics.Insights.Calendar;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Coaching;

/// <summary>
/// Coaching sessions (agent, sub-skill, agreed actions, follow-up in Dutch working days) and their effect measured by
/// the customer. Agent-level: scoped by AgentScope and audited (AccessMatrix). There is no list of effects across agents on
/// purpose: an effect is read per session, never ranked.
/// </summary>
internal static class CoachingEndpoints
{
    public static void MapCoaching(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/coaching/sessions").WithTags("Coaching");
        g.MapPost("/", CreateAsync).WithName("CreateCoachingSession")
            .WithSummary("Records a coaching session: agent, sub-skill (an auto-QA check or a form section), agreed " +
                "actions, the day it was held and the follow-up date in Dutch working days.");
        g.MapGet("/", ListAsync).WithName("ListCoachingSessions")
            .WithSummary("Sessions held in the period, optionally of one agent (a team lead: its own teams' agents).");
        g.MapGet("/{id:long}", GetAsync).WithName("GetCoachingSession").WithSummary("One coaching session.");
        g.MapGet("/{id:long}/effect", EffectAsync).WithName("GetCoachingEffect")
            .WithSummary("The session's effect on the agent's NPS, CES and the sub-skill's check rates against agents " +
                "not coached on it in the same weeks, adjusted for case mix, with 95% intervals; too-early-to-tell " +
                "below the minimum.");

        app.MapGroup("/api/v1/me/coaching").WithTags("Self-service")
            .MapGet("/", MineAsync).WithName("GetMyCoachingSessions")
            .WithSummary("The calling agent's coaching sessions: sub-skill, agreed actions and follow-up date.");
    }

    internal static async Task<Results<Created<CoachingSessionDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CoachingSessionRequest r, AnalyticsDbContext db, AgentScopes scopes, DutchCalendar calendar,
        CoachingOptions options, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var agent = r.Agent is null ? null
            : await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Code == r.Agent, ct);
        if (agent is null)
            errors["agent"] = [r.Agent is null ? "the code of the coached agent" : $"unknown agent '{Truncate(r.Agent)}'"];
        var forms = await db.Set<EvaluationForm>().AsNoTracking().ToListAsync(ct);
        if (r.SubSkill is null || !SubSkills.Known(r.SubSkill, forms))
            errors["subSkill"] = [$"an auto-QA check ({string.Join(", ", AutoQa.Checks)}) or a form section's code"];
        if (string.IsNullOrWhiteSpace(r.AgreedActions) || r.AgreedActions.Length > 4000)
            errors["agreedActions"] = ["1 to 4000 characters"];
        var today = Amsterdam.Today(clock);
        var heldOn = today;
        if (r.HeldOn is not null
            && !DateOnly.TryParseExact(r.HeldOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out heldOn))
            errors["heldOn"] = ["a date yyyy-MM-dd"];
        else if (heldOn > today) errors["heldOn"] = ["a session is recorded once it is held: today or earlier"];
        var days = r.FollowUpWorkingDays ?? options.FollowUpWorkingDays;
        if (days is < 1 or > 60) errors["followUpWorkingDays"] = ["1 to 60 Dutch working days"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.SeesAgent(agent!.Code)) return AgentScopes.Refusal(scope, $"agent {agent.Code}");
        var session = new CoachingSession
        {
            AgentId = agent.Id, SubSkill = r.SubSkill!, AgreedActions = r.AgreedActions!.Trim(), HeldOn = heldOn,
            FollowUpOn = calendar.AddWorkingDays(heldOn, days),
            Coach = http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        var dto = (await Sessions(db).Where(s => s.Session.Id == session.Id).ToListAsync(ct)).Single().AsDto(forms);
        return TypedResults.Created($"/api/v1/coaching/sessions/{session.Id}", dto);
    }

    internal static async Task<Results<Ok<List<CoachingSessionDto>>, ValidationProblem>> ListAsync(string? from,
        string? to, string? agent, AnalyticsDbContext db, AgentScopes scopes, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        var scope = await scopes.ForAsync(http, ct);
        var rows = await Sessions(db)
            .Where(s => s.Session.HeldOn >= p.From && s.Session.HeldOn <= p.To && (agent == null || s.Agent == agent))
            .OrderBy(s => s.Session.HeldOn).ThenBy(s => s.Session.Id).ToListAsync(ct);
        var forms = await db.Set<EvaluationForm>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.Where(s => scope.SeesAgent(s.Agent)).Select(s => s.AsDto(forms)).ToList());
    }

    internal static async Task<Results<Ok<CoachingSessionDto>, NotFound, ProblemHttpResult>> GetAsync(long id,
        AnalyticsDbContext db, AgentScopes scopes, HttpContext http, CancellationToken ct)
    {
        var found = await Sessions(db).SingleOrDefaultAsync(s => s.Session.Id == id, ct);
        if (found is null) return TypedResults.NotFound();
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.SeesAgent(found.Agent)) return AgentScopes.Refusal(scope, "this session");
        return TypedResults.Ok(found.AsDto(await db.Set<EvaluationForm>().AsNoTracking().ToListAsync(ct)));
    }

    internal static async Task<Results<Ok<CoachingEffect>, NotFound, ProblemHttpResult>> EffectAsync(long id,
        AnalyticsDbContext db, CoachingEffects effects, AgentScopes scopes, HttpContext http, CancellationToken ct)
    {
        var agent = await Sessions(db).Where(s => s.Session.Id == id).Select(s => s.Agent).SingleOrDefaultAsync(ct);
        if (agent is null) return TypedResults.NotFound();
        var scope = await scopes.ForAsync(http, ct);
        if (!scope.SeesAgent(agent)) return AgentScopes.Refusal(scope, "this session");
        return TypedResults.Ok((await effects.ForSessionAsync(id, ct))!);
    }

    internal static async Task<Ok<List<CoachingSessionDto>>> MineAsync(AnalyticsDbContext db, HttpContext http,
        CancellationToken ct)
    {
        var me = http.User.FindFirst(ApiKeyClaims.Agent)?.Value;
        var rows = await Sessions(db).Where(s => me != null && s.Agent == me)
            .OrderBy(s => s.Session.HeldOn).ThenBy(s => s.Session.Id).ToListAsync(ct);
        var forms = await db.Set<EvaluationForm>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => s.AsDto(forms)).ToList());
    }

    /// <summary>Sessions with what decides who may see them: the agent's code and team.</summary>
    private static IQueryable<LocatedSession> Sessions(AnalyticsDbContext db) =>
        from s in db.Set<CoachingSession>().AsNoTracking()
        join a in db.Agents on s.AgentId equals a.Id
        join t in db.Teams on a.TeamId equals t.Id into teams
        from t in teams.DefaultIfEmpty()
        select new LocatedSession { Session = s, Agent = a.Code, Team = t == null ? null : t.Code };

    private static CoachingSessionDto AsDto(this LocatedSession l, IReadOnlyList<EvaluationForm> forms)
    {
        var s = l.Session;
        return new CoachingSessionDto(s.Id, l.Agent, l.Team, s.SubSkill, SubSkills.Checks(s.SubSkill, forms),
            s.AgreedActions, s.HeldOn, s.FollowUpOn, s.Coach, s.CreatedUtc, $"/api/v1/coaching/sessions/{s.Id}/effect");
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

// A member-init type, not a positional record: EF can filter on its members only then.
internal sealed class LocatedSession
{
    public required CoachingSession Session { get; init; }
    public required string Agent { get; init; }
    public string? Team { get; init; }
}

/// <summary>HeldOn: yyyy-MM-dd, today when left out; FollowUpWorkingDays: Coaching:FollowUpWorkingDays when left
/// out.</summary>
public sealed record CoachingSessionRequest(string? Agent, string? SubSkill, string? AgreedActions, string? HeldOn,
    int? FollowUpWorkingDays);

/// <summary>Checks: the auto-QA checks that measure the sub-skill (its own, or its section's items').</summary>
public sealed record CoachingSessionDto(long Id, string Agent, string? Team, string SubSkill,
    IReadOnlyList<string> Checks, string AgreedActions, DateOnly HeldOn, DateOnly FollowUpOn, string Coach, DateTime CreatedUtc, string EffectLink);
