using System.Globalization;

namespace Analytics.Classification;

/// <summary>What training does with a row whose label a model that never saw the row contradicts.</summary>
public enum NoisyLabelAction
{
    /// <summary>Left out of training.</summary>
    Drop,
    /// <summary>Trained with the label the cross-fitted model gives it.</summary>
    Relabel,
}

/// <summary>Which rows count as contradicted (docs/decisions/039-label-noise-confident-learning.md).</summary>
public enum NoisyLabelRule
{
    /// <summary>Another label wins with at least <see cref="NoisyLabels.MinimumConfidence"/>.</summary>
    Confidence,
    /// <summary>
    /// Confident learning (Northcutt et al. 2021): each class's threshold is its rows' mean out-of-fold probability
    /// of it; a row is counted for the most probable label over its threshold, and flagged when that is not its own.
    /// </summary>
    ConfidentJoint,
    /// <summary>
    /// Confident learning's "prune by noise rate": for every (given, other) pair, as many rows as the confident joint
    /// counts there, those with the largest margin of the other label over their own.
    /// </summary>
    PruneByNoiseRate,
}

/// <summary>
/// Training that does not learn the labels it has reason to doubt: the training rows are judged cross-fitted
/// (<see cref="CrossFittedMiscodes"/>, so a row's own label never votes on it), and the rows <see cref="Rule"/>
/// flags are dropped or relabelled before the model is trained. Costs <see cref="Folds"/> extra trainings on
/// (Folds − 1) / Folds of the rows.
/// </summary>
public sealed record NoisyLabels(int Folds = 3, double MinimumConfidence = 0.5, NoisyLabelAction Action = NoisyLabelAction.Drop,
    NoisyLabelRule Rule = NoisyLabelRule.Confidence)
{
    private const string ConfidentJointName = "cl";
    private const string PruneByNoiseRateName = "pbnr";

    /// <summary>
    /// Parses "drop:3:0.5" (action, folds, and a minimum confidence or the rule "cl" or "pbnr"); later parts may be
    /// left out.
    /// </summary>
    public static NoisyLabels Parse(string text)
    {
        var parts = text.Split(':');
        var action = Enum.TryParse<NoisyLabelAction>(parts[0], ignoreCase: true, out var a)
            ? a : throw new ArgumentException($"'{parts[0]}' is not drop or relabel");
        var folds = parts.Length > 1 && int.TryParse(parts[1], out var f) && f >= 2
            ? f : parts.Length > 1 ? throw new ArgumentException($"folds must be a whole number of 2 or more, got '{parts[1]}'") : 3;
        if (parts.Length > 2 && parts[2] is ConfidentJointName or PruneByNoiseRateName)
            return new NoisyLabels(folds, 0.5, action,
                parts[2] == ConfidentJointName ? NoisyLabelRule.ConfidentJoint : NoisyLabelRule.PruneByNoiseRate);
        var minimum = parts.Length > 2 && double.TryParse(parts[2], CultureInfo.InvariantCulture, out var m)
            && m is > 0 and <= 1 ? m : parts.Length > 2
                ? throw new ArgumentException($"the third part must be a confidence in (0, 1], cl or pbnr, got '{parts[2]}'") : 0.5;
        return new NoisyLabels(folds, minimum, action);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Action.ToString().ToLowerInvariant()}:{Folds}:{Rule switch
        {
            NoisyLabelRule.ConfidentJoint => ConfidentJointName,
            NoisyLabelRule.PruneByNoiseRate => PruneByNoiseRateName,
            _ => MinimumConfidence.ToString(CultureInfo.InvariantCulture),
        }}");

    /// <summary>The rows to train on, and how many were dropped or relabelled.</summary>
    public (List<LabelledText> Rows, int Changed) Apply(IReadOnlyList<LabelledText> rows, TextClassifierOptions options,
        CancellationToken ct = default)
    {
        var flagged = Flag(rows, Judge(options).OutOfFold(rows, ct));
        var kept = new List<LabelledText>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!flagged.TryGetValue(i, out var suggested)) kept.Add(rows[i]);
            else if (Action == NoisyLabelAction.Relabel) kept.Add(rows[i] with { Label = suggested });
        }
        return (kept, flagged.Count);
    }

    /// <summary>The judges train without cleaning (and with the same featurisation and trainer), or cleaning would recurse.</summary>
    public CrossFittedMiscodes Judge(TextClassifierOptions options) =>
        new() { Folds = Folds, MinimumConfidence = MinimumConfidence, Options = options with { NoisyLabels = null } };

    /// <summary>The rows <see cref="Rule"/> doubts, each with the label the out-of-fold model suggests instead.</summary>
    public Dictionary<int, string> Flag(IReadOnlyList<LabelledText> rows, OutOfFoldScores scores)
    {
        var index = scores.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var given = rows.Select(r => index[r.Label]).ToArray();
        var p = scores.Probabilities;
        var flagged = Rule switch
        {
            NoisyLabelRule.Confidence => Enumerable.Range(0, rows.Count)
                .Where(i => p[i] is { } q && Calibration.ArgMax(q) != given[i] && q[Calibration.ArgMax(q)] >= MinimumConfidence)
                .ToDictionary(i => i, i => Calibration.ArgMax(p[i]!)),
            NoisyLabelRule.ConfidentJoint => ConfidentJoint(given, p).Where(x => x.Value != given[x.Key])
                .ToDictionary(x => x.Key, x => x.Value),
            _ => PruneByNoiseRate(given, p, scores.Labels.Length),
        };
        // A class never loses its last rows: the model would no longer know it, and its validation rows could not be scored.
        foreach (var whole in Enumerable.Range(0, rows.Count).GroupBy(i => given[i]).Where(g => g.All(flagged.ContainsKey)))
            foreach (var i in whole) flagged.Remove(i);
        return flagged.ToDictionary(x => x.Key, x => scores.Labels[x.Value]);
    }

    /// <summary>Each row's confident-joint column: the most probable label among those at or over their class's threshold.</summary>
    private static Dictionary<int, int> ConfidentJoint(int[] given, float[]?[] p)
    {
        var classes = p.OfType<float[]>().FirstOrDefault()?.Length ?? 0;
        var sum = new double[classes];
        var count = new int[classes];
        for (var i = 0; i < given.Length; i++)
            if (p[i] is { } q)
            {
                sum[given[i]] += q[given[i]];
                count[given[i]]++;
            }
        // A class no row is judged under gets no threshold anyone can meet.
        var threshold = sum.Select((s, j) => count[j] == 0 ? double.PositiveInfinity : s / count[j]).ToArray();
        var column = new Dictionary<int, int>();
        for (var i = 0; i < given.Length; i++)
        {
            if (p[i] is not { } q) continue;
            var best = -1;
            for (var j = 0; j < q.Length; j++)
                if (q[j] >= threshold[j] && (best < 0 || q[j] > q[best])) best = j;
            if (best >= 0) column[i] = best;
        }
        return column;
    }

    private static Dictionary<int, int> PruneByNoiseRate(int[] given, float[]?[] p, int classes)
    {
        var joint = new int[classes, classes];
        foreach (var (i, j) in ConfidentJoint(given, p)) joint[given[i], j]++;
        var flagged = new Dictionary<int, int>();
        foreach (var labelled in Enumerable.Range(0, given.Length).Where(i => p[i] is not null).GroupBy(i => given[i]))
            for (var j = 0; j < classes; j++)
            {
                if (j == labelled.Key || joint[labelled.Key, j] == 0) continue;
                foreach (var i in labelled.Where(i => !flagged.ContainsKey(i))
                             .OrderByDescending(i => p[i]![j] - p[i]![labelled.Key]).ThenBy(i => i).Take(joint[labelled.Key, j]))
                    flagged[i] = j;
            }
        return flagged;
    }
}
