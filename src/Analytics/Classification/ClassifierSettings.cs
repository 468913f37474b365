namespace Analytics.Classification;

/// <summary>How text becomes a feature vector. Every vector is L2-normalised.</summary>
/// <param name="WordNgrams">Longest word n-gram (all shorter ones included); 0 = no word features.</param>
/// <param name="CharNgrams">Longest character n-gram (all shorter ones included); 0 = no character features.</param>
/// <param name="TfIdf">Weight n-grams by TF-IDF instead of raw term frequency.</param>
public sealed record Featurisation(int WordNgrams, int CharNgrams, bool TfIdf)
{
    public static readonly Featurisation Words = new(2, 0, false);
    public static readonly Featurisation Chars = new(0, 4, false);
    public static readonly Featurisation WordsAndChars = new(2, 4, false);
    public static readonly Featurisation WordsAndCharsTfIdf = new(2, 4, true);

    public string Name =>
        string.Join('+', new[] { WordNgrams > 0 ? $"word1-{WordNgrams}" : null, CharNgrams > 0 ? $"char1-{CharNgrams}" : null }
            .Where(s => s is not null)) + (TfIdf ? "/tfidf" : "/tf");

    /// <summary>Parses <see cref="Name"/> back, e.g. "word1-2+char1-4/tfidf".</summary>
    public static Featurisation Parse(string name)
    {
        var parts = name.Split('/');
        int words = 0, chars = 0;
        foreach (var p in parts[0].Split('+', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p.StartsWith("word1-", StringComparison.Ordinal) && int.TryParse(p[6..], out var w)) words = w;
            else if (p.StartsWith("char1-", StringComparison.Ordinal) && int.TryParse(p[6..], out var c)) chars = c;
            else throw new ArgumentException($"unknown featurisation part '{p}' in '{name}'");
        }
        if (words == 0 && chars == 0) throw new ArgumentException($"featurisation '{name}' has neither word nor char n-grams");
        var tfidf = parts.Length > 1 && parts[1] == "tfidf";
        return new Featurisation(words, chars, tfidf);
    }
}

/// <summary>The multiclass trainers compared in docs/decisions/001-text-classifier.md.</summary>
public enum TrainerKind
{
    SdcaMaximumEntropy,
    LbfgsMaximumEntropy,
    LightGbm,
    OvaAveragedPerceptron,
    OvaLinearSvm,
}

/// <summary>Everything that decides how a model is trained. The defaults are the measured best.</summary>
public sealed record TextClassifierOptions
{
    public Featurisation Featurisation { get; init; } = Featurisation.WordsAndCharsTfIdf;
    public TrainerKind Trainer { get; init; } = TrainerKind.LbfgsMaximumEntropy;
    /// <summary>L2 regularisation for the maximum-entropy trainers; null = the tuned default of each (see ClassifierPipeline).</summary>
    public float? L2 { get; init; }
    /// <summary>
    /// L2 values to try instead of <see cref="L2"/> (L-BFGS only): one model is trained per value and the one most
    /// accurate on the validation split is kept. Regularising harder is what stops a model learning miscoded labels
    /// (docs/decisions/045-label-noise-regularisation.md); the validation split keeps its labels as given, so the
    /// choice uses nothing a centre does not have.
    /// </summary>
    public IReadOnlyList<float>? L2Choices { get; init; }
    /// <summary>The grid `--l2 auto` tries: the clean-label default up to where BANKING77 under-fits.</summary>
    public static readonly IReadOnlyList<float> AutoL2 = [1e-3f, 1e-2f, 0.1f, 0.3f, 1f, 3f];

    /// <summary>
    /// These options with the L2 of <paramref name="text"/>: "auto" (chosen among <see cref="AutoL2"/> on the
    /// validation split) or a number of 0 or more.
    /// </summary>
    /// <exception cref="ArgumentException">Neither, or auto with a trainer other than L-BFGS.</exception>
    public TextClassifierOptions WithL2(string text) =>
        text == "auto"
            ? Trainer == TrainerKind.LbfgsMaximumEntropy ? this with { L2 = null, L2Choices = AutoL2 }
                : throw new ArgumentException($"auto chooses among L-BFGS settings; {Trainer} takes a number")
            : float.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
                out var v) && v >= 0 && float.IsFinite(v)
                ? this with { L2 = v, L2Choices = null }
                : throw new ArgumentException($"must be auto or a number of 0 or more, e.g. 0.001; got '{text}'");
    /// <summary>Share of every class held out of training to calibrate confidence and choose the unknown threshold.</summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>
    /// The share of correct validation predictions that the unknown threshold may send to review. Higher catches more
    /// out-of-scope texts and costs in-scope accuracy one for one.
    /// </summary>
    public double ReviewBudget { get; init; } = 0.03;
    public int Seed { get; init; } = 1;
    /// <summary>Cross-fitted cleaning of the training rows' labels before training (null: every label is trusted).</summary>
    public NoisyLabels? NoisyLabels { get; init; }
}
