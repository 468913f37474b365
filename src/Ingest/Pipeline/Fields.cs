using System.Globalization;

namespace Analytics.Ingest.Pipeline;

/// <summary>Parsing of single fields into typed values, each failure a sentence a person understands.</summary>
internal static class Fields
{
    public static int? Int(string? s, string column, List<string> errors, int min = 0, int max = int.MaxValue)
    {
        if (s is null) return null;
        // Plain digits, by far the most common, skip the floating-point parse below.
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        // Dutch exports write 12,0 for 12: accept a zero decimal part in either notation.
        var t = s.Replace(',', '.');
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d >= min && d <= max)
            return (int)d;
        errors.Add($"{column} '{s}' is not a whole number between {min} and {max}");
        return null;
    }

    public static string? OneOf(string? s, string column, string[] allowed, List<string> errors)
    {
        if (s is null) return null;
        var lower = s.ToLowerInvariant();
        foreach (var a in allowed) if (a == lower) return a;
        errors.Add($"{column} '{s}' is not one of {string.Join("|", allowed)}");
        return null;
    }

    public static bool? Bool(string? s, string column, List<string> errors)
    {
        if (s is null) return null;
        switch (s.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "ja" or "y" or "j": return true;
            case "false" or "0" or "no" or "nee" or "n": return false;
            default: errors.Add($"{column} '{s}' is not yes/no"); return null;
        }
    }

    public static DateTime? Timestamp(TimeZoneInfo zone, string? s, string column, List<string> errors)
    {
        if (s is null) return null;
        if (Timestamps.TryParseUtc(s, zone, out var utc, out var error)) return utc;
        errors.Add($"{column} {error}");
        return null;
    }

    public static string? MaxLength(string? s, string column, int max, List<string> errors)
    {
        if (s is null || s.Length <= max) return s;
        errors.Add($"{column} is longer than {max} characters");
        return null;
    }
}
