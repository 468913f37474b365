namespace Analytics.Classification;

/// <summary>Deterministic hold-out splits.</summary>
public static class DataSplit
{
    /// <summary>
    /// Holds out <paramref name="fraction"/> of every class: at least one example of each class that has more than
    /// <paramref name="keep"/>, and never the last <paramref name="keep"/>, so rare classes are both trained on and held out.
    /// </summary>
    public static (List<T> Train, List<T> Holdout) Stratified<T>(IReadOnlyList<T> rows, Func<T, string> label, double fraction, int seed, int keep = 1)
    {
        var rng = new Random(seed);
        var train = new List<T>();
        var holdout = new List<T>();
        foreach (var group in rows.GroupBy(label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToArray();
            rng.Shuffle(items);
            var take = items.Length <= keep ? 0 : Math.Clamp((int)Math.Round(items.Length * fraction), 1, items.Length - keep);
            holdout.AddRange(items.Take(take));
            train.AddRange(items.Skip(take));
        }
        return (train, holdout);
    }

    /// <summary>
    /// Holds out about <paramref name="fraction"/> of the groups (e.g. reviews), so no group is on both sides:
    /// sentences of one review share words and would otherwise leak.
    /// </summary>
    public static (List<T> Train, List<T> Holdout) ByGroup<T>(IReadOnlyList<T> rows, Func<T, string> group, double fraction, int seed)
    {
        var groups = rows.Select(group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(groups);
        var held = groups.Take((int)Math.Round(groups.Length * fraction)).ToHashSet(StringComparer.Ordinal);
        var train = rows.Where(r => !held.Contains(group(r))).ToList();
        var holdout = rows.Where(r => held.Contains(group(r))).ToList();
        return (train, holdout);
    }
}
