using Analytics.Access;
using Analytics.Data;

namespace Analytics.Api.Cli;

/// <summary>A verb that changes who can see what, or what is stored about people, leaves a row in the audit log.</summary>
internal static class CliAudit
{
    public static async Task WriteAsync(AnalyticsDbContext db, string what, string query, CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            AtUtc = DateTime.UtcNow, Role = "cli:" + Environment.UserName, Method = "CLI", Path = what, Query = query,
            Status = 200,
        });
        await db.SaveChangesAsync(ct);
    }
}
