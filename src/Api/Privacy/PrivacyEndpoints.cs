using Analytics.Api.Access;
using Analytics.Data;
using Analytics.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Privacy;

public sealed record ErasureRequest(string? CustomerKey);

public sealed record AgentLeaveRequest(DateOnly? On);

public sealed record AgentLeaveDto(string Code, DateOnly LeftOn, bool Pseudonymised);

internal static class PrivacyEndpoints
{
    private const int MaxKeyLength = 200;

    public static RouteGroupBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/privacy").WithTags("Privacy");
        group.MapPost("/erasure", EraseAsync).WithName("EraseCustomer").WithSummary(
            "Erase one customer by key (AVG art. 17): contacts, transcripts, responses, search documents, " +
            "quarantined " +
            "lines; figures recomputed; audited with a hash of the key. An unknown key answers zero counts.");
        group.MapPost("/agents/{code}/leave", LeaveAsync).WithName("AgentLeaves").WithSummary(
            "Record an agent's last working day; Retention:AgentPseudonymiseAfterDays later the name becomes a code.");
        return group;
    }

    private static async Task<Results<Ok<ErasureResult>, ValidationProblem>> EraseAsync(ErasureRequest? request,
        Erasure erasure, Common.DataVersion version, HttpContext http, CancellationToken ct)
    {
        var key = request?.CustomerKey;
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["customerKey"] = [$"give the customer's key (1 to {MaxKeyLength} characters)"],
            });
        var actor = new ErasureActor(http.User.Role(), http.User.KeyId(), http.Request.Method,
            http.Request.Path.Value ?? "");
        var result = await erasure.EraseAsync(key.Trim(), actor, ct);
        version.Forget(); // the admin's next question already leaves the customer out
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<AgentLeaveDto>, NotFound, ValidationProblem>> LeaveAsync(string code,
        AgentLeaveRequest? request, AnalyticsDbContext db, CancellationToken ct)
    {
        if (request?.On is not { } on)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["on"] = ["give the last working day as yyyy-MM-dd"],
            });
        var agent = await db.Agents.SingleOrDefaultAsync(a => a.Code == code, ct);
        if (agent is null) return TypedResults.NotFound();
        agent.LeftOn = on;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new AgentLeaveDto(agent.Code, on, agent.PseudonymisedUtc is not null));
    }
}
