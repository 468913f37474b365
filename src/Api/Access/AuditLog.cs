using Analytics.Access;

namespace Analytics.Api.Access;

/// <summary>
/// Writes who looked at agent-level data; the admin reads it at GET /api/v1/audit. The row is committed (with other
/// requests' rows, by <see cref="AuditWriter"/>) before the call returns, so it exists before the answer leaves.
/// </summary>
internal sealed class AuditLog(AuditWriter writer, TimeProvider clock)
{
    /// <summary>An endpoint puts what it changed here; the audit entry of the request carries it.</summary>
    public const string DetailItem = "audit-detail";

    public async Task RecordAsync(HttpContext http, int status, CancellationToken ct, int? keyId = null, string? role = null,
        string? detail = null)
    {
        var write = writer.WriteAsync(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ApiKeyId = keyId ?? http.User.KeyId(),
            Role = role ?? http.User.Role(),
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? "",
            Query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null,
            Status = status,
            Detail = detail ?? http.Items[DetailItem] as string,
        });
        // A client that goes away stops waiting; its row is written all the same.
        await write.WaitAsync(ct);
    }
}

/// <summary>Endpoint filter for endpoints that always show agent-level data.</summary>
internal sealed class AuditAgentAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        // A Results<…> union wraps the answer: a refusal (403) or a 404 must be audited as what it was.
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        var status = inner is IStatusCodeHttpResult { StatusCode: { } s } ? s : 200;
        await context.HttpContext.RequestServices.GetRequiredService<AuditLog>().RecordAsync(context.HttpContext, status, context.HttpContext.RequestAborted);
        return result;
    }
}

/// <summary>
/// For endpoints with a groupBy and an agent filter: per-agent figures (groupBy=agent, or agent=…) are forbidden to roles
/// without agent access, allowed to a team lead that narrows the question to one of its own teams (team=…), and audited.
/// </summary>
internal sealed class AgentGroupingFilter(AgentScopes scopes) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agentLevel = string.Equals(http.Request.Query["groupBy"], "agent", StringComparison.OrdinalIgnoreCase)
                         || !string.IsNullOrWhiteSpace(http.Request.Query["agent"]);
        if (!agentLevel) return await next(context);
        var scope = await scopes.ForAsync(http, http.RequestAborted);
        // The team filter is applied in SQL, so a team lead's answer holds its own agents only, whatever agent= says.
        if (!scope.All && !(scope.Teams.Count > 0 && scope.SeesTeam(http.Request.Query["team"])))
        {
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, 403, http.RequestAborted);
            return TypedResults.Problem(statusCode: 403, title: "Not allowed for this role",
                detail: scope.Teams.Count > 0
                    ? $"A team lead asks per agent for its own teams only: add team={string.Join(" or team=", scope.Teams)}."
                    : "Figures per agent, or of one agent, are for the quality-manager and admin roles (and team leads for " +
                      "their own teams); ask for team, reason, queue or channel instead.");
        }
        http.Items[AgentScopes.AgentLevelAnswer] = true;
        var result = await next(context);
        // The audit says what was answered: a refused value (400) showed nobody's figures.
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        var status = inner is IStatusCodeHttpResult { StatusCode: { } s } ? s : 200;
        await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, status, http.RequestAborted);
        return result;
    }
}
