using System.Text.Json;
using Analytics.Data;
using Analytics.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Classification;

/// <summary>Model kinds the registry knows.</summary>
public static class ModelKinds
{
    public const string Reasons = "reasons";
    public const string Sentiment = "sentiment";
}

/// <summary>How a candidate and the active model did on the same held-out rows.</summary>
public sealed record HoldoutComparison(int N, double CandidateAccuracy, double CandidateMacroF1, int? ActiveVersion,
    double? ActiveAccuracy, double? ActiveMacroF1, bool Promoted)
{
    /// <summary>The candidate's confusion matrix on those rows (null for models registered before it was kept).
    /// </summary>
    public ConfusionCounts? Confusion { get; init; }
}

/// <summary>Counts[actual][predicted], both indexed like <see cref="Labels"/>.</summary>
public sealed record ConfusionCounts(IReadOnlyList<string> Labels, IReadOnlyList<int[]> Counts)
{
    public static ConfusionCounts Of(EvaluationResult e)
    {
        var n = e.Labels.Count;
        return new(e.Labels, Enumerable.Range(0, n)
            .Select(a => Enumerable.Range(0, n).Select(p => e.Confusion[a, p]).ToArray()).ToList());
    }
}

/// <summary>What models.metrics_json holds: the model card (model.json) and the promotion decision.</summary>
public sealed record RegistryMetrics(ModelCard Card, HoldoutComparison Holdout);

public sealed record RegistrationResult(ModelRecord Record, TextClassifier Classifier, HoldoutComparison Holdout)
{
    public bool Promoted => Holdout.Promoted;
}

/// <summary>
/// The `models` table as a registry: every trained model is stored (Version = max + 1 per kind), and becomes the
/// active one only when it beats the active model on the same held-out rows (macro-F1, ties keep the incumbent).
/// Safe to run from several job servers: registration takes a per-kind advisory lock, scoring inserts with
/// ON CONFLICT DO NOTHING.
/// </summary>
/// <remarks>
/// The held-out rows come from the new data. The active model may have been trained on some of them, which favours
/// the incumbent: a candidate is only promoted when it is better despite that.
/// </remarks>
public sealed partial class ModelRegistry(AnalyticsDbContext db, ILogger<ModelRegistry>? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger<ModelRegistry>.Instance;

    public TextClassifierOptions Options { get; init; } = new();
    /// <summary>Share of every class kept out of the candidate's training, to compare candidate and active model on.</summary>
    public double HoldoutFraction { get; init; } = 0.2;
    /// <summary>Train on the newest this many labelled rows only (null: all): recent coding habits, bounded time.</summary>
    public int? NewestRows { get; init; }

    /// <summary>For a Hangfire job: trains on <paramref name="data"/>, registers the model, returns it if it was promoted, else null.</summary>
    public async Task<ModelRecord?> TrainAndMaybePromoteAsync(string kind, IReadOnlyList<LabelledText> data, CancellationToken ct) =>
        await TrainAndRegisterAsync(kind, data, ct) is { Promoted: true } r ? r.Record : null;

    /// <summary>For a recurring Hangfire job: retrain the reasons model on the coded contacts in the database.</summary>
    public async Task<ModelRecord?> RetrainReasonsAsync(CancellationToken ct) =>
        await TrainAndMaybePromoteAsync(ModelKinds.Reasons, await ReasonTrainingDataAsync(ct), ct);

    /// <summary>Agent notes and the reason code of every contact that has both (the newest <see cref="NewestRows"/>).</summary>
    public async Task<IReadOnlyList<LabelledText>> ReasonTrainingDataAsync(CancellationToken ct)
    {
        var rows = await (from c in db.Contacts.AsNoTracking()
                          join r in db.Reasons.AsNoTracking() on c.ReasonId equals r.Id
                          where c.Notes != null && c.Notes.Trim() != ""
                          orderby c.Id descending
                          select new { c.Id, Row = new LabelledText(c.Notes!, r.Code) })
            .Take(NewestRows ?? int.MaxValue).ToListAsync(ct);
        return rows.OrderBy(r => r.Id).Select(r => r.Row).ToList();
    }

    /// <summary>
    /// Survey comments labelled by their own score (NPS 0–6 negative, 7–8 neutral, 9–10 positive; CES and CSAT likewise):
    /// the centre's own Dutch data, no hand labels needed.
    /// </summary>
    public async Task<IReadOnlyList<LabelledText>> SentimentTrainingDataAsync(CancellationToken ct)
    {
        var rows = await db.Surveys.AsNoTracking().Where(s => s.Comment != null && s.Comment.Trim() != "")
            .OrderByDescending(s => s.Id).Take(NewestRows ?? int.MaxValue)
            .Select(s => new { s.Id, s.Comment, s.Type, s.Score }).ToListAsync(ct);
        return rows.OrderBy(r => r.Id).Select(r => new LabelledText(r.Comment!, SentimentLabels.FromScore(SentimentLabels.ParseScale(r.Type), r.Score))).ToList();
    }

    public async Task<RegistrationResult> TrainAndRegisterAsync(string kind, IReadOnlyList<LabelledText> data, CancellationToken ct)
    {
        // Classes need 2 rows left for training (one to fit, one to validate) before any is held out here.
        var (train, holdout) = DataSplit.Stratified(data, d => d.Label, HoldoutFraction, Options.Seed + 1, keep: 2);
        var candidate = await Task.Run(() => TextClassifier.Train(train, Options, kind), ct);
        var card = candidate.Card with { DataHash = TextClassifier.DataHash(data) };
        candidate = candidate.WithCard(card);
        var candidateEval = Evaluate(candidate, holdout);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({"models:" + kind}))", ct);
        var active = await db.Models.AsNoTracking().Where(m => m.Kind == kind && m.Active)
            .OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        EvaluationResult? activeEval = active is null ? null : Evaluate(FromRecord(active), holdout);
        var promoted = activeEval is null || candidateEval.MacroF1 > activeEval.MacroF1;
        var comparison = new HoldoutComparison(holdout.Count, Math.Round(candidateEval.Accuracy, 4), Math.Round(candidateEval.MacroF1, 4),
            active?.Version, activeEval is null ? null : Math.Round(activeEval.Accuracy, 4),
            activeEval is null ? null : Math.Round(activeEval.MacroF1, 4), promoted)
        {
            Confusion = ConfusionCounts.Of(candidateEval),
        };

        var version = (await db.Models.Where(m => m.Kind == kind).MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        if (promoted)
            await db.Models.Where(m => m.Kind == kind && m.Active).ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false), ct);
        var record = new ModelRecord
        {
            Kind = kind,
            Version = version,
            TrainedUtc = card.TrainedUtc,
            DataHash = card.DataHash,
            MetricsJson = JsonSerializer.Serialize(new RegistryMetrics(card, comparison), ModelCard.Json),
            Artifact = candidate.ToZipBytes(),
            Active = promoted,
        };
        db.Models.Add(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogRegistered(kind, version, promoted, candidateEval.MacroF1, activeEval?.MacroF1, holdout.Count);
        return new RegistrationResult(record, candidate, comparison);
    }

    /// <summary>The active model of <paramref name="kind"/>, or null when none is active.</summary>
    public async Task<(ModelRecord Record, TextClassifier Classifier)?> LoadActiveAsync(string kind, CancellationToken ct)
    {
        var active = await db.Models.AsNoTracking().Where(m => m.Kind == kind && m.Active)
            .OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        return active is null ? null : (active, FromRecord(active));
    }

    /// <summary>Rebuilds a classifier from its row: the zip is the artifact, the card sits in metrics_json.</summary>
    public static TextClassifier FromRecord(ModelRecord record) => TextClassifier.FromBytes(record.Artifact, Metrics(record).Card);

    /// <summary>The card and the promotion record stored with a model.</summary>
    public static RegistryMetrics Metrics(ModelRecord record) =>
        JsonSerializer.Deserialize<RegistryMetrics>(record.MetricsJson, ModelCard.Json)
        ?? throw new InvalidDataException($"model {record.Kind} v{record.Version} has no metrics");

    /// <summary>
    /// Ingest follow-up job: predicts the <paramref name="kind"/> of every contact with notes that has no prediction by
    /// the active model yet, and stores them (label "unknown" below the model's threshold). Returns how many were written.
    /// </summary>
    public async Task<int> ScoreContactsAsync(string kind = ModelKinds.Reasons, int batchSize = 2000, CancellationToken ct = default)
    {
        var active = await LoadActiveAsync(kind, ct);
        if (active is null) return 0;
        var (model, classifier) = active.Value;
        var written = 0;
        var lastId = 0L;
        while (true)
        {
            var batch = await db.Contacts.AsNoTracking()
                .Where(c => c.Id > lastId && c.Notes != null && c.Notes.Trim() != ""
                            && !db.Predictions.Any(p => p.ContactId == c.Id && p.ModelId == model.Id))
                .OrderBy(c => c.Id).Take(batchSize)
                .Select(c => new { c.Id, c.Notes }).ToListAsync(ct);
            if (batch.Count == 0) break;
            var predictions = classifier.PredictBatch(batch.Select(b => b.Notes!));
            var ids = batch.Select(b => b.Id).ToArray();
            var labels = predictions.Select(p => p.LabelOrUnknown).ToArray();
            var confidences = predictions.Select(p => p.Confidence).ToArray();
            var now = DateTime.UtcNow;
            written += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO predictions (contact_id, model_id, kind, label, confidence, created_utc)
                SELECT t.contact_id, {model.Id}, {kind}, t.label, t.confidence, {now}
                FROM unnest({ids}::bigint[], {labels}::text[], {confidences}::real[]) AS t(contact_id, label, confidence)
                ON CONFLICT DO NOTHING
                """, ct);
            lastId = ids[^1];
            ct.ThrowIfCancellationRequested();
        }
        LogScored(kind, model.Version, written);
        return written;
    }

    private static EvaluationResult Evaluate(TextClassifier model, IReadOnlyList<LabelledText> holdout) =>
        Evaluation.Compute(holdout.Select(h => h.Label).ToList(), model.PredictBatch(holdout.Select(h => h.Text)).Select(p => p.Label).ToList());

    [LoggerMessage(LogLevel.Information, "Registered {Kind} model v{Version} (promoted: {Promoted}; holdout macro-F1 {Candidate:0.000} vs active {Active:0.000}, n={N})")]
    private partial void LogRegistered(string kind, int version, bool promoted, double candidate, double? active, int n);

    [LoggerMessage(LogLevel.Information, "Scored {Count} contacts with the {Kind} model v{Version}")]
    private partial void LogScored(string kind, int version, int count);
}
