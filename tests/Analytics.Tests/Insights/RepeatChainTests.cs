using Analytics.Insights.Calendar;
using Analytics.Insights.Repeats;
using Analytics.Time;

namespace Analytics.Tests.Insights;

public sealed class RepeatChainTests
{
    private static ChainContact C(long id, int month, int day, string reason = "FAC") =>
        new(id, Amsterdam.ToUtc(new DateTime(2026, month, day, 10, 0, 0)), "phone", reason, "A1");

    private static readonly List<ChainContact> History =
    [
        C(1, 2, 1),              // a month earlier: its window closed long before 2 March
        C(2, 3, 2), C(3, 3, 4), C(4, 3, 9), C(5, 3, 11),
        C(6, 3, 12, "STO"),       // another reason in between
        C(7, 3, 13),
    ];

    [Fact]
    public void SameReasonChainSkipsOtherReasonsAndStopsAtTheFirstClosedWindow()
    {
        var chain = RepeatChains.Build(History, new RepeatOptions(), new DutchCalendar(), lookbackDays: 10);
        Assert.Equal(5, chain.ChainLength);
        Assert.Equal([2L, 3, 4, 5, 7], chain.Chain.Select(c => c.Id));
        // 10 days before 13 March 10:00 is 3 March 10:00: contacts of 4, 9, 11, 12 and 13 March.
        Assert.Equal(5, chain.ContactsInLookback);
    }

    [Fact]
    public void AnyReasonChainIncludesTheOtherReason()
    {
        var chain = RepeatChains.Build(History, new RepeatOptions(RepeatScope.AnyReason), new DutchCalendar(), 10);
        Assert.Equal([2L, 3, 4, 5, 6, 7], chain.Chain.Select(c => c.Id));
    }

    [Fact]
    public void ASingleContactIsAChainOfOne()
    {
        var chain = RepeatChains.Build([C(9, 3, 2)], new RepeatOptions(), new DutchCalendar(), 10);
        Assert.Equal(1, chain.ChainLength);
        Assert.Equal(1, chain.ContactsInLookback);
    }

    [Fact]
    public void CalendarDayWindowIsShorterOverKingsDay()
    {
        // Fri 24 April → Mon 4 May 2026: 5 working days (King's Day on Monday 27 April is off) but 10 calendar days.
        List<ChainContact> h = [C(1, 4, 24), C(2, 5, 4)];
        Assert.Equal(2, RepeatChains.Build(h, new RepeatOptions(), new DutchCalendar(), 10).ChainLength);
        Assert.Equal(1, RepeatChains.Build(h, new RepeatOptions(Window: RepeatWindow.CalendarDays, Days: 7), new DutchCalendar(), 10).ChainLength);
    }
}
