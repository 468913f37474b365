namespace Analytics.Classification;

/// <summary>A row whose text a model that never saw it assigns with high confidence to another reason.</summary>
/// <param name="Index">Position in the input.</param>
/// <param name="CodedProbability">What the same model gives the coded reason.</param>
public sealed record Miscode(int Index, string Coded, string Suggested, double Confidence, double CodedProbability);

/// <summary>
/// Every row's class probabilities from a model that never saw the row, in <see cref="Labels"/> order (ordinal);
/// null for a row whose own label its fold's model could not learn.
/// </summary>
public sealed record OutOfFoldScores(string[] Labels, float[]?[] Probabilities);

/// <summary>
/// Cross-fitted miscode detection: the rows are split into <see cref="Folds"/> stratified folds and each fold is
/// judged by a classifier trained on the other folds only, so a contact's own (possibly wrong) label never votes on
/// it. A row is flagged when that classifier puts at least <see cref="MinimumConfidence"/> on another reason.
/// </summary>
public sealed class CrossFittedMiscodes
{
    public int Folds { get; init; } = 5;
    public double MinimumConfidence { get; init; } = 0.8;
    public TextClassifierOptions Options { get; init; } = new() { ReviewBudget = 0.03 };

    public IReadOnlyList<Miscode> Find(IReadOnlyList<LabelledText> rows, CancellationToken ct = default)
    {
        var scores = OutOfFold(rows, ct);
        var index = scores.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var found = new List<Miscode>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (scores.Probabilities[i] is not { } p) continue;
            var best = Calibration.ArgMax(p);
            if (scores.Labels[best] != rows[i].Label && p[best] >= MinimumConfidence)
                found.Add(new Miscode(i, rows[i].Label, scores.Labels[best], p[best], p[index[rows[i].Label]]));
        }
        return found;
    }

    /// <summary>Each fold scored by a model trained on the other folds.</summary>
    public OutOfFoldScores OutOfFold(IReadOnlyList<LabelledText> rows, CancellationToken ct = default)
    {
        var labels = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var global = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var fold = AssignFolds(rows);
        var probabilities = new float[]?[rows.Count];
        for (var f = 0; f < Folds; f++)
        {
            ct.ThrowIfCancellationRequested();
            var train = rows.Where((_, i) => fold[i] != f).ToList();
            // A reason seen once outside the fold cannot be trained and validated: it is left out, not guessed at.
            var counts = train.GroupBy(r => r.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            train = train.Where(r => counts[r.Label] >= 2).ToList();
            if (train.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() < 2) continue;
            var model = TextClassifier.Train(train, Options);
            var known = model.Labels.ToHashSet(StringComparer.Ordinal);
            var judged = Enumerable.Range(0, rows.Count).Where(i => fold[i] == f && known.Contains(rows[i].Label)).ToList();
            Parallel.For(0, judged.Count, j =>
            {
                var p = model.Probabilities(rows[judged[j]].Text);
                var all = new float[labels.Length];
                for (var k = 0; k < p.Length; k++) all[global[model.Labels[k]]] = p[k];
                probabilities[judged[j]] = all;
            });
        }
        return new OutOfFoldScores(labels, probabilities);
    }

    /// <summary>Every reason spread evenly over the folds (shuffled with a fixed seed within the reason).</summary>
    private int[] AssignFolds(IReadOnlyList<LabelledText> rows)
    {
        var fold = new int[rows.Count];
        var rng = new Random(Options.Seed);
        var next = 0;
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Label, StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToArray();
            rng.Shuffle(items);
            foreach (var i in items) fold[i] = next++ % Folds;
        }
        return fold;
    }
}
