using Analytics.Ingest.Samples;

namespace Analytics.Tests.Samples;

public sealed class RecentContactsTests
{
    private static readonly long Day = TimeSpan.TicksPerDay;
    private static readonly long T0 = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void CountsTheCustomersContactsOfTheLastTenDaysOnly()
    {
        var recent = new RecentContacts(10 * Day);
        Assert.Equal(0, recent.CountPriorAndAdd(1, T0));
        Assert.Equal(1, recent.CountPriorAndAdd(1, T0 + Day));
        Assert.Equal(0, recent.CountPriorAndAdd(2, T0 + Day + 1));
        Assert.Equal(2, recent.CountPriorAndAdd(1, T0 + 9 * Day));
        // At day 10.5 the contact of day 0 has left the window; those of days 1 and 9 remain.
        Assert.Equal(2, recent.CountPriorAndAdd(1, T0 + 10 * Day + Day / 2));
        // Exactly ten days after day 1 still counts (the window includes its start).
        Assert.Equal(3, recent.CountPriorAndAdd(1, T0 + 11 * Day));
    }

    [Fact]
    public void ForgetsCustomersWhoseContactsLeftTheWindow()
    {
        var recent = new RecentContacts(10 * Day);
        for (var c = 1; c <= 1000; c++) recent.CountPriorAndAdd(c, T0 + c);
        Assert.Equal(1000, recent.Tracked);
        Assert.Equal(0, recent.CountPriorAndAdd(5, T0 + 30 * Day));
        Assert.Equal(1, recent.Tracked);
    }
}
