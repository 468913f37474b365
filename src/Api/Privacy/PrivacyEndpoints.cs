using Analytics.Api.Access;
using Analytics.Data;
using Analytics.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Privacy;

public sealed record ErasureRequest(string? CustomerKey);

public sealed record AgentLeaveRequest(DateOnly? On);

public sealed record AgentLeaveDto(string Code, DateOnly LeftOn, bool Pseudonymised);

/// <summary>
/// The switches the agreement with the works council decides (every role may read them, an admin sets them), and the
/// data subjects' rights an admin carries out: a customer's erasure, an agent's leaving.
/// </summary>
internal static class PrivacyEndpoints
{
    private const int MaxKeyLength = 200;

    public static RouteGroupBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/privacy").WithTags("Privacy");
        g.MapGet("/switches", GetAsync).WithName("GetPrivacySwitches")
            .WithSummary("The privacy switches' current values (per-agent ranking, survey-gaming signals, transcripts for quality managers) and the minimum group sizes.");
        g.MapPut("/switches/{name}", SetAsync).WithName("SetPrivacySwitch")
            .WithSummary("Turns a privacy switch on or off (admin); the old and new value go to the audit log.");
        g.MapPost("/erasure", EraseAsync).WithName("EraseCustomer").WithSummary(
            "Erase one customer by key (AVG art. 17): contacts, transcripts, responses, search documents, " +
            "quarantined " +
            "lines; figures recomputed; audited with a hash of the key. An unknown key answers zero counts.");
        g.MapPost("/agents/{code}/leave", LeaveAsync).WithName("AgentLeaves").WithSummary(
            "Record an agent's last working day; Retention:AgentPseudonymiseAfterDays later the name becomes a code.");
        return g;
    }

    private static async Task<Ok<PrivacySettingsDto>> GetAsync(Switched switched, CancellationToken ct) =>
        TypedResults.Ok(PrivacySettingsDto.Of(await switched.ValuesAsync(ct)));

    private static async Task<Results<Ok<SwitchDto>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string name, SwitchRequest request, PrivacySwitches switches, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (PrivacySwitches.All.All(s => s.Name != name))
            return TypedResults.Problem(statusCode: 404, title: "No such switch",
                detail: $"'{name}' is not a privacy switch; use one of {string.Join(", ", PrivacySwitches.All.Select(s => s.Name))}.");
        if (request.Enabled is not { } enabled)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["enabled"] = ["true or false"] });
        var before = await switches.SetAsync(name, enabled, clock.GetUtcNow().UtcDateTime, ct);
        // The audit filter writes this with the entry: a works council asks who switched what, and from what.
        http.Items[AuditLog.DetailItem] = $"{name}: {Word(before)} -> {Word(enabled)}";
        return TypedResults.Ok(SwitchDto.Of(name, enabled));
    }

    private static string Word(bool on) => on ? "on" : "off";

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

/// <summary>Reads the switches once per request; <see cref="RefuseAsync"/> is the answer of a route that is switched off.</summary>
internal sealed class Switched(PrivacySwitches switches)
{
    private SwitchValues? _values;

    public async Task<SwitchValues> ValuesAsync(CancellationToken ct) => _values ??= await switches.CurrentAsync(ct);

    public async Task<ProblemHttpResult?> RefuseAsync(string name, CancellationToken ct) =>
        (await ValuesAsync(ct))[name] ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Switched off",
                detail: $"The privacy switch '{name}' is off (the agreement with the works council): " +
                        PrivacySwitches.All.Single(s => s.Name == name).Off + ". See GET /api/v1/privacy/switches.");
}

public sealed record SwitchRequest(bool? Enabled);

public sealed record SwitchDto(string Name, bool Enabled, string Setting, string WhenOff)
{
    public static SwitchDto Of(string name, bool enabled)
    {
        var s = PrivacySwitches.All.Single(x => x.Name == name);
        return new SwitchDto(name, enabled, s.Setting, s.Off);
    }
}

/// <summary>Everything the agreement decides, as it stands now.</summary>
public sealed record PrivacySettingsDto(IReadOnlyList<SwitchDto> Switches, int MinimumAgents, int MinimumResponses)
{
    public static PrivacySettingsDto Of(SwitchValues values) =>
        new(PrivacySwitches.All.Select(s => SwitchDto.Of(s.Name, values[s.Name])).ToList(),
            values.MinimumAgents, values.MinimumResponses);
}
