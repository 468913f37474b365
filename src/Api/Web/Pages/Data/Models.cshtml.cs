using Analytics.Api.Models;
using Analytics.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace Analytics.Api.Web.Pages.Data;

/// <summary>
/// The model registry (GET /api/v1/models) and one entry (GET /api/v1/models/{id}): validation metrics, the promotion
/// record, the confusion matrix on the held-out rows as a heat map with its table; promote is
/// POST /api/v1/models/{id}/promote.
/// </summary>
[AdminPage]
[AccessAs("GET /api/v1/models")]
internal sealed class ModelsModel(AnalyticsDbContext db) : WebPage
{
    [BindProperty(SupportsGet = true, Name = "model")] public int? Chosen { get; set; }
    [BindProperty(SupportsGet = true)] public bool Promoted { get; set; }

    public List<ModelDto> Models { get; private set; } = [];
    public ModelEntry? Entry { get; private set; }
    public string? HeatmapSvg { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Models = (await ModelEndpoints.ListAsync(db, ct)).Value ?? [];
        // Without a choice: the active reasons model, the one most people's figures come from.
        var id = Chosen ?? Models.Where(m => m.Active).OrderByDescending(m => m.Kind == "reasons").FirstOrDefault()?.Id;
        if (id is null) return;
        Chosen = id;
        Entry = Take<ModelEntry>(await ModelEndpoints.GetAsync(id.Value, db, ct));
        if (Entry?.Promotion.Confusion is { Labels.Count: > 0 } confusion)
            HeatmapSvg = ConfusionHeatmap.Svg(confusion, T["data.actual"], T["data.predicted"]);
    }

    [AccessAs("POST /api/v1/models/{id}/promote")]
    public async Task<IActionResult> OnPostPromoteAsync(int id, [FromServices] IMemoryCache cache, CancellationToken ct)
    {
        if ((await ModelEndpoints.PromoteAsync(id, db, cache, ct)).Result is NoContent)
            return Redirect($"/web/data/models?model={id}&promoted=true");
        Take<object>(TypedResults.NotFound());
        await OnGetAsync(ct);
        return Page();
    }
}
