namespace Analytics.Statistics;

/// <summary>Agreement between raters: Cohen's kappa for two, Krippendorff's alpha for any number with gaps.</summary>
public static class Agreement
{
    /// <summary>
    /// Cohen's kappa over paired nominal ratings; null when there are none or chance agreement is already certain
    /// (both raters always gave the same single value), where kappa is undefined.
    /// </summary>
    public static double? CohensKappa(IReadOnlyList<(string A, string B)> pairs)
    {
        if (pairs.Count == 0) return null;
        double n = pairs.Count;
        var observed = pairs.Count(p => p.A == p.B) / n;
        var expected = pairs.Select(p => p.A).Concat(pairs.Select(p => p.B)).Distinct()
            .Sum(c => pairs.Count(p => p.A == c) / n * (pairs.Count(p => p.B == c) / n));
        return expected >= 1 ? null : (observed - expected) / (1 - expected);
    }

    /// <summary>
    /// Krippendorff's alpha over units (contacts) each rated by any number of raters; units with fewer than two
    /// values are not pairable and left out. Interval: squared difference as distance (scales); otherwise nominal.
    /// Null when fewer than two pairable values or no disagreement is expected (every value the same).
    /// </summary>
    public static double? KrippendorffAlpha(IEnumerable<IReadOnlyList<double>> units, bool interval = false)
    {
        double Distance(double c, double k) => interval ? (c - k) * (c - k) : c == k ? 0 : 1;
        var pairable = units.Where(u => u.Count >= 2).ToList();
        var values = pairable.SelectMany(u => u).ToList();
        var n = values.Count;
        if (n < 2) return null;
        // Observed: within-unit disagreement, each ordered pair weighted by 1/(m_u - 1).
        double observed = 0;
        foreach (var u in pairable)
            for (var i = 0; i < u.Count; i++)
                for (var j = 0; j < u.Count; j++)
                    if (i != j) observed += Distance(u[i], u[j]) / (u.Count - 1);
        // Expected: disagreement between any two of all pairable values.
        var counts = values.GroupBy(v => v).Select(g => (Value: g.Key, Count: (double)g.Count())).ToList();
        double expected = 0;
        foreach (var c in counts)
            foreach (var k in counts)
                expected += c.Count * k.Count * Distance(c.Value, k.Value);
        return expected == 0 ? null : 1 - (n - 1) * observed / expected;
    }
}
