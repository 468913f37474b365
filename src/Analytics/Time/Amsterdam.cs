namespace Analytics.Time;

/// <summary>
/// The centre's clock. Sources give local times and users think in local days; storage is UTC.
/// Conversions happen here, at the edge, so DST rules live in one place.
/// </summary>
public static class Amsterdam
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The UTC instant at which a local calendar day starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    public static DateOnly Today(TimeProvider? clock = null) =>
        DateOnly.FromDateTime(ToLocal((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime));
}

/// <summary>An inclusive range of local days, as users state periods ("1 to 31 March").</summary>
public readonly record struct Period(DateOnly From, DateOnly To)
{
    public DateTime FromUtc => Amsterdam.StartOfDayUtc(From);
    /// <summary>Exclusive upper bound: the start of the day after <see cref="To"/>.</summary>
    public DateTime ToUtcExclusive => Amsterdam.StartOfDayUtc(To.AddDays(1));
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The last full calendar month before today: the default period of reports.</summary>
    public static Period LastFullMonth(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return new Period(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>The last full ISO week (Monday to Sunday) before today.</summary>
    public static Period LastFullWeek(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new Period(monday.AddDays(-7), monday.AddDays(-1));
    }

    public Period Previous() => new(From.AddDays(-Days), From.AddDays(-1));

    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
