using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Data;
using Analytics.Reasons;
using Analytics.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Reasons;

/// <summary>Candidate new reasons (discovery) and the audit of agents' wrap-up codes (miscodes).</summary>
internal static class ReasonAuditEndpoints
{
    private const int EvidenceLimit = 200;

    public static void MapReasonAudit(this RouteGroupBuilder group)
    {
        group.MapGet("/candidates", CandidatesAsync).WithName("ReasonCandidates")
            .WithSummary("Candidate new reasons: unknown or corrected contacts clustered, with words, size, weekly trend, examples, teams and channels.");
        group.MapPost("/candidates/{id:int}/accept", AcceptAsync).WithName("AcceptReasonCandidate")
            .WithSummary("Adds the candidate to the taxonomy and puts its contacts forward for review (a correction confirms one, and then trains).");
        group.MapGet("/miscodes", MiscodesAsync).WithName("ReasonMiscodes").AddEndpointFilter<AgentGroupingFilter>()
            .WithSummary("Likely miscoded contacts (cross-fitted: a contact's own code never judges it) with evidence, and the rate per reason, team or agent.");
    }

    private static async Task<Results<Ok<CandidatesResponse>, ValidationProblem>> CandidatesAsync(string? from, string? to,
        ReasonDiscovery discovery, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        if (!http.User.SeesAgents()) Publication.RequireGrain(period, "none", "none", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        return TypedResults.Ok(new CandidatesResponse(p.From, p.To, await discovery.ForPeriodAsync(p, ct)));
    }

    private static async Task<Results<Created<AcceptedCandidate>, NotFound, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        int id, AcceptCandidateRequest request, ReasonDiscovery discovery, AnalyticsDbContext db, CancellationToken ct)
    {
        var dto = new ReasonDto(request.Code, request.NameNl, request.NameEn, request.ParentCode, request.Department, request.Avoidable);
        if (await ReasonEndpoints.ValidateAsync(dto, db, ct) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        if (await db.Reasons.AnyAsync(r => r.Code == request.Code, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [$"reason '{request.Code}' exists; choose a new code"] });
        var reason = new ContactReason
        {
            Code = request.Code, NameNl = request.NameNl, NameEn = request.NameEn ?? request.NameNl, ParentCode = request.ParentCode,
            Department = request.Department, Avoidable = request.Avoidable,
        };
        var result = await discovery.AcceptAsync(id, reason, ct);
        if (result is null) return TypedResults.NotFound();
        if (!result.Value.Accepted)
            return TypedResults.Problem(statusCode: 409, title: "Candidate already accepted", detail: $"candidate {id} is in the taxonomy already.");
        return TypedResults.Created($"/api/v1/reasons/{reason.Code}", new AcceptedCandidate(id, reason.Code, result.Value.Contacts));
    }

    private static async Task<Results<Ok<MiscodesResponse>, ValidationProblem, ProblemHttpResult>> MiscodesAsync(string? from,
        string? to, string? groupBy, string? team, ReasonCodeAudits audits, Publication publication, PrivacyOptions privacy,
        AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = QueryParsing.Period(from, to, errors);
        groupBy ??= "reason";
        if (groupBy is not ("reason" or "team" or "agent")) errors["groupBy"] = ["use reason, team or agent"];
        var published = !http.SeesAgentsHere();
        if (published) Publication.RequireGrain(period, "none", "none", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = period!.Value;
        if (published && await publication.SmallTeamAsync(team, p, privacy.MinimumAgents, ct))
            return await Publication.RefuseSmallTeamAsync(audit, http, team!, privacy, ct);
        var groups = await audits.GroupsAsync(p, groupBy, team, ct);
        if (groupBy == "agent")
        {
            var scope = await http.RequestServices.GetRequiredService<AgentScopes>().ForAsync(http, ct);
            groups = scope.Only(groups, g => g.Key);
        }
        var rows = new List<MiscodeGroupDto>();
        foreach (var g in groups)
        {
            // Groups of few contacts, or a team of few agents, are refused to roles that see groups only (decision 020).
            var small = published && (g.Audited < privacy.MinimumResponses
                                      || groupBy == "team" && await publication.SmallTeamAsync(g.Key, p, privacy.MinimumAgents, ct));
            rows.Add(small ? new MiscodeGroupDto(g.Key, null, null, null, true)
                : new MiscodeGroupDto(g.Key, g.Audited, g.Flagged, Percent(g.Flagged, g.Audited)));
        }
        int audited = groups.Sum(g => g.Audited), flagged = groups.Sum(g => g.Flagged);
        return TypedResults.Ok(new MiscodesResponse(p.From, p.To, groupBy, audited, flagged, Percent(flagged, audited), rows,
            await audits.EvidenceAsync(p, team, EvidenceLimit, ct)));
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;
}

public sealed record CandidatesResponse(DateOnly From, DateOnly To, IReadOnlyList<CandidateView> Candidates);

public sealed record AcceptCandidateRequest(string Code, string NameNl, string? NameEn, string? ParentCode, string Department,
    bool Avoidable);

/// <summary>The new taxonomy entry and how many contacts now wait for an analyst's confirmation.</summary>
public sealed record AcceptedCandidate(int CandidateId, string ReasonCode, int ContactsForReview);

/// <summary>Counts null when suppressed (too few contacts, or a team of too few agents, for the caller's role).</summary>
public sealed record MiscodeGroupDto(string Key, int? Audited, int? Flagged, double? MiscodePercent, bool Suppressed = false);

public sealed record MiscodesResponse(DateOnly From, DateOnly To, string GroupBy, int Audited, int Flagged, double? MiscodePercent,
    IReadOnlyList<MiscodeGroupDto> Groups, IReadOnlyList<MiscodeEvidence> Evidence);
