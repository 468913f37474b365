using Analytics.Insights.Calendar;

namespace Analytics.Tests.Insights;

public sealed class DutchCalendarTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2008, 3, 23)] // early
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // latest possible date
    [InlineData(2285, 3, 22)] // earliest possible date
    public void EasterSundayMatchesPublishedDates(int year, int month, int day) =>
        Assert.Equal(D(year, month, day), DutchCalendar.EasterSunday(year));

    [Fact]
    public void HolidaysOf2026AreTheKnownDates()
    {
        var days = new DutchCalendar().Holidays(2026).Select(h => h.Date).ToList();
        Assert.Equal(
            [D(2026, 1, 1), D(2026, 4, 5), D(2026, 4, 6), D(2026, 4, 27), D(2026, 5, 14), D(2026, 5, 24), D(2026, 5, 25), D(2026, 12, 25), D(2026, 12, 26)],
            days);
    }

    [Fact]
    public void KingsDayMovesToSaturdayWhenThe27thIsASunday()
    {
        Assert.Equal(D(2025, 4, 26), DutchCalendar.KingsDay(2025));
        Assert.Equal(D(2014, 4, 26), DutchCalendar.KingsDay(2014));
        Assert.Equal(D(2026, 4, 27), DutchCalendar.KingsDay(2026));
        Assert.Equal(D(2013, 4, 30), DutchCalendar.KingsDay(2013)); // still Queen's Day
    }

    [Fact]
    public void GoodFridayIsAWorkingDayUnlessConfigured()
    {
        Assert.True(new DutchCalendar().IsWorkingDay(D(2026, 4, 3)));
        Assert.False(new DutchCalendar(new CalendarOptions { GoodFridayIsHoliday = true }).IsWorkingDay(D(2026, 4, 3)));
    }

    [Fact]
    public void LiberationDayIsOffOnlyInLustrumYearsByDefault()
    {
        var cal = new DutchCalendar();
        Assert.False(cal.IsWorkingDay(D(2025, 5, 5)));   // Monday, lustrum
        Assert.True(cal.IsWorkingDay(D(2026, 5, 5)));    // Tuesday, not a lustrum
        Assert.False(new DutchCalendar(new CalendarOptions { LiberationDay = LiberationDayRule.EveryYear }).IsWorkingDay(D(2026, 5, 5)));
        Assert.True(new DutchCalendar(new CalendarOptions { LiberationDay = LiberationDayRule.Never }).IsWorkingDay(D(2025, 5, 5)));
    }

    [Fact]
    public void WeekendsAreNotWorkingDays()
    {
        var cal = new DutchCalendar();
        Assert.False(cal.IsWorkingDay(D(2026, 3, 7)));
        Assert.False(cal.IsWorkingDay(D(2026, 3, 8)));
        Assert.True(cal.IsWorkingDay(D(2026, 3, 9)));
    }

    [Fact]
    public void FiveWorkingDaysAcrossEasterSkipEasterMondayButNotGoodFriday()
    {
        // Thu 2 Apr 2026: Fri 3 (1), [Sat, Sun, Easter Monday], Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
        Assert.Equal(D(2026, 4, 10), new DutchCalendar().AddWorkingDays(D(2026, 4, 2), 5));
        // With Good Friday off the fifth working day moves to Monday 13 April.
        Assert.Equal(D(2026, 4, 13), new DutchCalendar(new CalendarOptions { GoodFridayIsHoliday = true }).AddWorkingDays(D(2026, 4, 2), 5));
    }

    [Fact]
    public void WorkingDaysAcrossChristmasAndNewYear()
    {
        var cal = new DutchCalendar();
        // Wed 23 Dec 2026: Thu 24 (1), [Fri 25, Sat 26, Sun 27], Mon 28 (2), Tue 29 (3), Wed 30 (4), Thu 31 (5), [Fri 1 Jan, weekend], Mon 4 Jan (6).
        Assert.Equal(D(2026, 12, 31), cal.AddWorkingDays(D(2026, 12, 23), 5));
        Assert.Equal(D(2027, 1, 4), cal.AddWorkingDays(D(2026, 12, 23), 6));
        Assert.Equal(6, cal.WorkingDaysBetween(D(2026, 12, 23), D(2027, 1, 4)));
    }

    [Fact]
    public void AscensionThursdayIsSkipped() =>
        Assert.Equal(D(2026, 5, 15), new DutchCalendar().AddWorkingDays(D(2026, 5, 13), 1));

    [Fact]
    public void ZeroWorkingDaysIsTheSameDayAndNegativeIsRefused()
    {
        Assert.Equal(D(2026, 3, 7), new DutchCalendar().AddWorkingDays(D(2026, 3, 7), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DutchCalendar().AddWorkingDays(D(2026, 3, 7), -1));
    }
}
