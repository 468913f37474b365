using System.ComponentModel.DataAnnotations;
using Analytics.Data;
using Analytics.Reporting;
using Analytics.Reports;
using Analytics.Time;
using Cronos;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Reports;

internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports");
        group.MapGet("/", ListRunsAsync).WithName("ListReports").WithSummary("Rendered reports, newest first, with delivery state.");
        group.MapGet("/{id:long}/download", DownloadAsync).WithName("DownloadReport").WithSummary("The PDF of a rendered report.");
        group.MapPost("/run", RunNowAsync).WithName("RunReport").WithSummary("Render a report now (family, period, language, filters).");
        group.MapGet("/definitions", async (AnalyticsDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.ReportDefinitions.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct))).WithName("ListReportDefinitions");
        group.MapGet("/definitions/{id:int}", async Task<Results<Ok<ReportDefinition>, NotFound>> (int id, AnalyticsDbContext db, CancellationToken ct) =>
            await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound())
            .WithName("GetReportDefinition");
        group.MapPost("/definitions", CreateAsync).WithName("CreateReportDefinition").WithSummary("Schedule a report: it becomes a recurring job.");
        group.MapPut("/definitions/{id:int}", UpdateAsync).WithName("UpdateReportDefinition");
        group.MapDelete("/definitions/{id:int}", DeleteAsync).WithName("DeleteReportDefinition");
        group.MapPost("/definitions/{id:int}/run", RunDefinitionNowAsync).WithName("RunReportDefinition")
            .WithSummary("Run a definition now (its last full period) and deliver it to its recipients.");
        return group;
    }

    private static async Task<Results<Ok<List<ReportRunDto>>, ValidationProblem>> ListRunsAsync(AnalyticsDbContext db, HttpContext http,
        CancellationToken ct, int? limit = null, string? cursor = null, string? sort = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (Common.Paging.Read(http, limit, cursor, 50, 500, errors, sort) is not { } paging) return TypedResults.ValidationProblem(errors);
        var rows = await paging.Apply(db.ReportRuns.AsNoTracking(), r => r.Id)
            .Select(r => new ReportRunDto(r.Id, r.DefinitionId, r.Family, r.Language, r.PeriodFrom, r.PeriodTo, Path.GetFileName(r.Path), r.Bytes,
                r.State, r.DeliveryAttempts, r.Error, r.CreatedUtc, r.DeliveredUtc)).ToListAsync(ct);
        return TypedResults.Ok(paging.Page(http, rows, r => r.Id));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> DownloadAsync(long id, AnalyticsDbContext db, CancellationToken ct)
    {
        var run = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null || !File.Exists(run.Path)) return TypedResults.NotFound();
        return TypedResults.File(File.OpenRead(run.Path), "application/pdf", Path.GetFileName(run.Path));
    }

    private static async Task<Results<Ok<ReportRunDto>, ValidationProblem>> RunNowAsync(RunReportRequest request, ReportJobs jobs,
        ReportOptions options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ReportJobs.Families.Contains(request.Family)) errors["family"] = [$"unknown family '{request.Family}'; use one of {string.Join(", ", ReportJobs.Families)}"];
        var period = Metrics.QueryParsing.Period(request.From, request.To, errors);
        if (request.Language is not ("nl" or "en" or null)) errors["language"] = ["use nl or en"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var run = await jobs.RenderAsync(request.Family, period!.Value, ReportLanguage.Parse(request.Language), options.OutputDirectory, ct,
            new ReportFilters(request.Team, request.Channel));
        return TypedResults.Ok(ReportRunDto.Of(run));
    }

    private static async Task<Results<Created<ReportDefinition>, ValidationProblem>> CreateAsync(ReportDefinitionRequest request,
        AnalyticsDbContext db, ReportSchedule schedule, CancellationToken ct)
    {
        if (Validate(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        if (await db.ReportDefinitions.AnyAsync(d => d.Name == request.Name, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"a report definition named '{request.Name}' exists"] });
        var d = new ReportDefinition { Name = request.Name, Family = request.Family, Cron = request.Cron, CreatedUtc = DateTime.UtcNow };
        Apply(request, d);
        db.ReportDefinitions.Add(d);
        await db.SaveChangesAsync(ct);
        schedule.Sync(d);
        return TypedResults.Created($"/api/v1/reports/definitions/{d.Id}", d);
    }

    private static async Task<Results<Ok<ReportDefinition>, NotFound, ValidationProblem>> UpdateAsync(int id, ReportDefinitionRequest request,
        AnalyticsDbContext db, ReportSchedule schedule, CancellationToken ct)
    {
        if (Validate(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var d = await db.ReportDefinitions.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return TypedResults.NotFound();
        Apply(request, d);
        await db.SaveChangesAsync(ct);
        schedule.Sync(d);
        return TypedResults.Ok(d);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, AnalyticsDbContext db, ReportSchedule schedule, CancellationToken ct)
    {
        var n = await db.ReportDefinitions.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
        if (n == 0) return TypedResults.NotFound();
        schedule.Remove(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ReportRunDto>, NotFound>> RunDefinitionNowAsync(int id, AnalyticsDbContext db, ReportJobs jobs, CancellationToken ct)
    {
        if (!await db.ReportDefinitions.AnyAsync(d => d.Id == id, ct)) return TypedResults.NotFound();
        await jobs.RunDefinitionAsync(id, ct);
        var run = await db.ReportRuns.AsNoTracking().Where(r => r.DefinitionId == id).OrderByDescending(r => r.Id).FirstAsync(ct);
        return TypedResults.Ok(ReportRunDto.Of(run));
    }

    private static void Apply(ReportDefinitionRequest r, ReportDefinition d)
    {
        d.Name = r.Name; d.Family = r.Family; d.Cron = r.Cron; d.Audience = r.Audience; d.Language = r.Language ?? "nl";
        d.TimeZone = r.TimeZone ?? "Europe/Amsterdam"; d.PeriodKind = r.PeriodKind ?? "month"; d.Team = r.Team; d.Channel = r.Channel;
        d.Recipients = r.Recipients ?? []; d.Enabled = r.Enabled ?? true;
    }

    private static Dictionary<string, string[]> Validate(ReportDefinitionRequest r)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 200) e["name"] = ["give a name of 1 to 200 characters"];
        if (!ReportJobs.Families.Contains(r.Family)) e["family"] = [$"unknown family '{r.Family}'; use one of {string.Join(", ", ReportJobs.Families)}"];
        try { CronExpression.Parse(r.Cron); } catch (CronFormatException x) { e["cron"] = [$"'{r.Cron}' is not a cron expression: {x.Message}"]; }
        if (r.Language is not (null or "nl" or "en")) e["language"] = ["use nl or en"];
        if (r.PeriodKind is not (null or "month" or "week")) e["periodKind"] = ["use month or week"];
        if (r.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _)) e["timeZone"] = [$"unknown time zone '{r.TimeZone}'"];
        var bad = (r.Recipients ?? []).Where(a => !new EmailAddressAttribute().IsValid(a)).ToList();
        if (bad.Count > 0) e["recipients"] = [$"not e-mail addresses: {string.Join(", ", bad)}"];
        return e;
    }
}

public sealed record RunReportRequest(string Family, string? From, string? To, string? Language, string? Team, string? Channel);

public sealed record ReportDefinitionRequest(string Name, string Family, string Cron, string? Audience, string? Language, string? TimeZone,
    string? PeriodKind, string? Team, string? Channel, List<string>? Recipients, bool? Enabled);

public sealed record ReportRunDto(long Id, int? DefinitionId, string Family, string Language, DateOnly From, DateOnly To, string File, long Bytes,
    string State, int DeliveryAttempts, string? Error, DateTime CreatedUtc, DateTime? DeliveredUtc)
{
    public static ReportRunDto Of(ReportRun r) => new(r.Id, r.DefinitionId, r.Family, r.Language, r.PeriodFrom, r.PeriodTo,
        Path.GetFileName(r.Path), r.Bytes, r.State, r.DeliveryAttempts, r.Error, r.CreatedUtc, r.DeliveredUtc);
}
