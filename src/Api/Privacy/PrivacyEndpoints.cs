using Analytics.Api.Access;
using Analytics.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Privacy;

/// <summary>The switches the agreement with the works council decides: every role may read them, an admin sets them.</summary>
internal static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/privacy").WithTags("Privacy");
        g.MapGet("/switches", GetAsync).WithName("GetPrivacySwitches")
            .WithSummary("The privacy switches' current values (per-agent ranking, survey-gaming signals, transcripts for quality managers) and the minimum group sizes.");
        g.MapPut("/switches/{name}", SetAsync).WithName("SetPrivacySwitch")
            .WithSummary("Turns a privacy switch on or off (admin); the old and new value go to the audit log.");
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
