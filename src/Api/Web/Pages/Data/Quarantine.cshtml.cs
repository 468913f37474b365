using Analytics.Api.Ingest;
using Analytics.Data;
using Analytics.Ingest.Pipeline;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Web.Pages.Data;

/// <summary>
/// A batch's quarantined rows with line, reason and raw text (GET /api/v1/ingest/batches/{id}/quarantine, audited), and
/// a form per open row that fixes the line and re-submits it (POST /api/v1/ingest/quarantine/resubmit): it runs
/// through the pipeline again as a new batch, so a fixed row lands exactly as a good row of a file would.
/// </summary>
[AdminPage]
[AccessAs("GET /api/v1/ingest/batches/{id}/quarantine")]
internal sealed class QuarantineModel(AnalyticsDbContext db) : WebPage
{
    [BindProperty(SupportsGet = true)] public long? Batch { get; set; }
    /// <summary>The batch a re-submitted row became, to say how it went.</summary>
    [BindProperty(SupportsGet = true)] public long? Resubmitted { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public List<QuarantinedRowDto>? Rows { get; private set; }
    /// <summary>Without a batch: the newest batches that quarantined rows, to choose from.</summary>
    public List<BatchDto> WithRows { get; private set; } = [];
    public BatchDto? Result { get; private set; }
    public string? Next { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Resubmitted is { } done)
            Result = (await IngestEndpoints.GetBatchAsync(done, db, HttpContext, ct)).Result is
                Microsoft.AspNetCore.Http.HttpResults.Ok<BatchDto> ok ? ok.Value : null;
        if (Batch is not { } id)
        {
            var recent = Take<List<BatchDto>>(await IngestEndpoints.ListBatchesAsync(db, HttpContext, ct, limit: 500));
            WithRows = recent?.Where(b => b.Quarantined > 0).ToList() ?? [];
            return;
        }
        Rows = Take<List<QuarantinedRowDto>>(await IngestEndpoints.ListQuarantineAsync(id, db, HttpContext, ct,
            cursor: BatchesModel.Blank(Cursor)));
        if (Response.Headers["X-Next-Cursor"].FirstOrDefault() is { } next)
            Next = $"/web/data/quarantine?batch={id}&cursor={Uri.EscapeDataString(next)}";
    }

    [AccessAs("POST /api/v1/ingest/quarantine/resubmit")]
    public async Task<IActionResult> OnPostAsync(long id, string? rawText, [FromServices] IngestService ingest,
        CancellationToken ct)
    {
        var answer = Take<List<IngestResult>>(await IngestEndpoints.ResubmitAsync(
            new ResubmitRequest([new ResubmitRow(id, rawText)]), db, ingest, ct));
        if (answer is [var result, ..])
            return Redirect($"/web/data/quarantine?batch={Batch}&resubmitted={result.BatchId}");
        if (Batch is { } batch)
            Rows = Take<List<QuarantinedRowDto>>(await IngestEndpoints.ListQuarantineAsync(batch, db, HttpContext, ct))
                   ?? Rows;
        return Page();
    }
}
