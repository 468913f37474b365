using Analytics.Api.Access;
using Analytics.Api.Reports;
using Analytics.Data;
using Analytics.Reporting;
using Analytics.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Web.Pages.Data;

/// <summary>
/// Report definitions (GET /api/v1/reports/definitions) with "run now" (POST …/definitions/{id}/run) and the rendered
/// runs (GET /api/v1/reports, by its cursor) with their PDFs (GET /api/v1/reports/{id}/download): the API's handlers,
/// so the report families' rules and audit are theirs.
/// </summary>
[AdminPage]
[AccessAs("GET /api/v1/reports/definitions")]
internal sealed class ReportsModel(AnalyticsDbContext db) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    [BindProperty(SupportsGet = true)] public long? Ran { get; set; }

    public List<ReportDefinition> Definitions { get; private set; } = [];
    public List<ReportRunDto>? Runs { get; private set; }
    public string? Next { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Definitions = (await ReportDefinitionEndpoints.ListAsync(db, ct)).Value ?? [];
        Runs = Take<List<ReportRunDto>>(await ReportEndpoints.ListRunsAsync(db, HttpContext, ct,
            cursor: BatchesModel.Blank(Cursor)));
        if (Response.Headers["X-Next-Cursor"].FirstOrDefault() is { } next) Next = "/web/data/reports?cursor=" + next;
    }

    [AccessAs("GET /api/v1/reports/{id}/download")]
    public async Task<IActionResult> OnGetDownloadAsync(long run, [FromServices] AuditLog audit, CancellationToken ct)
    {
        var answer = await ReportEndpoints.DownloadAsync(run, db, audit, HttpContext, ct);
        if (answer.Result is FileStreamHttpResult file)
            return File(file.FileStream, file.ContentType ?? "application/pdf", file.FileDownloadName);
        Take<object>(answer.Result);
        await OnGetAsync(ct);
        return Page();
    }

    [AccessAs("POST /api/v1/reports/definitions/{id}/run")]
    public async Task<IActionResult> OnPostRunAsync(int definition, [FromServices] ReportJobs jobs,
        [FromServices] AuditLog audit, CancellationToken ct)
    {
        var answer = Take<ReportRunDto>(
            await ReportDefinitionEndpoints.RunNowAsync(definition, db, jobs, audit, HttpContext, ct));
        if (answer is not null) return Redirect($"/web/data/reports?ran={answer.Id}");
        await OnGetAsync(ct);
        return Page();
    }
}
