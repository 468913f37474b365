using Analytics.Api.Access;
using Analytics.Data;
using Analytics.Reporting;
using Analytics.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Reports;

/// <summary>Rendered reports: list, download, run now; <see cref="ReportAccess"/> decides who sees what.</summary>
internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports");
        group.MapGet("/", ListRunsAsync).WithName("ListReports")
            .WithSummary("Rendered reports, newest first, with delivery state.");
        group.MapGet("/{id:long}/download", DownloadAsync).WithName("DownloadReport").WithSummary("The PDF of a rendered report.");
        group.MapPost("/run", RunNowAsync).WithName("RunReport")
            .WithSummary("Render a report now (family, period, language, filters).");
        group.MapDefinitions();
        return group;
    }

    internal static async Task<Results<Ok<List<ReportRunDto>>, ValidationProblem>> ListRunsAsync(AnalyticsDbContext db,
        HttpContext http, CancellationToken ct, int? limit = null, string? cursor = null, string? sort = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (Common.Paging.Read(http, limit, cursor, 50, 500, errors, sort) is not { } paging)
            return TypedResults.ValidationProblem(errors);
        // Only runs the caller may download: an analyst does not learn that quality reports were made, nor their ids.
        var families = ReportAccess.ReadableFamilies(http.User);
        var rows = await paging.Apply(db.ReportRuns.AsNoTracking().Where(r => families.Contains(r.Family)), r => r.Id)
            .Select(r => new ReportRunDto(r.Id, r.DefinitionId, r.Family, r.Language, r.PeriodFrom, r.PeriodTo,
                Path.GetFileName(r.Path), r.Bytes, r.State, r.DeliveryAttempts, r.Error, r.CreatedUtc, r.DeliveredUtc))
            .ToListAsync(ct);
        return TypedResults.Ok(paging.Page(http, rows, r => r.Id));
    }

    internal static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> DownloadAsync(long id,
        AnalyticsDbContext db, AuditLog audit, HttpContext http, CancellationToken ct, AgentScopes? scopes = null)
    {
        var run = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return TypedResults.NotFound();
        var agent = ReportFiles.AgentOf(run.Path);
        if (await ReportAccess.RefuseAsync(http, audit, run.Family, schedule: false, ct, ReportFiles.TeamOf(run.Path),
                scopes is null ? null : await scopes.ForAsync(http, ct), agent) is { } refusal)
            return refusal;
        if (run.State == "rendering" || !File.Exists(run.Path)) return TypedResults.NotFound();
        await ReportAccess.AuditAsync(http, audit, run.Family, StatusCodes.Status200OK, ct, agent);
        return TypedResults.File(File.OpenRead(run.Path), "application/pdf", Path.GetFileName(run.Path));
    }

    private static async Task<Results<Ok<ReportRunDto>, ValidationProblem, ProblemHttpResult>> RunNowAsync(
        RunReportRequest request, ReportJobs jobs, ReportOptions options, AuditLog audit, AgentScopes scopes,
        HttpContext http, CancellationToken ct)
    {
        var filters = ReportFilters.Of(request.Team, request.Channel, request.Agent);
        // Refused before the checks: a team lead learns nothing about codes outside its teams from a 400.
        if (ReportJobs.Families.Contains(request.Family)
            && await ReportAccess.RefuseAsync(http, audit, request.Family, schedule: false, ct, request.Team,
                await scopes.ForAsync(http, ct), filters.Agent) is { } refusal)
            return refusal;
        var errors = await jobs.CheckAsync(request.Family, filters, ct);
        var period = Metrics.QueryParsing.Period(request.From, request.To, errors);
        if (request.Language is not ("nl" or "en" or null)) errors["language"] = ["use nl or en"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        ReportRun run;
        try
        {
            run = await jobs.RenderAsync(request.Family, period!.Value, ReportLanguage.Parse(request.Language),
                options.OutputDirectory, ct, filters);
        }
        catch (InvalidReportException e) { return TypedResults.ValidationProblem(e.Errors.ToDictionary()); }
        await ReportAccess.AuditAsync(http, audit, run.Family, StatusCodes.Status200OK, ct, filters.Agent);
        return TypedResults.Ok(ReportRunDto.Of(run));
    }
}

/// <summary>Agent: the agent's code, for the coaching family (required there, refused for the others).</summary>
public sealed record RunReportRequest(string Family, string? From, string? To, string? Language, string? Team,
    string? Channel, string? Agent = null);

public sealed record ReportDefinitionRequest(string Name, string Family, string Cron, string? Audience,
    string? Language, string? TimeZone, string? PeriodKind, string? Team, string? Channel, List<string>? Recipients,
    bool? Enabled, string? Agent = null);

public sealed record ReportRunDto(long Id, int? DefinitionId, string Family, string Language, DateOnly From,
    DateOnly To, string File, long Bytes, string State, int DeliveryAttempts, string? Error, DateTime CreatedUtc,
    DateTime? DeliveredUtc)
{
    public static ReportRunDto Of(ReportRun r) => new(r.Id, r.DefinitionId, r.Family, r.Language, r.PeriodFrom, r.PeriodTo,
        Path.GetFileName(r.Path), r.Bytes, r.State, r.DeliveryAttempts, r.Error, r.CreatedUtc, r.DeliveredUtc);
}
