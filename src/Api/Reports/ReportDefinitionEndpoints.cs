using Analytics.Api.Access;
using Analytics.Data;
using Analytics.Reporting;
using Analytics.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Reports;

/// <summary>
/// Scheduled reports. Every change and every run is audited whatever the family: a definition keeps mailing PDFs to
/// its recipients unattended, so who set it up matters as much as who downloaded one.
/// </summary>
internal static class ReportDefinitionEndpoints
{
    public static void MapDefinitions(this RouteGroupBuilder group)
    {
        group.MapGet("/definitions", ListAsync).WithName("ListReportDefinitions");
        group.MapGet("/definitions/{id:int}", async Task<Results<Ok<ReportDefinition>, NotFound>> (int id,
                AnalyticsDbContext db, CancellationToken ct) =>
            await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } d
                ? TypedResults.Ok(d) : TypedResults.NotFound())
            .WithName("GetReportDefinition");
        group.MapPost("/definitions", CreateAsync).WithName("CreateReportDefinition")
            .WithSummary("Schedule a report: it becomes a recurring job.");
        group.MapPut("/definitions/{id:int}", UpdateAsync).WithName("UpdateReportDefinition");
        group.MapDelete("/definitions/{id:int}", DeleteAsync).WithName("DeleteReportDefinition");
        group.MapPost("/definitions/{id:int}/run", RunNowAsync).WithName("RunReportDefinition")
            .WithSummary("Run a definition now (its last full period) and deliver it to its recipients.");
    }

    internal static async Task<Ok<List<ReportDefinition>>> ListAsync(AnalyticsDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.ReportDefinitions.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct));

    private static async Task<Results<Created<ReportDefinition>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ReportDefinitionRequest request, AnalyticsDbContext db, ReportSchedule schedule, ReportJobs jobs,
        ReportOptions options, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await RefuseAsync(http, audit, ct, request.Family) is { } refusal) return refusal;
        var errors = await ReportDefinitionRules.ValidateAsync(request, jobs, options, clock.GetUtcNow().UtcDateTime,
            ct);
        if (errors.Count == 0 && await db.ReportDefinitions.AnyAsync(d => d.Name == request.Name, ct))
            errors["name"] = ["a report definition with this name exists"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var d = new ReportDefinition
        {
            Name = request.Name, Family = request.Family, Cron = request.Cron,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        Apply(request, d);
        db.ReportDefinitions.Add(d);
        await db.SaveChangesAsync(ct);
        schedule.Sync(d);
        await audit.RecordAsync(http, StatusCodes.Status201Created, ct);
        return TypedResults.Created($"/api/v1/reports/definitions/{d.Id}", d);
    }

    private static async Task<Results<Ok<ReportDefinition>, NotFound, ValidationProblem, ProblemHttpResult>>
        UpdateAsync(int id, ReportDefinitionRequest request, AnalyticsDbContext db, ReportSchedule schedule,
            ReportJobs jobs, ReportOptions options, AuditLog audit, TimeProvider clock, HttpContext http,
            CancellationToken ct)
    {
        var d = await db.ReportDefinitions.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return TypedResults.NotFound();
        // Both families: a cx-manager may neither edit a quality definition nor turn one into a quality definition.
        if (await RefuseAsync(http, audit, ct, d.Family, request.Family) is { } refusal) return refusal;
        var errors = await ReportDefinitionRules.ValidateAsync(request, jobs, options, clock.GetUtcNow().UtcDateTime,
            ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        Apply(request, d);
        await db.SaveChangesAsync(ct);
        schedule.Sync(d);
        await audit.RecordAsync(http, StatusCodes.Status200OK, ct);
        return TypedResults.Ok(d);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(int id,
        AnalyticsDbContext db, ReportSchedule schedule, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var family = await db.ReportDefinitions.Where(d => d.Id == id).Select(d => d.Family).SingleOrDefaultAsync(ct);
        if (family is null) return TypedResults.NotFound();
        if (await RefuseAsync(http, audit, ct, family) is { } refusal) return refusal;
        await db.ReportDefinitions.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
        schedule.Remove(id);
        await audit.RecordAsync(http, StatusCodes.Status204NoContent, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<ReportRunDto>, NotFound, ValidationProblem, ProblemHttpResult>> RunNowAsync(
        int id, AnalyticsDbContext db, ReportJobs jobs, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var d = await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return TypedResults.NotFound();
        if (await RefuseAsync(http, audit, ct, d.Family) is { } refusal) return refusal;
        // The row may predate the checks: refuse its bad filters here as the job does, naming the field to fix.
        if (await jobs.CheckAsync(d.Family, ReportFilters.Of(d.Team, d.Channel, d.Agent), ct) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        var run = await jobs.RunDefinitionOnceAsync(id, ct);
        if (run is null) return TypedResults.NotFound();
        await audit.RecordAsync(http, StatusCodes.Status200OK, ct);
        return TypedResults.Ok(ReportRunDto.Of(run));
    }

    private static async Task<ProblemHttpResult?> RefuseAsync(HttpContext http, AuditLog audit, CancellationToken ct,
        params string?[] families)
    {
        foreach (var family in families.OfType<string>().Where(ReportJobs.Families.Contains).Distinct())
            if (await ReportAccess.RefuseAsync(http, audit, family, schedule: true, ct) is { } refusal) return refusal;
        return null;
    }

    private static void Apply(ReportDefinitionRequest r, ReportDefinition d)
    {
        d.Name = r.Name; d.Family = r.Family; d.Cron = r.Cron; d.Audience = r.Audience; d.Language = r.Language ?? "nl";
        d.TimeZone = r.TimeZone ?? "Europe/Amsterdam"; d.PeriodKind = r.PeriodKind ?? "month";
        var filters = ReportFilters.Of(r.Team, r.Channel, r.Agent);
        d.Team = filters.Team; d.Channel = filters.Channel; d.Agent = filters.Agent;
        d.Recipients = r.Recipients ?? []; d.Enabled = r.Enabled ?? true;
    }
}
