namespace Analytics.Classification;

/// <summary>What training does with a row whose label a model that never saw the row contradicts.</summary>
public enum NoisyLabelAction
{
    /// <summary>Left out of training.</summary>
    Drop,
    /// <summary>Trained with the label the cross-fitted model gives it.</summary>
    Relabel,
}

/// <summary>
/// Training that does not learn the labels it has reason to doubt: the training rows are judged cross-fitted
/// (<see cref="CrossFittedMiscodes"/>, so a row's own label never votes on it), and the rows another label wins with
/// at least <see cref="MinimumConfidence"/> are dropped or relabelled before the model is trained. Costs
/// <see cref="Folds"/> extra trainings on (Folds − 1) / Folds of the rows.
/// </summary>
public sealed record NoisyLabels(int Folds = 3, double MinimumConfidence = 0.5, NoisyLabelAction Action = NoisyLabelAction.Drop)
{
    /// <summary>Parses "drop:3:0.5" (action, folds, minimum confidence); later parts may be left out.</summary>
    public static NoisyLabels Parse(string text)
    {
        var parts = text.Split(':');
        var action = Enum.TryParse<NoisyLabelAction>(parts[0], ignoreCase: true, out var a)
            ? a : throw new ArgumentException($"'{parts[0]}' is not drop or relabel");
        var folds = parts.Length > 1 && int.TryParse(parts[1], out var f) && f >= 2
            ? f : parts.Length > 1 ? throw new ArgumentException($"folds must be a whole number of 2 or more, got '{parts[1]}'") : 3;
        var minimum = parts.Length > 2 && double.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var m)
            && m is > 0 and <= 1 ? m : parts.Length > 2 ? throw new ArgumentException($"confidence must be in (0, 1], got '{parts[2]}'") : 0.5;
        return new NoisyLabels(folds, minimum, action);
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Action.ToString().ToLowerInvariant()}:{Folds}:{MinimumConfidence}");

    /// <summary>The rows to train on, and how many were dropped or relabelled.</summary>
    public (List<LabelledText> Rows, int Changed) Apply(IReadOnlyList<LabelledText> rows, TextClassifierOptions options,
        CancellationToken ct = default)
    {
        // The judges train without cleaning (and with the same featurisation and trainer), or cleaning would recurse.
        var judge = new CrossFittedMiscodes { Folds = Folds, MinimumConfidence = MinimumConfidence, Options = options with { NoisyLabels = null } };
        var flagged = judge.Find(rows, ct).ToDictionary(m => m.Index);
        // A class never loses its last rows: the model would no longer know it, and its validation rows could not be scored.
        foreach (var whole in rows.Select((r, i) => (r.Label, i)).GroupBy(x => x.Label, StringComparer.Ordinal)
                     .Where(g => g.All(x => flagged.ContainsKey(x.i))))
            foreach (var (_, i) in whole) flagged.Remove(i);
        var kept = new List<LabelledText>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!flagged.TryGetValue(i, out var m)) kept.Add(rows[i]);
            else if (Action == NoisyLabelAction.Relabel) kept.Add(rows[i] with { Label = m.Suggested });
        }
        return (kept, flagged.Count);
    }
}
