using Analytics.Insights.Rollups;
using Analytics.Time;

namespace Analytics.Tests.Insights.Rollups;

public sealed class RollupPartsTests
{
    // percentile_cont(0.5) over the values themselves.
    private static double ExactMedian(List<int> values)
    {
        var sorted = values.Order().ToList();
        var position = (sorted.Count - 1) / 2.0;
        int lower = (int)Math.Floor(position), upper = (int)Math.Ceiling(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    [Fact]
    public void TheBinnedMedianIsWithinOneBinWidthOfTheExactOne()
    {
        var random = new Random(7);
        for (var run = 0; run < 500; run++)
        {
            var n = random.Next(1, 400);
            var scale = random.Next(30, 2400);
            var values = Enumerable.Range(0, n).Select(_ => (int)(scale * Math.Exp(0.6 * (random.NextDouble() - 0.5)))).ToList();
            var bins = new long[HandleTimeBins.Count];
            foreach (var v in values) bins[HandleTimeBins.Index(v)]++;
            var exact = ExactMedian(values);
            Assert.True(Math.Abs(HandleTimeBins.Median(bins) - exact) < HandleTimeBins.Width(HandleTimeBins.Index((int)exact)) + 1e-9,
                $"n={n}: binned {HandleTimeBins.Median(bins)} vs exact {exact}");
        }
    }

    [Fact]
    public void BinsTileTheSecondsWithoutGaps()
    {
        for (var s = 0; s < 14_400; s++)
        {
            var i = HandleTimeBins.Index(s);
            Assert.InRange(s, HandleTimeBins.From(i), HandleTimeBins.From(i) + HandleTimeBins.Width(i) - 1);
        }
        Assert.Equal(HandleTimeBins.Count - 1, HandleTimeBins.Index(50_000));
    }

    [Fact]
    public void APeriodReadsWholeMonthsFromMonthRowsAndTheRestFromDays()
    {
        var span = RollupSpan.Of(new Period(new(2026, 1, 17), new(2026, 4, 9)));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 1)), (span.FullFrom, span.FullTo));
        var march = RollupSpan.Of(new Period(new(2026, 3, 1), new(2026, 3, 31)));
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1)), (march.FullFrom, march.FullTo));
        var days = RollupSpan.Of(new Period(new(2026, 3, 1), new(2026, 3, 31)), daysOnly: true);
        Assert.Equal(days.FullFrom, days.FullTo);
        var within = RollupSpan.Of(new Period(new(2026, 3, 2), new(2026, 3, 30)));
        Assert.Equal(within.FullFrom, within.FullTo);
    }

    [Fact]
    public void NextContactsFollowTheCustomerInTimeAndSkipPhantomCalls()
    {
        RollupContact C(long id, long customer, int minute, int reason, int channel, ContactKind kind = ContactKind.Served) =>
            new() { Id = id, Customer = customer, StartedTicks = TimeSpan.FromMinutes(minute).Ticks, Reason = reason, Channel = channel, Kind = kind };
        RollupContact[] contacts =
        [
            C(1, 7, 0, 1, 0), C(2, 8, 5, 1, 0), C(3, 7, 10, 2, 0), C(4, 7, 20, 1, 1, ContactKind.Phantom), C(5, 7, 30, 1, 1), C(6, 0, 40, 1, 1),
        ];
        var (repeat, sameChannel, order) = RollupBuilder.NextContacts(contacts, contacts.Length);
        Assert.Equal([4, -1, -1, -1, -1, -1], repeat);        // 1 → 5 (same reason), the phantom call is nobody's next
        Assert.Equal([2, -1, -1, -1, -1, -1], sameChannel);   // 1 → 3 (same channel)
        Assert.Equal(3, order.GroupEnd[0] - order.GroupStart[0]);
    }
}
