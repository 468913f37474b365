namespace Analytics.Classification;

/// <summary>One word of the (normalised) text and how much it pushed the prediction, in calibrated log-odds.</summary>
public sealed record WordWeight(string Word, double Weight);

/// <summary>
/// Why a model chose its label: every word of the normalised text in order (for highlighting) with its weight for the
/// chosen label, the strongest words for and against it, and the runner-up label with its probability.
/// </summary>
/// <param name="Method">"linear": n-gram weights × feature values, summed per word; "occlusion": the drop in the
/// label's log-probability when the word is left out (trainers without readable weights).</param>
public sealed record Explanation(
    string Label, float Confidence, string RunnerUp, float RunnerUpConfidence,
    IReadOnlyList<WordWeight> Words, IReadOnlyList<WordWeight> For, IReadOnlyList<WordWeight> Against, string Method)
{
    public const int Top = 5;

    internal static Explanation Of(string label, float confidence, string runnerUp, float runnerUpConfidence,
        IReadOnlyList<WordWeight> words, string method)
    {
        // A word that occurs twice is one reason, not two: rank distinct words by their summed weight.
        var distinct = words.GroupBy(w => w.Word, StringComparer.Ordinal)
            .Select(g => new WordWeight(g.Key, g.Sum(w => w.Weight))).ToList();
        return new Explanation(label, confidence, runnerUp, runnerUpConfidence, words,
            distinct.Where(w => w.Weight > 0).OrderByDescending(w => w.Weight).Take(Top).ToList(),
            distinct.Where(w => w.Weight < 0).OrderBy(w => w.Weight).Take(Top).ToList(), method);
    }
}

/// <summary>The n-grams that most favour one class, read from the model's weights: what an analyst checks for a class
/// learnt from a greeting or a redaction placeholder rather than from what the customer wanted.</summary>
public sealed record IndicativeWords(string Label, IReadOnlyList<WordWeight> Words);
