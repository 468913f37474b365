using System.Diagnostics;
using Analytics.Api.Access;
using Analytics.Classification;
using Analytics.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Analytics.Api.Models;

internal static class ModelEndpoints
{
    private static readonly string[] Kinds = [ModelKinds.Reasons, ModelKinds.Sentiment];

    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/models").WithTags("Models");
        group.MapGet("/", ListAsync).WithName("ListModels")
            .WithSummary("Every registered model with its metrics; one active per kind.");
        group.MapPost("/{kind}/retrain", RetrainAsync).WithName("RetrainModel")
            .WithSummary("Train on the current labels (corrections included); promoted only if it beats the active model on the same held-out data.");
        group.MapPost("/{id:int}/promote", PromoteAsync).WithName("PromoteModel")
            .WithSummary("Make a model the active one of its kind (an explicit override of the automatic rule).");
        group.MapPost("/{kind}/predict", PredictAsync).WithName("Predict")
            .WithSummary("Classify one text with the active model: label, confidence, and whether it is unknown (needs review); " +
                         "with explain, the words that decided it and the runner-up.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetModel")
            .WithSummary("One registry entry: its card, why it was or was not promoted, and the words that most indicate each class.");
        return group.MapModelHealth();
    }

    private static async Task<Results<Ok<RetrainResult>, ValidationProblem>> RetrainAsync(string kind, ModelRegistry registry, IMemoryCache cache, CancellationToken ct)
    {
        if (!Kinds.Contains(kind)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"use one of {string.Join(", ", Kinds)}"] });
        var data = kind == ModelKinds.Reasons ? await registry.ReasonTrainingDataAsync(ct) : await registry.SentimentTrainingDataAsync(ct);
        if (data.Count < 10) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["fewer than 10 labelled texts in the database"] });
        var result = await registry.TrainAndRegisterAsync(kind, data, ct);
        cache.Remove(ActiveModels.CacheKey(kind));
        return TypedResults.Ok(new RetrainResult(result.Record.Id, result.Record.Version, result.Holdout.Promoted, result.Holdout.CandidateMacroF1,
            result.Holdout.ActiveVersion, result.Holdout.ActiveMacroF1, result.Holdout.N));
    }

    internal static async Task<Ok<List<ModelDto>>> ListAsync(AnalyticsDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Models.AsNoTracking().OrderBy(m => m.Kind).ThenByDescending(m => m.Version)
            .Select(m => new ModelDto(m.Id, m.Kind, m.Version, m.TrainedUtc, m.DataHash, m.Active, m.MetricsJson))
            .ToListAsync(ct));

    internal static async Task<Results<NoContent, NotFound>> PromoteAsync(int id, AnalyticsDbContext db, IMemoryCache cache, CancellationToken ct)
    {
        var model = await db.Models.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (model is null) return TypedResults.NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Models.Where(m => m.Kind == model.Kind && m.Active).ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false), ct);
        await db.Models.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, true), ct);
        await tx.CommitAsync(ct);
        cache.Remove(ActiveModels.CacheKey(model.Kind));
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PredictResponse>, ValidationProblem, NotFound<string>>> PredictAsync(
        string kind, PredictRequest request, ModelRegistry registry, IMemoryCache cache, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Kinds.Contains(kind)) errors["kind"] = [$"use one of {string.Join(", ", Kinds)}"];
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 20_000) errors["text"] = ["1 to 20,000 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var active = await cache.ActiveModelAsync(registry, kind, ct);
        if (active is null) return TypedResults.NotFound($"no active {kind} model; train one first");
        var clock = Stopwatch.StartNew();
        var p = active.Value.Classifier.Predict(request.Text);
        var explanation = request.Explain ? active.Value.Classifier.Explain(request.Text) : null;
        return TypedResults.Ok(new PredictResponse(p.LabelOrUnknown, p.Label, p.Confidence, p.Certainty, p.IsUnknown, active.Value.Record.Id,
            active.Value.Record.Version, clock.Elapsed.TotalMilliseconds) { Explanation = explanation });
    }

    internal static async Task<Results<Ok<ModelEntry>, NotFound>> GetAsync(int id, AnalyticsDbContext db, CancellationToken ct)
    {
        var record = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (record is null) return TypedResults.NotFound();
        var metrics = ModelRegistry.Metrics(record);
        // Models registered before the card carried them get their indicative words from the artifact.
        var words = metrics.Card.IndicativeWords ?? ModelRegistry.FromRecord(record).IndicativeWords();
        var card = metrics.Card;
        return TypedResults.Ok(new ModelEntry(record.Id, record.Kind, record.Version, record.TrainedUtc, record.Active, card.Validation,
            metrics.Holdout, words, new ModelTraining(card.Featurisation, card.Trainer, card.L2, card.L2Choices, card.NoisyLabels)));
    }
}

public sealed record ModelDto(int Id, string Kind, int Version, DateTime TrainedUtc, string DataHash, bool Active, string MetricsJson);
public sealed record RetrainResult(int ModelId, int Version, bool Promoted, double CandidateMacroF1, int? ActiveVersion, double? ActiveMacroF1, int HoldoutN);
/// <param name="Explain">Also say why: a weight per word (calibrated log-odds for the label), words for and against, the runner-up.</param>
public sealed record PredictRequest(string Text, bool Explain = false);
public sealed record PredictResponse(string Label, string BestLabel, float Confidence, float Certainty, bool Unknown, int ModelId, int ModelVersion, double Milliseconds)
{
    /// <summary>Null unless the request asked to explain.</summary>
    public Explanation? Explanation { get; init; }
}

/// <summary>
/// A registry entry: validation figures, the promotion record (both models on the same held-out rows), indicative words,
/// and how it was trained.
/// </summary>
public sealed record ModelEntry(int Id, string Kind, int Version, DateTime TrainedUtc, bool Active, CardMetrics Validation,
    HoldoutComparison Promotion, IReadOnlyList<IndicativeWords> IndicativeWords, ModelTraining Training);

/// <param name="L2">Null: the trainer's default (0.001 for L-BFGS).</param>
/// <param name="L2Choices">When the L2 was chosen on the validation split (`--l2 auto`, `Models:L2`): every L2 tried
/// and its validation accuracy (docs/decisions/045-label-noise-regularisation.md).</param>
/// <param name="NoisyLabels">The cleaning of doubted training labels, if any (e.g. "drop:3:0.3").</param>
public sealed record ModelTraining(string Featurisation, string Trainer, float? L2, IReadOnlyList<L2Choice>? L2Choices,
    string? NoisyLabels);
