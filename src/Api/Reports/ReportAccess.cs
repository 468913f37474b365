using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Reports;

/// <summary>
/// Who may run, download and schedule which report family: the one place this is decided, below the endpoint-level
/// policies of the access matrix. The quality family names agents, ranks them on NPS and quotes detractors, so it needs
/// an agent-level role and every run, download and refusal of it is audited; the other families are aggregates.
/// </summary>
internal static class ReportAccess
{
    public static bool IsAgentLevel(string family) => family == "quality";

    /// <summary>The audit summary says who holds which key and whom they looked at: for admins (and audited).</summary>
    public static bool IsAdminOnly(string family) => family == "audit";

    /// <summary>The policy whose roles may run and download reports of <paramref name="family"/>.</summary>
    public static Policy ReadPolicy(string family) =>
        IsAdminOnly(family) ? AccessMatrix.Admin : IsAgentLevel(family) ? AccessMatrix.AgentLevel : AccessMatrix.Read;

    public static bool MayRead(ClaimsPrincipal user, string family) => ReadPolicy(family).Roles.Contains(user.Role());

    /// <summary>A definition mails the report to others: it needs the schedule policy and the family.</summary>
    public static bool MaySchedule(ClaimsPrincipal user, string family) =>
        AccessMatrix.Schedule.Roles.Contains(user.Role()) && MayRead(user, family);

    public static string[] ReadableFamilies(ClaimsPrincipal user) =>
        ReportJobs.Families.Where(f => MayRead(user, f)).ToArray();

    /// <summary>Null when the caller may; otherwise the audited 403 to answer.</summary>
    public static async Task<ProblemHttpResult?> RefuseAsync(HttpContext http, AuditLog audit, string family,
        bool schedule, CancellationToken ct)
    {
        if (schedule ? MaySchedule(http.User, family) : MayRead(http.User, family)) return null;
        await audit.RecordAsync(http, StatusCodes.Status403Forbidden, ct);
        var roles = string.Join(", ", (schedule ? AccessMatrix.Schedule.Roles.Intersect(ReadPolicy(family).Roles)
            : ReadPolicy(family).Roles));
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for this role",
            detail: $"{family} reports are for the roles {roles}" + (IsAgentLevel(family)
                ? ": they name agents; the reasons and management reports show aggregates."
                : IsAdminOnly(family) ? ": it names keys and the agents they looked at." : "."));
    }

    /// <summary>Writes an answered run or download of an agent-level report to the audit log.</summary>
    public static Task AuditAsync(HttpContext http, AuditLog audit, string family, int status, CancellationToken ct) =>
        IsAgentLevel(family) || IsAdminOnly(family) ? audit.RecordAsync(http, status, ct) : Task.CompletedTask;
}
