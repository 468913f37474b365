using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Classification;

/// <summary>
/// model.json, saved beside model.zip: what a model needs at prediction time (labels in score order, temperature,
/// unknown threshold) and what a reader needs to trust it (metrics on validation data, featurisation, trainer,
/// SHA-256 of the normalised training pairs).
/// </summary>
public sealed record ModelCard
{
    public int FormatVersion { get; init; } = 1;
    /// <summary>reasons, sentiment, or null for a model trained outside the registry's kinds.</summary>
    public string? Kind { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>Certainty (1 − entropy / ln K of the calibrated probabilities) below which a prediction is unknown (needs review).</summary>
    public required float Threshold { get; init; }
    public required float Temperature { get; init; }
    public string UnknownScore { get; init; } = "certainty = 1 - entropy/ln(classes)";
    public required string Featurisation { get; init; }
    public required string Trainer { get; init; }
    public float? L2 { get; init; }
    /// <summary>Every L2 tried and its validation accuracy, when <see cref="L2"/> was chosen among them (null: it was given).</summary>
    public IReadOnlyList<L2Choice>? L2Choices { get; init; }
    public required string DataHash { get; init; }
    public required int TrainingRows { get; init; }
    public required int ValidationRows { get; init; }
    /// <summary>How doubted training labels were treated (<see cref="Classification.NoisyLabels"/>; null: all trusted).</summary>
    public string? NoisyLabels { get; init; }
    /// <summary>Training rows dropped or relabelled by that cleaning.</summary>
    public int? NoisyRowsChanged { get; init; }
    public required double ReviewBudget { get; init; }
    public required int Seed { get; init; }
    public required DateTime TrainedUtc { get; init; }
    public required double TrainSeconds { get; init; }
    /// <summary>Metrics of this model on its validation split.</summary>
    public required CardMetrics Validation { get; init; }
    /// <summary>25th, 50th and 75th percentile of the validation predictions' confidence: what live weeks are set against.</summary>
    public IReadOnlyList<double>? ValidationConfidenceQuartiles { get; init; }
    /// <summary>The validation confidence deciles: what each live week's distribution is tested against (null on older cards).</summary>
    public ConfidenceDeciles? ValidationConfidenceDeciles { get; init; }
    /// <summary>The word n-grams that most favour each class (maximum-entropy models; null on cards written before).</summary>
    public IReadOnlyList<IndicativeWords>? IndicativeWords { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Labels and featurisation names ("word1-2+char1-4") read better unescaped; the file is not embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ModelCard FromJson(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, Json) ?? throw new InvalidDataException("model.json is empty");
}

/// <summary>
/// Nine confidence deciles of the validation predictions, the share of them strictly below each (ties make it differ
/// from 0.1, 0.2, …) and how many there were: enough for a Kolmogorov–Smirnov test of a live week against validation.
/// </summary>
public sealed record ConfidenceDeciles(IReadOnlyList<double> Edges, IReadOnlyList<double> ShareBelow, int N)
{
    public static ConfidenceDeciles? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var edges = Enumerable.Range(1, 9).Select(j => sorted[Math.Min(sorted.Length - 1, j * sorted.Length / 10)]).ToArray();
        var below = edges.Select(e => Math.Round(sorted.Count(v => v < e) / (double)sorted.Length, 6)).ToArray();
        return new ConfidenceDeciles(edges, below, sorted.Length);
    }
}

/// <summary>Validation figures; <see cref="UnknownRate"/> is the share below the threshold.</summary>
public sealed record CardMetrics(double Accuracy, double MacroF1, int N, double CalibrationError, double UnknownRate, double AcceptedAccuracy);

/// <summary>One L2 tried in training and the accuracy of its model on the validation split.</summary>
public sealed record L2Choice(float L2, double ValidationAccuracy);
