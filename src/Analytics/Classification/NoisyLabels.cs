using System.Globalization;

namespace Analytics.Classification;

/// <summary>What training does with a row whose label a model that never saw the row contradicts.</summary>
public enum NoisyLabelAction
{
    /// <summary>Left out of training.</summary>
    Drop,
    /// <summary>Trained with the label the cross-fitted model gives it.</summary>
    Relabel,
    /// <summary>
    /// Relabelled when the suggestion reaches <see cref="NoisyLabels.RelabelConfidence"/>, dropped otherwise: a sure
    /// suggestion is usually the true label, an unsure one is as likely a wrong boundary taught (decision 041).
    /// </summary>
    Fix,
    /// <summary>Kept with its label, weighted by the out-of-fold probability of that label.</summary>
    Weight,
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

/// <summary>The rows to train on after cleaning, and what cleaning did to them.</summary>
/// <param name="Weights">One per row of <see cref="Rows"/> (null: all 1).</param>
/// <param name="Changed">Rows dropped, relabelled or weighted, in any round.</param>
public sealed record CleanedRows(List<LabelledText> Rows, float[]? Weights, int Changed, int Dropped, int Relabelled);

/// <summary>
/// Training that does not learn the labels it has reason to doubt: the training rows are judged cross-fitted
/// (<see cref="CrossFittedMiscodes"/>, so a row's own label never votes on it), and the rows <see cref="Rule"/>
/// flags are dropped, relabelled or down-weighted before the model is trained; with <see cref="Rounds"/> over 1 the
/// cleaned rows are judged and cleaned again. Costs <see cref="Folds"/> extra trainings per round on
/// (Folds − 1) / Folds of the rows.
/// </summary>
public sealed record NoisyLabels(int Folds = 3, double MinimumConfidence = 0.5, NoisyLabelAction Action = NoisyLabelAction.Drop,
    NoisyLabelRule Rule = NoisyLabelRule.Confidence, double RelabelConfidence = 0.8, int Rounds = 1)
{
    private const string ConfidentJointName = "cl";
    private const string PruneByNoiseRateName = "pbnr";

    /// <summary>
    /// Parses "drop:3:0.5" (action, folds, and a minimum confidence or the rule "cl" or "pbnr"); later parts may be
    /// left out. "fix" takes a fourth part, the suggestion's confidence from which a row is relabelled rather than
    /// dropped ("fix:3:0.3:0.8"); a last part "x2" cleans twice, judging the cleaned rows again ("drop:3:0.3:x2").
    /// </summary>
    public static NoisyLabels Parse(string text)
    {
        var parts = text.Split(':').ToList();
        var rounds = 1;
        if (parts.Count > 1 && parts[^1].StartsWith('x'))
        {
            rounds = int.TryParse(parts[^1][1..], out var r) && r is >= 1 and <= 5
                ? r : throw new ArgumentException($"rounds must be x1 to x5, got '{parts[^1]}'");
            parts.RemoveAt(parts.Count - 1);
        }
        var named = !int.TryParse(parts[0], out _);
        var action = named && Enum.TryParse<NoisyLabelAction>(parts[0], ignoreCase: true, out var a)
            ? a : throw new ArgumentException($"'{parts[0]}' is not drop, relabel, fix or weight");
        if (action == NoisyLabelAction.Weight && rounds > 1)
            throw new ArgumentException("weight cleans in one round (its judges would not see the weights)");
        var folds = parts.Count > 1 && int.TryParse(parts[1], out var f) && f >= 2 ? f
            : parts.Count > 1
                ? throw new ArgumentException($"folds must be a whole number of 2 or more, got '{parts[1]}'") : 3;
        var relabel = parts.Count <= 3 ? 0.8
            : action == NoisyLabelAction.Fix ? Share(parts[3], "the fourth part")
            : throw new ArgumentException($"only fix takes a fourth part (the confidence to relabel from), got "
                + $"'{parts[3]}'");
        if (parts.Count > 4) throw new ArgumentException($"too many parts in '{text}'");
        if (parts.Count > 2 && parts[2] is ConfidentJointName or PruneByNoiseRateName)
        {
            var rule = parts[2] == ConfidentJointName ? NoisyLabelRule.ConfidentJoint : NoisyLabelRule.PruneByNoiseRate;
            return new NoisyLabels(folds, 0.5, action, rule, relabel, rounds);
        }
        var minimum = parts.Count > 2 ? Share(parts[2], "the third part", " cl or pbnr") : 0.5;
        return new NoisyLabels(folds, minimum, action, RelabelConfidence: relabel, Rounds: rounds);
    }

    private static double Share(string text, string part, string orElse = "") =>
        double.TryParse(text, CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 1 ? m
            : throw new ArgumentException(
                $"{part} must be a confidence in (0, 1]{(orElse.Length > 0 ? "," + orElse : "")}, got '{text}'");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Action.ToString().ToLowerInvariant()}:{Folds}:{Rule switch
        {
            NoisyLabelRule.ConfidentJoint => ConfidentJointName,
            NoisyLabelRule.PruneByNoiseRate => PruneByNoiseRateName,
            _ => MinimumConfidence.ToString(CultureInfo.InvariantCulture),
        }}{(Action == NoisyLabelAction.Fix ? $":{RelabelConfidence}" : "")}{(Rounds > 1 ? $":x{Rounds}" : "")}");

    /// <summary>The rows to train on, judged by models trained like <paramref name="options"/> but uncleaned.</summary>
    public CleanedRows Apply(IReadOnlyList<LabelledText> rows, TextClassifierOptions options,
        CancellationToken ct = default)
    {
        var judge = Judge(options);
        return Apply(rows, r => judge.OutOfFold(r, ct));
    }

    /// <summary>
    /// <see cref="Rounds"/> rounds of judging the rows as they stand (labels as relabelled, dropped rows gone) and
    /// cleaning what <see cref="Rule"/> flags.
    /// </summary>
    internal CleanedRows Apply(IReadOnlyList<LabelledText> rows,
        Func<IReadOnlyList<LabelledText>, OutOfFoldScores> judge)
    {
        var current = rows.ToList();
        var origin = Enumerable.Range(0, rows.Count).ToList();
        List<float>? weights = null;
        var changed = new HashSet<int>();
        for (var round = 0; round < Rounds; round++)
        {
            var scores = judge(current);
            var flagged = Flag(current, scores);
            if (flagged.Count == 0) break;
            var index = LabelIndex(scores);
            var (next, nextOrigin) = (new List<LabelledText>(current.Count), new List<int>(current.Count));
            weights = Action == NoisyLabelAction.Weight ? new List<float>(current.Count) : null;
            for (var i = 0; i < current.Count; i++)
            {
                var row = current[i];
                if (flagged.TryGetValue(i, out var suggested))
                {
                    changed.Add(origin[i]);
                    var p = scores.Probabilities[i]!;
                    var relabel = Action == NoisyLabelAction.Relabel
                        || (Action == NoisyLabelAction.Fix && p[index[suggested]] >= RelabelConfidence);
                    if (relabel) row = row with { Label = suggested };
                    else if (Action != NoisyLabelAction.Weight) continue;
                    weights?.Add(p[index[row.Label]]);
                }
                else weights?.Add(1f);
                next.Add(row);
                nextOrigin.Add(origin[i]);
            }
            (current, origin) = (next, nextOrigin);
        }
        var relabelled = current.Where((r, i) => r.Label != rows[origin[i]].Label).Count();
        return new CleanedRows(current, weights?.ToArray(), changed.Count, rows.Count - current.Count, relabelled);
    }

    /// <summary>The judges train without cleaning (and with the same featurisation and trainer), or cleaning would recurse.</summary>
    public CrossFittedMiscodes Judge(TextClassifierOptions options) =>
        new() { Folds = Folds, MinimumConfidence = MinimumConfidence, Options = options with { NoisyLabels = null } };

    /// <summary>The rows <see cref="Rule"/> doubts, each with the label the out-of-fold model suggests instead.</summary>
    public Dictionary<int, string> Flag(IReadOnlyList<LabelledText> rows, OutOfFoldScores scores)
    {
        var index = LabelIndex(scores);
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

    private static Dictionary<string, int> LabelIndex(OutOfFoldScores scores) =>
        scores.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);

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
