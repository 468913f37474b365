using System.Security.Claims;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Reports;

/// <summary>
/// Who may run, download and schedule which report family: the one place this is decided, below the endpoint-level
/// policies of the access matrix. The quality family names agents, ranks them on NPS and quotes detractors, so it needs
/// an agent-level role and every run, download and refusal of it is audited; the other families are aggregates. The
/// coaching family is about one agent: agent-level too, and a team lead only for an agent of its own teams
/// (<see cref="AgentScope"/>).
/// </summary>
internal static class ReportAccess
{
    public static bool IsAgentLevel(string family) => family is "quality" or Coaching;

    private const string Coaching = "coaching";

    /// <summary>The audit summary says who holds which key and whom they looked at: for admins (and audited).</summary>
    public static bool IsAdminOnly(string family) => family == "audit";

    /// <summary>The policy whose roles may run and download reports of <paramref name="family"/>.</summary>
    public static Policy ReadPolicy(string family) =>
        IsAdminOnly(family) ? AccessMatrix.Admin : IsAgentLevel(family) ? AccessMatrix.AgentLevel : AccessMatrix.Read;

    /// <summary>
    /// A team lead reads the quality family of its own teams only (<paramref name="team"/> must be one of them) and the
    /// coaching family of its own teams' agents only (<paramref name="agent"/> in its <paramref name="scope"/>).
    /// </summary>
    public static bool MayRead(ClaimsPrincipal user, string family, string? team = null, AgentScope? scope = null,
        string? agent = null) =>
        ReadPolicy(family).Roles.Contains(user.Role())
        && (user.Role() != Roles.TeamLead || !IsAgentLevel(family)
            || (family == Coaching ? agent is not null && scope?.SeesAgent(agent) == true
                : team is not null && user.HasClaim(ApiKeyClaims.Team, team)));

    /// <summary>A definition mails the report to others: it needs the schedule policy and the family.</summary>
    public static bool MaySchedule(ClaimsPrincipal user, string family) =>
        AccessMatrix.Schedule.Roles.Contains(user.Role()) && MayRead(user, family);

    /// <summary>Families listed to the caller; a team lead's list leaves the quality and coaching families out (they
    /// are per team and per agent).</summary>
    public static string[] ReadableFamilies(ClaimsPrincipal user) =>
        ReportJobs.Families.Where(f => MayRead(user, f)).ToArray();

    /// <summary>Null when the caller may; otherwise the audited 403 to answer.</summary>
    public static async Task<ProblemHttpResult?> RefuseAsync(HttpContext http, AuditLog audit, string family,
        bool schedule, CancellationToken ct, string? team = null, AgentScope? scope = null, string? agent = null)
    {
        if (schedule ? MaySchedule(http.User, family) : MayRead(http.User, family, team, scope, agent)) return null;
        await audit.RecordAsync(http, StatusCodes.Status403Forbidden, ct, detail: AgentDetail(agent));
        if (http.User.Role() == Roles.TeamLead && !schedule && family == Coaching && scope is not null)
            return AgentScopes.Refusal(scope, $"agent {agent}");
        if (http.User.Role() == Roles.TeamLead && !schedule)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside this key's scope",
                detail: $"A team lead runs and downloads {family} reports of its own teams only: give team=" +
                        string.Join(" or ", http.User.FindAll(ApiKeyClaims.Team).Select(c => c.Value)) + ".");
        var roles = string.Join(", ", (schedule ? AccessMatrix.Schedule.Roles.Intersect(ReadPolicy(family).Roles)
            : ReadPolicy(family).Roles));
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for this role",
            detail: $"{family} reports are for the roles {roles}" + (IsAgentLevel(family)
                ? ": they name agents; the reasons and management reports show aggregates."
                : IsAdminOnly(family) ? ": it names keys and the agents they looked at." : "."));
    }

    /// <summary>Writes an answered run or download of an agent-level report to the audit log, naming the agent a
    /// coaching report is about (the audit summary counts looks per agent from it).</summary>
    public static Task AuditAsync(HttpContext http, AuditLog audit, string family, int status, CancellationToken ct,
        string? agent = null) =>
        IsAgentLevel(family) || IsAdminOnly(family)
            ? audit.RecordAsync(http, status, ct, detail: AgentDetail(agent)) : Task.CompletedTask;

    private static string? AgentDetail(string? agent) => agent is null ? null : "agent=" + Uri.EscapeDataString(agent);
}
