using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Classification;

/// <summary>The featuriser's output for one text: the L2-normalised n-gram vector the trainer saw.</summary>
internal sealed class FeatureRow
{
    public VBuffer<float> Features { get; set; }
}

/// <summary>
/// Explains a maximum-entropy model exactly: a class's logit is Σ weight × feature, so each n-gram's share is its
/// weight times its value. Weights are centred across classes (softmax ignores what every class gets alike), and each
/// n-gram's share is split over the words it was read from: a word n-gram over its words, a character n-gram over the
/// letters it covers, so "factuur" collects the weight of "fact", "actu", … and of the word itself.
/// </summary>
internal sealed class LinearExplainer
{
    private const string WordPrefix = "Word.";
    private const string CharPrefix = "Char.";
    private const char Start = '\u0002', End = '\u0003';

    private readonly PredictionEngine<TextRow, FeatureRow> _engine;
    private readonly float[][] _centred;
    private readonly string[] _slots;

    private LinearExplainer(PredictionEngine<TextRow, FeatureRow> engine, float[][] centred, string[] slots)
    {
        _engine = engine;
        _centred = centred;
        _slots = slots;
    }

    /// <summary>Null when the model's last step is not a maximum-entropy classifier (LightGBM, one-versus-all).</summary>
    public static LinearExplainer? TryCreate(MLContext ml, ITransformer model)
    {
        var parts = (model as IEnumerable<ITransformer>)?.ToList();
        if (parts is not { Count: >= 2 } || parts[^1] is not MulticlassPredictionTransformer<MaximumEntropyModelParameters> last)
            return null;
        var featuriser = new TransformerChain<ITransformer>(parts.Take(parts.Count - 1).ToArray());
        VBuffer<float>[] weights = [];
        last.Model.GetWeights(ref weights, out var classes);
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<TextRow>());
        VBuffer<ReadOnlyMemory<char>> names = default;
        featuriser.GetOutputSchema(empty.Schema)["Features"].GetSlotNames(ref names);
        var slots = names.DenseValues().Select(n => n.ToString()).ToArray();
        var dense = weights.Select(w => w.DenseValues().ToArray()).ToArray();
        for (var j = 0; j < slots.Length; j++)
        {
            var mean = 0f;
            for (var k = 0; k < classes; k++) mean += dense[k][j];
            mean /= classes;
            for (var k = 0; k < classes; k++) dense[k][j] -= mean;
        }
        return new LinearExplainer(ml.Model.CreatePredictionEngine<TextRow, FeatureRow>(featuriser), dense, slots);
    }

    /// <summary>Weight of every token of <paramref name="normalised"/> for class <paramref name="label"/>, in text order.</summary>
    public double[] WordWeights(string normalised, string[] tokens, int label, float temperature)
    {
        VBuffer<float> features;
        // The engine is not thread-safe and explaining is an interactive, one-text-at-a-time act: a lock is enough.
        lock (_engine) features = _engine.Predict(new TextRow { Text = normalised }).Features;
        var owner = CharOwners(tokens);
        var marked = Start + normalised + End;
        var weights = new double[tokens.Length];
        var values = features.GetValues();
        var indices = features.GetIndices();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == 0) continue;
            var slot = features.IsDense ? i : indices[i];
            var share = _centred[label][slot] * values[i] / temperature;
            var name = _slots[slot];
            if (name.StartsWith(WordPrefix, StringComparison.Ordinal)) SpreadOverWords(name[WordPrefix.Length..].Split('|'), tokens, share, weights);
            else if (name.StartsWith(CharPrefix, StringComparison.Ordinal)) SpreadOverLetters(CharGram(name[CharPrefix.Length..]), marked, owner, share, weights);
        }
        return weights;
    }

    /// <summary>The word n-grams with the highest centred weight for each class (ties in slot order).</summary>
    public IReadOnlyList<IndicativeWords> Indicative(IReadOnlyList<string> labels, int top)
    {
        var words = Enumerable.Range(0, _slots.Length).Where(j => _slots[j].StartsWith(WordPrefix, StringComparison.Ordinal)).ToArray();
        return labels.Select((label, k) => new IndicativeWords(label, words
            .OrderByDescending(j => _centred[k][j]).Take(top).Where(j => _centred[k][j] > 0)
            .Select(j => new WordWeight(_slots[j][WordPrefix.Length..].Replace('|', ' '), Math.Round(_centred[k][j], 4)))
            .ToList())).ToList();
    }

    private static void SpreadOverWords(string[] gram, string[] tokens, double share, double[] weights)
    {
        var starts = new List<int>();
        for (var s = 0; s + gram.Length <= tokens.Length; s++)
            if (gram.AsSpan().SequenceEqual(tokens.AsSpan(s, gram.Length))) starts.Add(s);
        foreach (var s in starts)
            for (var q = 0; q < gram.Length; q++) weights[s + q] += share / starts.Count / gram.Length;
    }

    private static void SpreadOverLetters(string gram, string marked, int[] owner, double share, double[] weights)
    {
        var starts = new List<int>();
        for (var s = marked.IndexOf(gram, StringComparison.Ordinal); s >= 0; s = marked.IndexOf(gram, s + 1, StringComparison.Ordinal))
            starts.Add(s);
        foreach (var s in starts)
        {
            // Markers and spaces belong to no word: the share goes to the letters the n-gram covers.
            var letters = 0;
            for (var c = s; c < s + gram.Length; c++) if (owner[c] >= 0) letters++;
            if (letters == 0) continue;
            for (var c = s; c < s + gram.Length; c++)
                if (owner[c] >= 0) weights[owner[c]] += share / starts.Count / letters;
        }
    }

    /// <summary>For every position of Start + text + End, the index of the token it belongs to, or −1.</summary>
    private static int[] CharOwners(string[] tokens)
    {
        var owner = new List<int> { -1 };
        for (var t = 0; t < tokens.Length; t++)
        {
            if (t > 0) owner.Add(-1);
            owner.AddRange(Enumerable.Repeat(t, tokens[t].Length));
        }
        owner.Add(-1);
        return owner.ToArray();
    }

    // ML.NET names character n-grams "<␂>|d|u|b": one character per part, markers and the space spelt out.
    private static string CharGram(string slot) => string.Concat(slot.Split('|').Select(p => p switch
    {
        "<\u2402>" => Start.ToString(),
        "<\u2403>" => End.ToString(),
        "<\u2420>" => " ",
        _ => p,
    }));
}
