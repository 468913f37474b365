using Analytics.Access;
using Analytics.Data;

namespace Analytics.Api.Access;

/// <summary>Writes who looked at agent-level data; the admin reads it at GET /api/v1/audit.</summary>
internal sealed class AuditLog(AnalyticsDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(HttpContext http, int status, CancellationToken ct, int? keyId = null, string? role = null)
    {
        db.AuditLog.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ApiKeyId = keyId ?? http.User.KeyId(),
            Role = role ?? http.User.Role(),
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? "",
            Query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null,
            Status = status,
        });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Endpoint filter for endpoints that always show agent-level data.</summary>
internal sealed class AuditAgentAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var status = result is IStatusCodeHttpResult { StatusCode: { } s } ? s : 200;
        await context.HttpContext.RequestServices.GetRequiredService<AuditLog>().RecordAsync(context.HttpContext, status, context.HttpContext.RequestAborted);
        return result;
    }
}

/// <summary>
/// For endpoints with a groupBy and an agent filter: per-agent figures (groupBy=agent, or agent=…) are forbidden to roles
/// without agent access, and audited otherwise.
/// </summary>
internal sealed class AgentGroupingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agentLevel = string.Equals(http.Request.Query["groupBy"], "agent", StringComparison.OrdinalIgnoreCase)
                         || !string.IsNullOrWhiteSpace(http.Request.Query["agent"]);
        if (!agentLevel) return await next(context);
        if (!http.User.SeesAgents())
        {
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, 403, http.RequestAborted);
            return TypedResults.Problem(statusCode: 403, title: "Not allowed for this role",
                detail: "Figures per agent, or of one agent, are for the quality-manager and admin roles; ask for team, reason, queue or channel instead.");
        }
        var result = await next(context);
        // The audit says what was answered: a refused value (400) showed nobody's figures.
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        var status = inner is IStatusCodeHttpResult { StatusCode: { } s } ? s : 200;
        await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(http, status, http.RequestAborted);
        return result;
    }
}
