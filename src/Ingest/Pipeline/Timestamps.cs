using System.Globalization;
using Analytics.Time;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// Source timestamps: ISO 8601 with an offset is taken as is; without one, and the Dutch `dd-MM-yyyy HH:mm`
/// forms, are local Amsterdam time. A local time that does not exist (the spring-forward hour) is refused
/// rather than guessed; an ambiguous one (the autumn hour that occurs twice) takes the first occurrence.
/// </summary>
/// <remarks>
/// Every contact row has one or two timestamps, and the general parse (13 formats, culture-aware literal matching,
/// a time-zone rule lookup per value) was about a third of the client's work per row. The usual ISO shapes are read
/// by hand first, and a zone's offset is remembered per local hour; anything else takes the general path, so what is
/// accepted, refused and the wording of refusals are unchanged.
/// </remarks>
public static class Timestamps
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd H:mm:ss", "dd-MM-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm", "d-M-yyyy HH:mm", "d-M-yyyy H:mm", "dd/MM/yyyy HH:mm", "dd-MM-yyyy", "yyyy-MM-dd",
    ];

    public static bool TryParseUtc(string value, TimeZoneInfo zone, out DateTime utc, out string? error)
    {
        error = null;
        if (TryParseIso(value, zone, out utc)) return true;
        var s = value.Trim();
        if (s.Length == 0) { error = "is empty"; return false; }
        if (HasOffset(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
        {
            utc = dto.UtcDateTime;
            return true;
        }
        if (!DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            error = $"'{s}' is not a date-time (expected ISO 8601 or dd-MM-yyyy HH:mm)";
            return false;
        }
        if (zone.IsInvalidTime(local))
        {
            error = $"'{s}' does not exist in {zone.Id} (clocks skip that hour at the DST change)";
            return false;
        }
        utc = ToUtc(local, zone);
        return true;
    }

    public static bool TryParseUtc(string value, out DateTime utc, out string? error) =>
        TryParseUtc(value, Amsterdam.Zone, out utc, out error);

    private static bool HasOffset(string s) =>
        s.EndsWith('Z') || (s.Length > 6 && (s[^6] is '+' or '-') && s[^3] == ':');

    /// <summary>
    /// `yyyy-MM-ddTHH:mm[:ss]` (T or a space), bare or followed by `Z` or `±hh:mm`. False for anything else, including
    /// impossible dates and local times in the spring-forward gap: the general path then refuses them with a reason.
    /// </summary>
    private static bool TryParseIso(string s, TimeZoneInfo zone, out DateTime utc)
    {
        utc = default;
        if (s.Length < 16 || s[4] != '-' || s[7] != '-' || s[10] is not ('T' or ' ') || s[13] != ':') return false;
        int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2), hour = Digits(s, 11, 2), minute = Digits(s, 14, 2);
        var second = 0;
        var rest = 16;
        if (s.Length >= 19 && s[16] == ':') { second = Digits(s, 17, 2); rest = 19; }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23
            || minute is < 0 or > 59 || second is < 0 or > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (rest == s.Length)
        {
            if (!HourOffsets.TryGet(zone, local, out var offset)) return false;
            utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
            return true;
        }
        if (rest + 1 == s.Length && s[rest] == 'Z')
        {
            utc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
            return true;
        }
        if (rest + 6 != s.Length || s[rest] is not ('+' or '-') || s[rest + 3] != ':') return false;
        int offsetHours = Digits(s, rest + 1, 2), offsetMinutes = Digits(s, rest + 4, 2);
        if (offsetHours is < 0 or > 14 || offsetMinutes is < 0 or > 59 || (offsetHours == 14 && offsetMinutes > 0)) return false;
        var signed = new TimeSpan(offsetHours, offsetMinutes, 0) * (s[rest] == '-' ? -1 : 1);
        var instant = local - signed;
        if (instant.Year is < 1 or > 9999) return false;
        utc = DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        return true;
    }

    /// <summary>The number in <paramref name="length"/> ASCII digits at <paramref name="start"/>, or -1.</summary>
    private static int Digits(string s, int start, int length)
    {
        var n = 0;
        for (var i = start; i < start + length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return -1;
            n = n * 10 + d;
        }
        return n;
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsAmbiguousTime(local))
        {
            // The earlier of the two instants: the one with the larger (summer) offset.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>
    /// A zone's offset per local hour, for hours without a clock change in them (one rule lookup per hour instead of
    /// three per value). Per thread, so parsing on several threads needs no lock.
    /// </summary>
    private sealed class HourOffsets(TimeZoneInfo zone)
    {
        [ThreadStatic] private static HourOffsets? t_current;
        private readonly Dictionary<long, TimeSpan?> _hours = [];

        /// <summary>False for a local time in an hour with a clock change: the caller takes the general path.</summary>
        public static bool TryGet(TimeZoneInfo zone, DateTime local, out TimeSpan offset)
        {
            var cache = t_current;
            if (cache is null || !ReferenceEquals(cache._zone, zone)) t_current = cache = new HourOffsets(zone);
            var key = local.Ticks / TimeSpan.TicksPerHour;
            if (!cache._hours.TryGetValue(key, out var known))
            {
                if (cache._hours.Count >= 1 << 16) cache._hours.Clear();
                cache._hours[key] = known = Steady(zone, new DateTime(key * TimeSpan.TicksPerHour));
            }
            offset = known.GetValueOrDefault();
            return known.HasValue;
        }

        private readonly TimeZoneInfo _zone = zone;

        /// <summary>The offset of the hour starting at <paramref name="start"/>, or null when it changes within that hour.</summary>
        private static TimeSpan? Steady(TimeZoneInfo zone, DateTime start)
        {
            var end = start.AddTicks(TimeSpan.TicksPerHour - 1);
            if (end.Year > 9999 || start.Year < 2) return null;
            foreach (var t in (ReadOnlySpan<DateTime>)[start, end])
                if (zone.IsInvalidTime(t) || zone.IsAmbiguousTime(t)) return null;
            var first = start - TimeZoneInfo.ConvertTimeToUtc(start, zone);
            return first == end - TimeZoneInfo.ConvertTimeToUtc(end, zone) ? first : null;
        }
    }
}
