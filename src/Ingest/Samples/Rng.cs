namespace Analytics.Ingest.Samples;

/// <summary>
/// Draws on a seeded <see cref="Random"/>. Normals are sums of uniforms (Irwin–Hall) rather than Box–Muller,
/// so the stream is plain arithmetic and the samples are identical on every platform.
/// </summary>
internal static class Rng
{
    public static bool Chance(this Random r, double p) => r.NextDouble() < p;

    public static T Pick<T>(this Random r, T[] items) => items[r.Next(items.Length)];

    /// <summary>Approximately standard normal (sum of 12 uniforms minus 6).</summary>
    public static double Normal(this Random r)
    {
        var s = 0.0;
        for (var i = 0; i < 12; i++) s += r.NextDouble();
        return s - 6;
    }

    /// <summary>Approximately standard normal from 4 uniforms: tails stop at ±3.5, good enough for durations and cheaper.</summary>
    public static double RoughNormal(this Random r) =>
        (r.NextDouble() + r.NextDouble() + r.NextDouble() + r.NextDouble() - 2) * 1.7320508075688772;

    public static double LogNormal(this Random r, double median, double sigma) => median * Math.Exp(sigma * r.RoughNormal());

    /// <summary>An index drawn with probability proportional to its weight, given the running totals.</summary>
    public static int PickCumulative(this Random r, double[] cumulative)
    {
        var u = r.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, u);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = new List<double>();
        var sum = 0.0;
        foreach (var w in weights) list.Add(sum += w);
        return list.ToArray();
    }

    public static string Digits(this Random r, int count)
    {
        Span<char> s = stackalloc char[count];
        for (var i = 0; i < count; i++) s[i] = (char)('0' + r.Next(10));
        return s.ToString();
    }
}
