namespace Analytics.Reasons;

/// <summary>
/// Gives a new run's clusters the ids of earlier candidates: the pair that shares most members (Jaccard over the
/// contacts both runs saw) and words is matched first, each earlier candidate at most once. A cluster is the same
/// candidate when a third of its members or half of its words are shared; otherwise it is new.
/// </summary>
public static class CandidateMatching
{
    public const double MinimumMemberOverlap = 0.3;
    public const double MinimumWordOverlap = 0.5;

    /// <returns>Per new cluster, the earlier id it continues, or null.</returns>
    public static int?[] Match(IReadOnlyList<(HashSet<long> Members, IReadOnlyList<string> Words)> clusters,
        IReadOnlyList<(int Id, HashSet<long> Members, IReadOnlyList<string> Words)> earlier)
    {
        var pairs = new List<(int Cluster, int Earlier, double Score)>();
        for (var i = 0; i < clusters.Count; i++)
            for (var j = 0; j < earlier.Count; j++)
            {
                var members = Jaccard(clusters[i].Members, earlier[j].Members);
                var words = Jaccard(clusters[i].Words.ToHashSet(StringComparer.Ordinal), earlier[j].Words.ToHashSet(StringComparer.Ordinal));
                if (members >= MinimumMemberOverlap || words >= MinimumWordOverlap) pairs.Add((i, j, members + 0.5 * words));
            }
        var result = new int?[clusters.Count];
        var taken = new HashSet<int>();
        foreach (var (cluster, j, _) in pairs.OrderByDescending(p => p.Score).ThenBy(p => p.Cluster).ThenBy(p => earlier[p.Earlier].Id))
        {
            if (result[cluster] is not null || !taken.Add(j)) continue;
            result[cluster] = earlier[j].Id;
        }
        return result;
    }

    private static double Jaccard<T>(HashSet<T> a, HashSet<T> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
