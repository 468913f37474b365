using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Common;

/// <summary>
/// How a CSV answer is written. RFC 4180 (`,`, decimal point, no byte order mark) is the default; Dutch Excel opens
/// that as one column, so `?csv=nl` or an `Accept-Language` that prefers Dutch (nl, nl-NL, nl-BE) gets `;`, a
/// decimal comma and a UTF-8 BOM (without it Excel reads the file as Windows-1252). Dates are yyyy-MM-dd in both;
/// times are UTC.
/// </summary>
internal sealed record CsvDialect(string Name, char Separator, CultureInfo Culture, bool ByteOrderMark,
    string TimestampFormat)
{
    public const string Parameter = "csv";

    public static readonly CsvDialect Rfc4180 =
        new("rfc4180", ',', CultureInfo.InvariantCulture, false, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'");

    // Excel's Dutch import reads "2026-03-02 08:00:00" as a date and time; the ISO "T…Z" form stays text there.
    public static readonly CsvDialect Dutch =
        new("nl", ';', CultureInfo.GetCultureInfo("nl-NL"), true, "yyyy-MM-dd HH:mm:ss");

    public static readonly IReadOnlyList<CsvDialect> All = [Rfc4180, Dutch];

    /// <summary>`?csv=` names a dialect; without it the caller's most preferred language decides.</summary>
    public static CsvDialect Of(HttpRequest request) =>
        request.Query.TryGetValue(Parameter, out var asked) && Named(asked.ToString()) is { } named ? named
        : PrefersDutch(request.GetTypedHeaders().AcceptLanguage) ? Dutch : Rfc4180;

    public static CsvDialect? Named(string? name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when the highest-weighted language (the first of equals, as listed) is Dutch. "en, nl;q=0.8" is English:
    /// a reader who prefers English gets the default even if their Excel is Dutch; `?csv=nl` is the way out.
    /// </summary>
    public static bool PrefersDutch(IList<StringWithQualityHeaderValue> languages)
    {
        var best = languages.Where(l => (l.Quality ?? 1) > 0).OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        var tag = best?.Value.Value ?? "";
        return tag.Equals("nl", StringComparison.OrdinalIgnoreCase)
               || tag.StartsWith("nl-", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A value as a cell: numbers in the dialect's culture (rounded by the caller), dates ISO.</summary>
    public string? Format(object? value) => value switch
    {
        null => null,
        DateTime t => t.ToString(TimestampFormat, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => double.IsNaN(d) ? null : d.ToString("R", Culture),
        float f => float.IsNaN(f) ? null : f.ToString("R", Culture),
        IFormattable f => f.ToString(null, Culture),
        _ => value.ToString(),
    };
}
