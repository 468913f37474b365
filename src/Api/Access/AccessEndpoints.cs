using Analytics.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Access;

internal static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async Task<Results<Ok<List<AuditDto>>, ValidationProblem>> (AnalyticsDbContext db, HttpContext http,
                CancellationToken ct, int? limit = null, string? cursor = null, string? sort = null) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (Common.Paging.Read(http, limit, cursor, 100, 1000, errors, sort) is not { } paging) return TypedResults.ValidationProblem(errors);
                var rows = await paging.Apply(db.AuditLog.AsNoTracking(), a => a.Id)
                    .Select(a => new AuditDto(a.Id, a.AtUtc, a.ApiKeyId, a.Role, a.Method, a.Path, a.Query, a.Status, a.Detail)).ToListAsync(ct);
                return TypedResults.Ok(paging.Page(http, rows, a => a.Id));
            })
            .WithTags("Access").WithName("ListAudit")
            .WithSummary("Who accessed agent-level data, newest first (admin only).");

        return app;
    }
}

/// <summary><see cref="Detail"/>: what a write changed (a privacy switch's old and new value).</summary>
public sealed record AuditDto(long Id, DateTime AtUtc, int? ApiKeyId, string Role, string Method, string Path, string? Query, int Status,
    string? Detail);
