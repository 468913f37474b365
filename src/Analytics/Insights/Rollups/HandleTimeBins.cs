namespace Analytics.Insights.Rollups;

/// <summary>
/// Handle-time bins of the rollup: 5 s wide below 10 minutes, 15 s below 30 minutes, 60 s below 4 hours, then one open bin.
/// A median read from them places each rank evenly inside its bin, so it differs from the exact percentile_cont by less
/// than the width of the bin it falls in: under 5 s for any median below 10 minutes, under 15 s below 30 minutes.
/// </summary>
public static class HandleTimeBins
{
    public const int Count = 120 + 80 + 210 + 1;
    private const int OpenFrom = 14_400;

    public static int Index(int seconds) =>
        seconds < 600 ? Math.Max(0, seconds) / 5 : seconds < 1800 ? 120 + (seconds - 600) / 15 : seconds < OpenFrom ? 200 + (seconds - 1800) / 60 : Count - 1;

    public static int From(int index) => index < 120 ? index * 5 : index < 200 ? 600 + (index - 120) * 15 : 1800 + (index - 200) * 60;

    public static int Width(int index) => index < 120 ? 5 : index < 200 ? 15 : 60;

    /// <summary>The 50th percentile as percentile_cont computes it, from summed bin counts; 0 when there are none.</summary>
    public static double Median(long[] bins)
    {
        var total = bins.Sum();
        if (total == 0) return 0;
        // percentile_cont(0.5): interpolate between the values at 0-based ranks floor and ceil of (n − 1)/2.
        var position = (total - 1) / 2.0;
        long lower = (long)Math.Floor(position), upper = (long)Math.Ceiling(position);
        var a = ValueAt(bins, lower);
        return lower == upper ? a : a + (position - lower) * (ValueAt(bins, upper) - a);
    }

    /// <summary>Adds a stored run of bins starting at bin <paramref name="first"/>.</summary>
    public static void Add(long[] into, int first, int[] bins)
    {
        for (var i = 0; i < bins.Length; i++) into[first + i] += bins[i];
    }

    /// <summary>The run from the first to the last non-empty bin, and where it starts.</summary>
    public static (int First, int[] Run) Trim(int[] bins)
    {
        int first = Array.FindIndex(bins, b => b != 0), last = Array.FindLastIndex(bins, b => b != 0);
        return first < 0 ? (0, []) : (first, bins[first..(last + 1)]);
    }

    private static double ValueAt(long[] bins, long rank)
    {
        long before = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            if (rank < before + bins[i]) return From(i) + Width(i) * (rank - before + 0.5) / bins[i];
            before += bins[i];
        }
        throw new ArgumentOutOfRangeException(nameof(rank));
    }
}
