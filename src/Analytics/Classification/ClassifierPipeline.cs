using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Analytics.Classification;

/// <summary>The row ML.NET sees: normalised text, and the label (empty when predicting).</summary>
internal sealed class TextRow
{
    public string Text { get; set; } = string.Empty;
    public string Label { get; set; } = string.Empty;
    /// <summary>How much the row counts in training (read only when <see cref="ClassifierPipeline.Weighted"/>).
    /// </summary>
    public float Weight { get; set; } = 1f;
}

/// <summary>The model's output: one probability per class, in key order (see <see cref="ModelCard.Labels"/>).</summary>
internal sealed class ScoreRow
{
    public float[] Score { get; set; } = [];
}

/// <summary>Builds the ML.NET pipeline for a featurisation and trainer.</summary>
internal static class ClassifierPipeline
{
    public static IEstimator<ITransformer> Build(MLContext ml, TextClassifierOptions o)
    {
        var f = o.Featurisation;
        var text = TextOptions(f.WordNgrams, f.CharNgrams, f.TfIdf);
        return ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("Features", text, nameof(TextRow.Text)))
            .AppendCacheCheckpoint(ml)
            .Append(Trainer(ml, o));
    }

    /// <summary>Word and character n-gram bags over text <see cref="TextNormaliser"/> already normalised (0: none of that kind).</summary>
    internal static TextFeaturizingEstimator.Options TextOptions(int wordNgrams, int charNgrams, bool tfIdf)
    {
        var weighting = tfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf;
        return new TextFeaturizingEstimator.Options
        {
            // TextNormaliser already folded case, diacritics, digits and punctuation; keep its placeholder brackets.
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            StopWordsRemoverOptions = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
            WordFeatureExtractor = wordNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = wordNgrams, UseAllLengths = true, Weighting = weighting }
                : null,
            CharFeatureExtractor = charNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = charNgrams, UseAllLengths = true, Weighting = weighting }
                : null,
        };
    }

    /// <summary>
    /// Whether the trainer reads <see cref="TextRow.Weight"/>: only when the cleaning weights rows, so that every other
    /// model trains exactly as before. Only the maximum-entropy trainers take a weight here.
    /// </summary>
    internal static bool Weighted(TextClassifierOptions o) => o.NoisyLabels?.Action == NoisyLabelAction.Weight
        && o.Trainer is TrainerKind.SdcaMaximumEntropy or TrainerKind.LbfgsMaximumEntropy;

    private static IEstimator<ITransformer> Trainer(MLContext ml, TextClassifierOptions o) => o.Trainer switch
    {
        TrainerKind.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = o.L2 ?? 1e-6f, MaximumNumberOfIterations = 50, NumberOfThreads = 1,
                ExampleWeightColumnName = Weighted(o) ? nameof(TextRow.Weight) : null,
            }),
        TrainerKind.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = o.L2 ?? 1e-3f, L1Regularization = 0, MaximumNumberOfIterations = 200,
                ExampleWeightColumnName = Weighted(o) ? nameof(TextRow.Weight) : null,
            }),
        TrainerKind.LightGbm => ml.MulticlassClassification.Trainers.LightGbm(
            new LightGbmMulticlassTrainer.Options { NumberOfIterations = 100, LearningRate = 0.2, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 5, Seed = o.Seed }),
        TrainerKind.OvaAveragedPerceptron => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.AveragedPerceptron(numberOfIterations: 10), useProbabilities: true),
        TrainerKind.OvaLinearSvm => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LinearSvm(numberOfIterations: 10), useProbabilities: true),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Trainer, "unknown trainer"),
    };

    /// <summary>The class names in score order: the key values of the Label column.</summary>
    public static string[] LabelsInScoreOrder(ITransformer model, DataViewSchema inputSchema)
    {
        var schema = model.GetOutputSchema(inputSchema);
        VBuffer<ReadOnlyMemory<char>> keys = default;
        schema["Label"].GetKeyValues(ref keys);
        return keys.DenseValues().Select(k => k.ToString()).ToArray();
    }
}
