using System.Globalization;
using System.Text;

namespace Analytics.Classification;

/// <summary>Precision, recall and F1 of one class; <see cref="Support"/> is how many texts truly have it.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// Accuracy, macro-F1 (unweighted mean of per-class F1) and the confusion matrix.
/// <see cref="Confusion"/>[actual, predicted] is indexed like <see cref="Labels"/>.
/// </summary>
public sealed record EvaluationResult(
    double Accuracy, double MacroF1, int N, IReadOnlyList<ClassMetrics> PerClass, IReadOnlyList<string> Labels, int[,] Confusion)
{
    /// <summary>The matrix as CSV: first column the actual label, one column per predicted label.</summary>
    public string ConfusionCsv()
    {
        var sb = new StringBuilder();
        sb.Append("actual\\predicted");
        foreach (var l in Labels) sb.Append(',').Append(Quote(l));
        sb.Append('\n');
        for (var a = 0; a < Labels.Count; a++)
        {
            sb.Append(Quote(Labels[a]));
            for (var p = 0; p < Labels.Count; p++) sb.Append(',').Append(Confusion[a, p].ToString(CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

public static class Evaluation
{
    /// <summary>
    /// Scores <paramref name="predicted"/> against <paramref name="actual"/>. The classes are the union of both (as
    /// scikit-learn does), so a class the model predicts but the data never has counts in macro-F1 with F1 = 0;
    /// a precision or recall with nothing to divide by is 0.
    /// </summary>
    public static EvaluationResult Compute(IReadOnlyList<string> actual, IReadOnlyList<string> predicted)
    {
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"{actual.Count} actual labels but {predicted.Count} predictions");
        var labels = actual.Concat(predicted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var confusion = new int[labels.Length, labels.Length];
        var correct = 0;
        for (var r = 0; r < actual.Count; r++)
        {
            confusion[index[actual[r]], index[predicted[r]]]++;
            if (string.Equals(actual[r], predicted[r], StringComparison.Ordinal)) correct++;
        }
        var perClass = new List<ClassMetrics>(labels.Length);
        for (var c = 0; c < labels.Length; c++)
        {
            int tp = confusion[c, c], support = 0, predictedCount = 0;
            for (var k = 0; k < labels.Length; k++)
            {
                support += confusion[c, k];
                predictedCount += confusion[k, c];
            }
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(labels[c], precision, recall, f1, support));
        }
        var accuracy = actual.Count == 0 ? 0 : (double)correct / actual.Count;
        var macroF1 = perClass.Count == 0 ? 0 : perClass.Average(m => m.F1);
        return new EvaluationResult(accuracy, macroF1, actual.Count, perClass, labels, confusion);
    }
}
