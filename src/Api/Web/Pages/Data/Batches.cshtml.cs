using Analytics.Api.Ingest;
using Analytics.Data;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Web.Pages.Data;

/// <summary>Ingest batches with their counts as GET /api/v1/ingest/batches lists them (newest first, paged).</summary>
[AdminPage]
[AccessAs("GET /api/v1/ingest/batches")]
internal sealed class BatchesModel(AnalyticsDbContext db) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public List<BatchDto>? Batches { get; private set; }
    public string? Next { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Batches = Take<List<BatchDto>>(await IngestEndpoints.ListBatchesAsync(db, HttpContext, ct,
            cursor: Blank(Cursor), kind: Blank(Kind), state: Blank(State)));
        // The handler announces the next page in a header, as the API does; the page turns it into a link.
        if (Response.Headers["X-Next-Cursor"].FirstOrDefault() is { } next)
            Next = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/web/data/batches",
                new Dictionary<string, string?> { ["kind"] = Kind, ["state"] = State, ["cursor"] = next }
                    .Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
