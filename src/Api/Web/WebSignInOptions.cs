using System.ComponentModel.DataAnnotations;
using Analytics.Access;

namespace Analytics.Api.Web;

/// <summary>
/// "Web:OpenIdConnect": the organisation's OpenID provider (Entra ID, Keycloak, …) and how its groups become our roles
/// and scopes. Without an Authority the pages have no sign-in (the API's keys work as before). Validated on start.
/// </summary>
internal sealed class WebSignInOptions : IValidatableObject
{
    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; empty: no sign-in to the pages.</summary>
    public string? Authority { get; set; }
    public string ClientId { get; set; } = "analytics";
    public string? ClientSecret { get; set; }
    /// <summary>Only a local test provider may be plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>The ID token's claim that lists the person's groups (Entra ID: "groups", object ids).</summary>
    [Required] public string GroupClaim { get; set; } = "groups";
    /// <summary>The claim that carries an agent's code (an agent sees its own data only).</summary>
    [Required] public string AgentClaim { get; set; } = "employee_id";
    /// <summary>Group (id or name, as the provider sends it) → role and, for team leads, their teams.</summary>
    public Dictionary<string, WebGroup> Groups { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri))
            yield return new("Web:OpenIdConnect:Authority must be an absolute URL", [nameof(Authority)]);
        else if (RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps)
            yield return new("Web:OpenIdConnect:Authority must be https (RequireHttpsMetadata)", [nameof(Authority)]);
        if (string.IsNullOrWhiteSpace(ClientId)) yield return new("Web:OpenIdConnect:ClientId is required", [nameof(ClientId)]);
        foreach (var (name, group) in Groups)
        {
            // Machine roles sign in with keys, never as people.
            if (!Roles.All.Contains(group.Role) || group.Role == Roles.Ingest)
                yield return new($"Web:OpenIdConnect:Groups:{name}:Role '{group.Role}' is not a person's role", [nameof(Groups)]);
            if (group.Role == Roles.TeamLead && group.Teams.Length == 0)
                yield return new($"Web:OpenIdConnect:Groups:{name}: a team-lead group needs Teams", [nameof(Groups)]);
        }
    }
}

internal sealed class WebGroup
{
    public string Role { get; set; } = "";
    /// <summary>Team codes a team lead of this group leads.</summary>
    public string[] Teams { get; set; } = [];
}
