namespace Analytics.Insights.Calendar;

public enum LiberationDayRule
{
    /// <summary>5 May is a working day.</summary>
    Never,
    /// <summary>A day off only in lustrum years (2025, 2030, …), as most collective agreements have it.</summary>
    Lustrum,
    /// <summary>A day off every year.</summary>
    EveryYear,
}

/// <summary>
/// Which days the centre treats as days off. Defaults follow common Dutch contact-centre practice:
/// Good Friday is a working day (it is not a general day off in most collective agreements) and
/// Liberation Day only counts every fifth year. See docs/decisions/010-dutch-working-days.md.
/// </summary>
public sealed class CalendarOptions
{
    public bool GoodFridayIsHoliday { get; init; }
    public LiberationDayRule LiberationDay { get; init; } = LiberationDayRule.Lustrum;
}

public sealed record Holiday(DateOnly Date, string NameNl, string NameEn);

/// <summary>Dutch public holidays and working-day arithmetic (weekends and holidays excluded).</summary>
public sealed class DutchCalendar(CalendarOptions? options = null)
{
    private readonly CalendarOptions _options = options ?? new CalendarOptions();
    private readonly Dictionary<int, HashSet<DateOnly>> _byYear = [];
    private readonly Lock _gate = new();

    public CalendarOptions Options => _options;

    /// <summary>Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" computus.</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100;
        int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The days off of a year under these options, in date order (Sundays of Easter and Pentecost included for completeness).</summary>
    public IReadOnlyList<Holiday> Holidays(int year)
    {
        var easter = EasterSunday(year);
        var list = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "Nieuwjaarsdag", "New Year's Day"),
            new(easter, "Eerste Paasdag", "Easter Sunday"),
            new(easter.AddDays(1), "Tweede Paasdag", "Easter Monday"),
            new(KingsDay(year), year >= 2014 ? "Koningsdag" : "Koninginnedag", year >= 2014 ? "King's Day" : "Queen's Day"),
            new(easter.AddDays(39), "Hemelvaartsdag", "Ascension Day"),
            new(easter.AddDays(49), "Eerste Pinksterdag", "Whit Sunday"),
            new(easter.AddDays(50), "Tweede Pinksterdag", "Whit Monday"),
            new(new DateOnly(year, 12, 25), "Eerste Kerstdag", "Christmas Day"),
            new(new DateOnly(year, 12, 26), "Tweede Kerstdag", "Boxing Day"),
        };
        if (_options.GoodFridayIsHoliday) list.Add(new(easter.AddDays(-2), "Goede Vrijdag", "Good Friday"));
        if (_options.LiberationDay == LiberationDayRule.EveryYear || (_options.LiberationDay == LiberationDayRule.Lustrum && year % 5 == 0))
            list.Add(new(new DateOnly(year, 5, 5), "Bevrijdingsdag", "Liberation Day"));
        list.Sort((x, y) => x.Date.CompareTo(y.Date));
        return list;
    }

    /// <summary>27 April, or the 26th when the 27th is a Sunday (from 2014); before: 30 April, or the 29th when that is a Sunday.</summary>
    public static DateOnly KingsDay(int year)
    {
        var day = year >= 2014 ? new DateOnly(year, 4, 27) : new DateOnly(year, 4, 30);
        return day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(-1) : day;
    }

    public bool IsHoliday(DateOnly day) => HolidaySet(day.Year).Contains(day);

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    /// <summary>The day <paramref name="n"/> working days after <paramref name="day"/> (the day itself does not count, so n=0 returns it).</summary>
    public DateOnly AddWorkingDays(DateOnly day, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var d = day;
        while (n > 0)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d)) n--;
        }
        return d;
    }

    /// <summary>Working days in (from, to]: how many working days later <paramref name="to"/> is.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }

    private HashSet<DateOnly> HolidaySet(int year)
    {
        lock (_gate)
        {
            if (!_byYear.TryGetValue(year, out var set))
                _byYear[year] = set = Holidays(year).Select(h => h.Date).ToHashSet();
            return set;
        }
    }
}
