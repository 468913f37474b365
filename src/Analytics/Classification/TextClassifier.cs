using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;

namespace Analytics.Classification;

/// <summary>
/// A trained text classifier (contact reasons, sentiment, or any labelled text) with calibrated confidence and an
/// unknown threshold. Saved as a directory: model.zip (the ML.NET pipeline) and model.json (<see cref="ModelCard"/>).
/// </summary>
/// <remarks>
/// Thread safety: <see cref="Predict"/> and <see cref="PredictBatch"/> may be called from many threads at once.
/// ML.NET's PredictionEngine is not thread-safe, so each call rents one from a small pool (a ConcurrentBag; an
/// engine is created when the bag is empty and returned after use), which is what Microsoft.Extensions.ML's
/// PredictionEnginePool does without the extra package. Batch scoring uses the (thread-safe) transformer directly.
/// </remarks>
public sealed class TextClassifier
{
    public const string UnknownLabel = "unknown";
    public const string ModelFileName = "model.zip";
    public const string CardFileName = "model.json";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<TextRow, ScoreRow>> _engines = [];
    // Built on the first explanation only: it holds a dense copy of the weights that scoring never needs.
    private readonly Lazy<LinearExplainer?> _explainer;

    public ModelCard Card { get; }
    public IReadOnlyList<string> Labels => Card.Labels;

    private TextClassifier(MLContext ml, ITransformer model, ModelCard card)
    {
        _ml = ml;
        _model = model;
        Card = card;
        _explainer = new(() => LinearExplainer.TryCreate(ml, model));
    }

    /// <summary>
    /// Trains on <paramref name="data"/>: a stratified <see cref="TextClassifierOptions.ValidationFraction"/> of every
    /// class is held out to fit the temperature and the unknown threshold and to report validation metrics.
    /// </summary>
    /// <exception cref="ClassifierDataException">No rows, an empty label, fewer than two classes, or a class with one example.</exception>
    public static TextClassifier Train(IEnumerable<LabelledText> data, TextClassifierOptions? options = null, string? kind = null)
    {
        var o = options ?? new TextClassifierOptions();
        var clock = Stopwatch.StartNew();
        var rows = data.Select(d => new TextRow { Text = TextNormaliser.Normalise(d.Text), Label = (d.Label ?? string.Empty).Trim() }).ToList();
        Validate(rows);
        var (train, validation) = DataSplit.Stratified(rows, r => r.Label, o.ValidationFraction, o.Seed);
        // Only the training part is cleaned: validation keeps the labels as given, so its figures stay honest.
        var changed = 0;
        if (o.NoisyLabels is { } noisy)
        {
            var cleaned = noisy.Apply(train.Select(r => new LabelledText(r.Text, r.Label)).ToList(), o);
            changed = cleaned.Changed;
            train = cleaned.Rows
                .Select((c, i) => new TextRow { Text = c.Text, Label = c.Label, Weight = cleaned.Weights?[i] ?? 1f })
                .ToList();
        }

        var ml = new MLContext(seed: o.Seed);
        var trainView = ml.Data.LoadFromEnumerable(train);
        var (model, l2, tried) = Fit(ml, o, trainView, validation);
        var labels = ClassifierPipeline.LabelsInScoreOrder(model, trainView.Schema);

        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var probabilities = Score(ml, model, validation.Select(v => v.Text)).ToList();
        var truth = validation.Select(v => index[v.Label]).ToList();
        var temperature = Calibration.FitTemperature(probabilities, truth);
        var scored = new List<(float Certainty, bool Correct)>(probabilities.Count);
        var confidences = new List<(float Confidence, bool Correct)>(probabilities.Count);
        var predicted = new List<string>(probabilities.Count);
        foreach (var (p, t) in probabilities.Zip(truth))
        {
            Calibration.Temper(p, temperature);
            var best = Calibration.ArgMax(p);
            scored.Add((Calibration.Certainty(p), best == t));
            confidences.Add((p[best], best == t));
            predicted.Add(labels[best]);
        }
        var threshold = Calibration.ChooseThreshold(scored, o.ReviewBudget);
        var eval = Evaluation.Compute(validation.Select(v => v.Label).ToList(), predicted);
        var accepted = scored.Where(s => s.Certainty >= threshold).ToList();

        var card = new ModelCard
        {
            Kind = kind,
            Labels = labels,
            Threshold = threshold,
            Temperature = temperature,
            Featurisation = o.Featurisation.Name,
            Trainer = o.Trainer.ToString(),
            L2 = l2,
            L2Choices = tried,
            DataHash = DataHash(rows),
            TrainingRows = train.Count,
            NoisyLabels = o.NoisyLabels?.ToString(),
            NoisyRowsChanged = o.NoisyLabels is null ? null : changed,
            ValidationRows = validation.Count,
            ReviewBudget = o.ReviewBudget,
            Seed = o.Seed,
            TrainedUtc = DateTime.UtcNow,
            TrainSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            Validation = new CardMetrics(
                Math.Round(eval.Accuracy, 4), Math.Round(eval.MacroF1, 4), eval.N,
                Math.Round(Calibration.ExpectedCalibrationError(confidences), 4),
                scored.Count == 0 ? 0 : Math.Round(1 - (double)accepted.Count / scored.Count, 4),
                accepted.Count == 0 ? 0 : Math.Round(accepted.Count(a => a.Correct) / (double)accepted.Count, 4)),
            ValidationConfidenceQuartiles = Quartiles(confidences.Select(c => (double)c.Confidence)),
            ValidationConfidenceDeciles = ConfidenceDeciles.Of([.. confidences.Select(c => (double)c.Confidence)]),
        };
        var trained = new TextClassifier(ml, model, card);
        return trained.WithCard(card with { IndicativeWords = trained.IndicativeWords() });
    }

    /// <summary>
    /// The model for <see cref="TextClassifierOptions.L2"/>, or, given <see cref="TextClassifierOptions.L2Choices"/>,
    /// the one of them most accurate on the validation split (a tie goes to the smaller L2) with every choice's figure.
    /// </summary>
    private static (ITransformer Model, float? L2, IReadOnlyList<L2Choice>? Tried) Fit(MLContext ml,
        TextClassifierOptions o, IDataView trainView, List<TextRow> validation)
    {
        if (o.L2Choices is not { Count: > 0 } choices) return (ClassifierPipeline.Build(ml, o).Fit(trainView), o.L2, null);
        if (o.Trainer != TrainerKind.LbfgsMaximumEntropy)
            throw new ArgumentException($"L2 choices apply to {nameof(TrainerKind.LbfgsMaximumEntropy)} only, not {o.Trainer}");
        var tried = new List<L2Choice>(choices.Count);
        (ITransformer Model, float L2, double Accuracy)? best = null;
        foreach (var l2 in choices.Order())
        {
            var model = ClassifierPipeline.Build(ml, o with { L2 = l2 }).Fit(trainView);
            var labels = ClassifierPipeline.LabelsInScoreOrder(model, trainView.Schema);
            var right = Score(ml, model, validation.Select(v => v.Text))
                .Zip(validation, (p, v) => labels[Calibration.ArgMax(p)] == v.Label).Count(r => r);
            var accuracy = validation.Count == 0 ? 0 : right / (double)validation.Count;
            tried.Add(new L2Choice(l2, Math.Round(accuracy, 4)));
            if (best is null || accuracy > best.Value.Accuracy) best = (model, l2, accuracy);
        }
        return (best!.Value.Model, best.Value.L2, tried);
    }

    public ClassPrediction Predict(string text)
    {
        var engine = RentEngine();
        try
        {
            return ToPrediction(engine.Predict(new TextRow { Text = TextNormaliser.Normalise(text) }).Score);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>
    /// Scores many texts, in input order. Contiguous ranges run in parallel, each on its own pooled engine: measured
    /// faster than one IDataView Transform pass, whose per-batch set-up and row mapping cost more than the model.
    /// </summary>
    public IReadOnlyList<ClassPrediction> PredictBatch(IEnumerable<string> texts)
    {
        var list = texts as IReadOnlyList<string> ?? texts.ToList();
        var results = new ClassPrediction[list.Count];
        if (list.Count == 0) return results;
        var rangeSize = Math.Max(64, list.Count / (4 * Environment.ProcessorCount) + 1);
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, list.Count, rangeSize), range =>
        {
            var engine = RentEngine();
            try
            {
                var input = new TextRow();
                var output = new ScoreRow();
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    input.Text = TextNormaliser.Normalise(list[i]);
                    engine.Predict(input, ref output);
                    results[i] = ToPrediction(output.Score);
                }
            }
            finally
            {
                _engines.Add(engine);
            }
        });
        return results;
    }

    /// <summary>The calibrated probability of every class (in <see cref="Labels"/> order) for one text.</summary>
    public float[] Probabilities(string text) => NormalisedProbabilities(TextNormaliser.Normalise(text));

    /// <summary>
    /// Why the model labels <paramref name="text"/> as it does: a weight per word of the normalised text, the words
    /// most for and against the label, and the runner-up. Exact for maximum-entropy models; for other trainers, by
    /// leaving each word out in turn.
    /// </summary>
    public Explanation Explain(string text)
    {
        var normalised = TextNormaliser.Normalise(text);
        string[] tokens = normalised.Length == 0 ? [] : normalised.Split(' ');
        var p = NormalisedProbabilities(normalised);
        var best = Calibration.ArgMax(p);
        var second = p.Length < 2 ? best : Enumerable.Range(0, p.Length).Where(i => i != best).MaxBy(i => p[i]);
        var linear = _explainer.Value;
        var weights = linear?.WordWeights(normalised, tokens, best, Card.Temperature) ?? Occlusion(tokens, best, p[best]);
        return Explanation.Of(Labels[best], p[best], Labels[second], p[second],
            tokens.Select((t, i) => new WordWeight(t, weights[i])).ToList(), linear is null ? "occlusion" : "linear");
    }

    /// <summary>The word n-grams that most favour each class (empty lists for models without readable weights).</summary>
    public IReadOnlyList<IndicativeWords> IndicativeWords(int top = 10) =>
        _explainer.Value?.Indicative(Labels, top) ?? Labels.Select(l => new IndicativeWords(l, [])).ToList();

    // The fall-back for trainers without weights: how much the label's log-probability drops without each word.
    private double[] Occlusion(string[] tokens, int label, float probability) =>
        tokens.Select((_, i) => Math.Log(Math.Max(probability, 1e-9)) - Math.Log(Math.Max(
            NormalisedProbabilities(string.Join(' ', tokens.Where((_, j) => j != i)))[label], 1e-9))).ToArray();

    private float[] NormalisedProbabilities(string normalised)
    {
        var engine = RentEngine();
        try
        {
            var p = (float[])engine.Predict(new TextRow { Text = normalised }).Score.Clone();
            Calibration.Temper(p, Card.Temperature);
            return p;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private PredictionEngine<TextRow, ScoreRow> RentEngine() =>
        _engines.TryTake(out var engine) ? engine : _ml.Model.CreatePredictionEngine<TextRow, ScoreRow>(_model);

    private ClassPrediction ToPrediction(float[] scores)
    {
        var p = (float[])scores.Clone();
        Calibration.Temper(p, Card.Temperature);
        var best = Calibration.ArgMax(p);
        var certainty = Calibration.Certainty(p);
        return new ClassPrediction(Card.Labels[best], p[best], certainty < Card.Threshold) { Certainty = certainty };
    }

    private static IEnumerable<float[]> Score(MLContext ml, ITransformer model, IEnumerable<string> normalisedTexts)
    {
        var view = ml.Data.LoadFromEnumerable(normalisedTexts.Select(t => new TextRow { Text = t }));
        return ml.Data.CreateEnumerable<ScoreRow>(model.Transform(view), reuseRowObject: false).Select(r => r.Score);
    }

    // Linear interpolation between order statistics, as PostgreSQL's percentile_cont does for the live weeks.
    private static double[] Quartiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return [];
        return [.. new[] { 0.25, 0.5, 0.75 }.Select(q =>
        {
            var at = q * (sorted.Length - 1);
            var low = (int)Math.Floor(at);
            return Math.Round(sorted[low] + (sorted[Math.Min(low + 1, sorted.Length - 1)] - sorted[low]) * (at - low), 3);
        })];
    }

    private static void Validate(List<TextRow> rows)
    {
        if (rows.Count == 0) throw new ClassifierDataException("no labelled rows to train on");
        var emptyLabels = rows.Count(r => r.Label.Length == 0);
        if (emptyLabels > 0) throw new ClassifierDataException($"{emptyLabels} row(s) have an empty label");
        var counts = rows.GroupBy(r => r.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (counts.Count < 2)
            throw new ClassifierDataException($"need at least two classes to train; found only '{counts.Keys.Single()}'");
        var singles = counts.Where(kv => kv.Value < 2).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        if (singles.Count > 0)
            throw new ClassifierDataException(
                $"{singles.Count} class(es) have only 1 example, too few to both train and validate: " +
                string.Join(", ", singles.Take(10).Select(s => $"'{s}'")) + (singles.Count > 10 ? ", …" : "") +
                ". Add examples, merge them into another class, or drop them.");
    }

    /// <summary>
    /// SHA-256 (hex) of the normalised (text, label) pairs in ordinal order, so the same data in another row order,
    /// or with differences the normaliser removes, has the same hash.
    /// </summary>
    public static string DataHash(IEnumerable<LabelledText> data) =>
        DataHash(data.Select(d => new TextRow { Text = TextNormaliser.Normalise(d.Text), Label = d.Label.Trim() }));

    private static string DataHash(IEnumerable<TextRow> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in rows.Select(r => r.Text + "\u001f" + r.Label + "\u001e").Order(StringComparer.Ordinal))
            sha.AppendData(Encoding.UTF8.GetBytes(line));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, ModelFileName), ToZipBytes());
        File.WriteAllText(Path.Combine(directory, CardFileName), Card.ToJson());
    }

    public byte[] ToZipBytes()
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(Array.Empty<TextRow>()).Schema, stream);
        return stream.ToArray();
    }

    public static TextClassifier Load(string directory)
    {
        var zip = Path.Combine(directory, ModelFileName);
        var json = Path.Combine(directory, CardFileName);
        if (!File.Exists(zip) || !File.Exists(json))
            throw new FileNotFoundException($"no model in '{directory}': expected {ModelFileName} and {CardFileName}");
        return FromBytes(File.ReadAllBytes(zip), ModelCard.FromJson(File.ReadAllText(json)));
    }

    public static TextClassifier FromBytes(byte[] zip, ModelCard card)
    {
        var ml = new MLContext(seed: card.Seed);
        using var stream = new MemoryStream(zip);
        var model = ml.Model.Load(stream, out _);
        return new TextClassifier(ml, model, card);
    }

    /// <summary>A copy that flags unknowns at another threshold (for threshold sweeps; the model is shared).</summary>
    public TextClassifier WithThreshold(float threshold) => WithCard(Card with { Threshold = threshold });

    /// <summary>A copy with another card (same labels and model), e.g. with the kind or data hash filled in.</summary>
    public TextClassifier WithCard(ModelCard card)
    {
        if (!card.Labels.SequenceEqual(Card.Labels, StringComparer.Ordinal))
            throw new ArgumentException("the card's labels differ from the model's", nameof(card));
        return new TextClassifier(_ml, _model, card);
    }
}
