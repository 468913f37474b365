using System.ComponentModel.DataAnnotations;
using Analytics.Time;

namespace Analytics.Ingestion.Feeds;

/// <summary>How feeds are judged (section <c>Feeds</c>).</summary>
public sealed class FeedOptions
{
    /// <summary>Weeks of history the usual volume per weekday and hour is learnt from.</summary>
    [Range(2, 52)] public int HistoryWeeks { get; set; } = 8;
    /// <summary>Weeks a feed must have existed before it is judged at all.</summary>
    [Range(1, 52)] public int MinimumWeeks { get; set; } = 2;
    /// <summary>Late once this many usual deliveries have not come (the expected number, from history).</summary>
    [Range(0.5, 1000)] public double LateAfterMissedDeliveries { get; set; } = 2;
    /// <summary>Low volume when the last window brought less than this share of the usual rows.</summary>
    [Range(0.01, 1)] public double LowVolumeRatio { get; set; } = 0.6;
    [Range(1, 168)] public int LowVolumeWindowHours { get; set; } = 24;
    /// <summary>Below this many usual rows in the window, volume is too small to judge.</summary>
    [Range(1, int.MaxValue)] public int MinimumUsualRows { get; set; } = 50;
    /// <summary>Who is mailed when a feed turns late or low (needs Smtp:Host).</summary>
    public List<string> AlertRecipients { get; set; } = [];
}

/// <summary>One completed batch of a feed: when it started and how many rows it read.</summary>
public readonly record struct Delivery(DateTime Utc, int Rows);

/// <param name="MissedDeliveries">Deliveries that usually come between the last one and now.</param>
/// <param name="UsualRows">The median rows of the last window's hours over the history weeks, summed.</param>
public sealed record FeedJudgement(string State, DateTime? LastDeliveryUtc, double MissedDeliveries, long UsualRows,
    long RecentRows);

/// <summary>
/// Judges a feed against its own past, per Amsterdam weekday and hour: a feed that delivers hourly on working days is
/// not late on a Sunday, and one that sends a nightly file is not low at noon. Late: the deliveries that usually arrive
/// in the hours since the last one (the share of history weeks with a batch in each such hour, summed) reach
/// <see cref="FeedOptions.LateAfterMissedDeliveries"/>. Low volume: the last window's rows fall below
/// <see cref="FeedOptions.LowVolumeRatio"/> of the usual (the median of each hour over the history weeks).
/// </summary>
public static class FeedWatch
{
    public const string Ok = "ok", Learning = "learning", Late = "late", LowVolume = "low-volume";

    public static bool IsAlert(string state) => state is Late or LowVolume;

    public static FeedJudgement Judge(IReadOnlyCollection<Delivery> deliveries, DateTime firstUtc, DateTime nowUtc,
        FeedOptions o)
    {
        var byHour = new Dictionary<DateTime, (long Rows, int Batches)>();
        foreach (var d in deliveries)
        {
            var h = Hour(d.Utc);
            var (rows, batches) = byHour.GetValueOrDefault(h);
            byHour[h] = (rows + d.Rows, batches + 1);
        }
        DateTime? last = deliveries.Count == 0 ? null : deliveries.Max(d => d.Utc);
        var now = Hour(nowUtc);
        var first = Hour(firstUtc);
        var windowStart = now.AddHours(-o.LowVolumeWindowHours);
        var weeks = Enumerable.Range(1, o.HistoryWeeks).Where(w => WeeksBefore(windowStart, w) >= first).ToList();
        if (weeks.Count < o.MinimumWeeks) return new FeedJudgement(Learning, last, 0, 0, 0);

        long usual = 0, recent = 0;
        for (var h = windowStart; h < now; h = h.AddHours(1))
        {
            recent += byHour.GetValueOrDefault(h).Rows;
            usual += Median(weeks.Select(w => byHour.GetValueOrDefault(WeeksBefore(h, w)).Rows));
        }

        var missed = 0.0;
        var stoppedLongAgo = last is null || last < nowUtc.AddDays(-7 * o.HistoryWeeks);
        if (!stoppedLongAgo)
            for (var h = Hour(last!.Value).AddHours(1); h < now; h = h.AddHours(1))
            {
                var seen = weeks.Select(w => WeeksBefore(h, w)).Where(past => past >= first).ToList();
                if (seen.Count > 0) missed += seen.Count(past => byHour.GetValueOrDefault(past).Batches > 0) / (double)seen.Count;
            }

        var state = stoppedLongAgo || missed >= o.LateAfterMissedDeliveries ? Late
            : usual >= o.MinimumUsualRows && recent < o.LowVolumeRatio * usual ? LowVolume
            : Ok;
        return new FeedJudgement(state, last, Math.Round(missed, 2), usual, recent);
    }

    private static DateTime Hour(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);

    /// <summary>The same Amsterdam weekday and hour <paramref name="weeks"/> weeks earlier (so summer time does not shift it).</summary>
    private static DateTime WeeksBefore(DateTime hourUtc, int weeks) =>
        DateTime.SpecifyKind(Amsterdam.ToUtc(Amsterdam.ToLocal(hourUtc).AddDays(-7 * weeks)), DateTimeKind.Utc);

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
