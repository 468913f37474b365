using System.Globalization;
using Analytics.Time;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// Source timestamps: ISO 8601 with an offset is taken as is; without one, and the Dutch `dd-MM-yyyy HH:mm`
/// forms, are local Amsterdam time. A local time that does not exist (the spring-forward hour) is refused
/// rather than guessed; an ambiguous one (the autumn hour that occurs twice) takes the first occurrence.
/// </summary>
public static class Timestamps
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd H:mm:ss", "dd-MM-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm", "d-M-yyyy HH:mm", "d-M-yyyy H:mm", "dd/MM/yyyy HH:mm", "dd-MM-yyyy", "yyyy-MM-dd",
    ];

    public static bool TryParseUtc(string value, TimeZoneInfo zone, out DateTime utc, out string? error)
    {
        utc = default;
        error = null;
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
        if (zone.IsAmbiguousTime(local))
        {
            // The earlier of the two instants: the one with the larger (summer) offset.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
            return true;
        }
        utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return true;
    }

    public static bool TryParseUtc(string value, out DateTime utc, out string? error) =>
        TryParseUtc(value, Amsterdam.Zone, out utc, out error);

    private static bool HasOffset(string s) =>
        s.EndsWith('Z') || (s.Length > 6 && (s[^6] is '+' or '-') && s[^3] == ':');
}
