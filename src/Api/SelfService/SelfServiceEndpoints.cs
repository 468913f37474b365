using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Contacts;
using Analytics.Api.Metrics;
using Analytics.Api.Scorecards;
using Analytics.Agents;
using Analytics.Data;
using Analytics.Insights.Agents;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Repeats;
using Analytics.Metrics;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.SelfService;

/// <summary>
/// An agent's own data, for an agent's key (bound to one agent): its scorecard without rank positions (an agent never
/// learns where colleagues stand), its contacts, the survey comments on them, and everything stored about it (AVG art. 15).
/// The key decides whose data this is; no route takes an agent code.
/// </summary>
internal static class SelfServiceEndpoints
{
    private const int MaxContacts = 500;

    public static RouteGroupBuilder MapSelfService(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/me").WithTags("Self-service");
        g.MapGet("/scorecard", GetScorecardAsync).WithName("GetMyScorecard")
            .WithSummary("The calling agent's scorecard (NPS raw and shrunk with tier but no rank, CES, CSAT, contact KPIs, FCR, behaviour checks per month, 12-month trend).");
        g.MapGet("/contacts", GetContactsAsync).WithName("GetMyContacts")
            .WithSummary("The calling agent's contacts in the period, newest first (at most 500).");
        g.MapGet("/comments", GetCommentsAsync).WithName("GetMyComments")
            .WithSummary("Survey scores and comments (redacted at ingest) on the calling agent's contacts in the period.");
        g.MapGet("/export", ExportAsync).WithName("ExportMyData")
            .WithSummary("Everything stored about the calling agent, as a JSON download (AVG art. 15): the agent, contacts handled with transcripts, survey scores and comments, reason corrections and the audit entries that name the agent.");
        return g;
    }

    private static async Task<Agent?> MeAsync(ClaimsPrincipal user, AnalyticsDbContext db, CancellationToken ct) =>
        user.FindFirstValue(ApiKeyClaims.Agent) is { } code
            ? await db.Agents.AsNoTracking().Include(a => a.Team).SingleOrDefaultAsync(a => a.Code == code, ct)
            : null;

    private static ProblemHttpResult NoAgent() =>
        TypedResults.Problem(statusCode: 404, title: "No agent for this key",
            detail: "This key is bound to no known agent; ask for a key made with ./analytics keys create --role agent --agent CODE.");

    /// <summary>The caller's agent and period, then <paramref name="answer"/>; a bad period or an unbound key is refused.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ForMeAsync<T>(string? from, string? to,
        AnalyticsDbContext db, HttpContext http, Func<Agent, Period, Task<T>> answer, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await MeAsync(http.User, db, ct) is not { } me) return NoAgent();
        return TypedResults.Ok(await answer(me, period!.Value));
    }

    private static Task<Results<Ok<AgentScorecard>, ProblemHttpResult, ValidationProblem>> GetScorecardAsync(
        string? from, string? to, AnalyticsDbContext db, SurveyMetrics surveys, ContactMetrics contacts, RepeatAnalysis repeats,
        FairRanking ranking, BehaviourScorecard behaviour, HttpContext http, CancellationToken ct) =>
        ForMeAsync(from, to, db, http, (me, p) => ScorecardEndpoints.ScorecardOfAsync(me, p, surveys, contacts, repeats, ranking,
            behaviour, positions: false, http, ct), ct);

    private static Task<Results<Ok<List<MyContact>>, ProblemHttpResult, ValidationProblem>> GetContactsAsync(
        string? from, string? to, AnalyticsDbContext db, HttpContext http, CancellationToken ct) =>
        ForMeAsync(from, to, db, http, (me, p) => Contacts(db, me.Id, p).ToListAsync(ct), ct);

    private static Task<Results<Ok<List<MyComment>>, ProblemHttpResult, ValidationProblem>> GetCommentsAsync(
        string? from, string? to, AnalyticsDbContext db, HttpContext http, CancellationToken ct) =>
        ForMeAsync(from, to, db, http, (me, p) => Comments(db, me.Id, p).ToListAsync(ct), ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        AnalyticsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await MeAsync(http.User, db, ct) is not { } me) return NoAgent();
        var contacts = await Contacts(db, me.Id, null).ToListAsync(ct);
        var ids = contacts.Select(c => c.Id).ToArray();
        var turns = (await db.TranscriptTurns.AsNoTracking().Where(t => ids.Contains(t.ContactId)).OrderBy(t => t.Seq)
                .Select(t => new { t.ContactId, Turn = new TurnDto(t.Seq, t.Speaker, t.StartMs, t.EndMs, t.Text) }).ToListAsync(ct))
            .ToLookup(t => t.ContactId, t => t.Turn);
        var corrections = await db.ReasonCorrections.AsNoTracking().Where(x => ids.Contains(x.ContactId)).OrderBy(x => x.Id)
            .Select(x => new MyCorrection(x.ContactId, x.ReasonCode, x.PreviousReasonCode, x.CorrectedUtc)).ToListAsync(ct);
        // Who looked at this agent's data: entries whose path or query names the agent's code.
        var byPath = $"/agents/{me.Code}/";
        var byQuery = $"agent={Uri.EscapeDataString(me.Code)}";
        var audit = (await db.AuditLog.AsNoTracking()
                .Where(a => a.Path.Contains(byPath) || (a.Query != null && a.Query.Contains(byQuery)))
                .OrderBy(a => a.Id).Select(a => new MyAuditEntry(a.AtUtc, a.Role, a.Method, a.Path, a.Query, a.Status))
                .ToListAsync(ct))
            .Where(a => a.Path.Contains(byPath, StringComparison.Ordinal) || ExactAgent(a.Query, byQuery)).ToList();
        var export = new MyExport(clock.GetUtcNow().UtcDateTime, new MyAgent(me.Code, me.Name, me.Team?.Code, me.Team?.Name),
            contacts.Select(c => c with { Transcript = turns[c.Id].ToList() }).ToList(),
            await Comments(db, me.Id, null).ToListAsync(ct), corrections, audit);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true });
        return TypedResults.File(json, "application/json", $"agent-{me.Code}-export.json");
    }

    /// <summary>agent=A1 names A1, not A10.</summary>
    private static bool ExactAgent(string? query, string byQuery)
    {
        var at = query?.IndexOf(byQuery, StringComparison.Ordinal) ?? -1;
        return at >= 0 && (at + byQuery.Length == query!.Length || query[at + byQuery.Length] == '&');
    }

    /// <summary>In a period newest first and at most <see cref="MaxContacts"/>; without one all of them, oldest first.</summary>
    private static IQueryable<MyContact> Contacts(AnalyticsDbContext db, int agentId, Period? period)
    {
        var mine = db.Contacts.AsNoTracking().Where(c => c.AgentId == agentId);
        if (period is { } p)
            mine = mine.Where(c => c.StartedUtc >= p.FromUtc && c.StartedUtc < p.ToUtcExclusive)
                .OrderByDescending(c => c.StartedUtc).Take(MaxContacts);
        else mine = mine.OrderBy(c => c.StartedUtc);
        return from c in mine
               join r in db.Reasons on c.ReasonId equals r.Id into rs
               from r in rs.DefaultIfEmpty()
               select new MyContact(c.Id, c.SourceId, c.Channel, c.Queue, c.StartedUtc, c.EndedUtc, c.WaitSeconds, c.TalkSeconds,
                   c.HoldSeconds, c.AcwSeconds, c.Transfers, c.Outcome, r == null ? null : r.Code, c.Notes, c.Language, null);
    }

    private static IQueryable<MyComment> Comments(AnalyticsDbContext db, int agentId, Period? period)
    {
        var mine = db.Surveys.AsNoTracking().Where(s => s.AgentId == agentId);
        if (period is { } p) mine = mine.Where(s => s.RespondedUtc >= p.FromUtc && s.RespondedUtc < p.ToUtcExclusive);
        return mine.OrderBy(s => s.RespondedUtc)
            .Select(s => new MyComment(s.Id, s.ContactId, s.Type, s.Score, s.Comment, s.RespondedUtc));
    }
}

public sealed record MyAgent(string Code, string Name, string? Team, string? TeamName);

public sealed record MyContact(long Id, string SourceId, string Channel, string? Queue, DateTime StartedUtc, DateTime? EndedUtc,
    int WaitSeconds, int TalkSeconds, int HoldSeconds, int AcwSeconds, int Transfers, string? Outcome, string? Reason,
    string? Notes, string? Language, IReadOnlyList<TurnDto>? Transcript);

public sealed record MyComment(long Id, long? ContactId, string Type, int Score, string? Comment, DateTime RespondedUtc);

public sealed record MyCorrection(long ContactId, string ReasonCode, string? PreviousReasonCode, DateTime CorrectedUtc);

public sealed record MyAuditEntry(DateTime AtUtc, string Role, string Method, string Path, string? Query, int Status);

/// <summary>Everything stored about one agent (AVG art. 15), as of <see cref="ExportedUtc"/>.</summary>
public sealed record MyExport(DateTime ExportedUtc, MyAgent Agent, IReadOnlyList<MyContact> Contacts, IReadOnlyList<MyComment> Comments,
    IReadOnlyList<MyCorrection> Corrections, IReadOnlyList<MyAuditEntry> Audit);
