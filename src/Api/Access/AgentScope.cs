using System.Security.Claims;
using Analytics.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Analytics.Api.Access;

/// <summary>
/// Which agents a caller may see one by one: every agent (quality-manager, admin), the agents of its own teams (a
/// team lead's key), itself (an agent's key) or none. Every route that answers agent-level data asks this one place.
/// </summary>
internal sealed record AgentScope(bool All, IReadOnlySet<string> Teams, IReadOnlySet<string> Agents)
{
    public static readonly AgentScope Nobody = new(false, new HashSet<string>(), new HashSet<string>());

    public bool SeesAgent(string? agent) => All || agent is not null && Agents.Contains(agent);

    /// <summary>May see this team's agents one by one.</summary>
    public bool SeesTeam(string? team) => All || team is not null && Teams.Contains(team);

    /// <summary>A scoped key (team lead, agent): its answers are filtered, not whole.</summary>
    public bool Scoped => !All && (Teams.Count > 0 || Agents.Count > 0);

    public IReadOnlyList<T> Only<T>(IEnumerable<T> rows, Func<T, string> agent) =>
        All ? rows.ToList() : rows.Where(r => Agents.Contains(agent(r))).ToList();
}

/// <summary>Resolves a caller's <see cref="AgentScope"/> once per request (a team's agents are read from the table).</summary>
internal sealed class AgentScopes(NpgsqlDataSource db)
{
    private const string Item = "agent-scope";
    /// <summary>Set by <see cref="AgentGroupingFilter"/> when it lets a per-agent question through.</summary>
    internal const string AgentLevelAnswer = "agent-level-answer";

    public async Task<AgentScope> ForAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Items[Item] is AgentScope known) return known;
        var scope = await ResolveAsync(http.User, ct);
        http.Items[Item] = scope;
        return scope;
    }

    /// <summary>
    /// Null when the caller may see this contact (or there is no such contact: the route answers 404 itself); otherwise
    /// the 403 to answer. A contact belongs to its agent's team.
    /// </summary>
    public async Task<ProblemHttpResult?> RefuseContactAsync(HttpContext http, long contactId, CancellationToken ct)
    {
        var scope = await ForAsync(http, ct);
        if (scope.All) return null;
        await using var cmd = db.CreateCommand("SELECT a.code FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id WHERE c.id = @id");
        cmd.Parameters.AddWithValue("id", contactId);
        var found = await cmd.ExecuteScalarAsync(ct);
        if (found is null) return null;
        return scope.SeesAgent(found as string) ? null : Refusal(scope, "this contact");
    }

    /// <summary>The 403 for an agent (or a contact) outside the caller's scope.</summary>
    public static ProblemHttpResult Refusal(AgentScope scope, string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside this key's scope",
            detail: scope.Teams.Count > 0
                ? $"{what} belongs to an agent outside your teams ({string.Join(", ", scope.Teams.Order())})."
                : $"{what} is not yours: an agent's key shows that agent's own data only.");

    private async Task<AgentScope> ResolveAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.SeesAgents()) return new AgentScope(true, new HashSet<string>(), new HashSet<string>());
        switch (user.Role())
        {
            case Roles.Agent when user.FindFirstValue(ApiKeyClaims.Agent) is { } code:
                return new AgentScope(false, new HashSet<string>(), new HashSet<string>(StringComparer.Ordinal) { code });
            case Roles.TeamLead:
                var teams = user.FindAll(ApiKeyClaims.Team).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
                await using (var cmd = db.CreateCommand(
                                 "SELECT a.code FROM agents a JOIN teams t ON t.id = a.team_id WHERE t.code = ANY(@teams)"))
                {
                    cmd.Parameters.AddWithValue("teams", teams.ToArray());
                    var agents = new HashSet<string>(StringComparer.Ordinal);
                    await using var r = await cmd.ExecuteReaderAsync(ct);
                    while (await r.ReadAsync(ct)) agents.Add(r.GetString(0));
                    return new AgentScope(false, teams, agents);
                }
            default:
                return AgentScope.Nobody;
        }
    }
}

internal static class AgentLevelAnswers
{
    /// <summary>This request is answered at agent level (exact figures, no suppression): an agent-level role, or a team
    /// lead whose per-agent question <see cref="AgentGroupingFilter"/> let through.</summary>
    public static bool SeesAgentsHere(this HttpContext http) =>
        http.User.SeesAgents() || http.Items.ContainsKey(AgentScopes.AgentLevelAnswer);
}

internal static class ApiKeyClaims
{
    public const string Team = "analytics:team";
    public const string Agent = "analytics:agent";
}
