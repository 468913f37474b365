using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>
/// Dates of birth: a date is redacted only when a birth word ("geboren", "geb.", "geboortedatum", "date of birth",
/// "DOB", "born") stands right before it, with nothing but filler words in between ("geboren op de", "DOB of the
/// customer is"), or right after it ("12-03-1985 (geb.)"). Ordinary dates — invoices, appointments — stay.
/// </summary>
internal static partial class BirthDateDetector
{
    private const int Window = 64;

    public static void Find(string text, ref HitList hits)
    {
        if (!HasBirthWord(text)) return;
        foreach (var m in DateCandidate().EnumerateMatches(text))
        {
            var start = m.Index;
            var end = m.Index + m.Length;
            if (!IsPlausibleDate(text.AsSpan(start, end - start))) continue;
            var from = Math.Max(0, start - Window);
            var after = text.AsSpan(end, Math.Min(Window, text.Length - end));
            if (KeywordBefore().IsMatch(text.AsSpan(from, start - from)) || KeywordAfter().IsMatch(after))
            {
                hits.TryAdd(start, end, PiiType.Dob);
            }
        }
    }

    /// <summary>
    /// Cheap pre-check: every birth word has a 'b' (geboren, geboorte, geb., born, birth, dob, d.o.b), so look at
    /// the few b's of a text instead of running a pattern; "gebeld" and "gebruik" do not pass.
    /// </summary>
    internal static bool HasBirthWord(ReadOnlySpan<char> text)
    {
        var from = 0;
        while (true)
        {
            var i = text[from..].IndexOfAny('b', 'B');
            if (i < 0) return false;
            i += from;
            from = i + 1;
            var prev = At(text, i - 1);
            var next = At(text, i + 1);
            // geb. / geb: / geb␠ / geboren / geboorte
            if (prev == 'e' && At(text, i - 2) == 'g' && (next is '.' or ':' or ' ' or '\0' || (next == 'o' && At(text, i + 2) is 'r' or 'o')))
                return true;
            // born / birth
            if ((next == 'o' && At(text, i + 2) == 'r' && At(text, i + 3) == 'n') || (next == 'i' && At(text, i + 2) == 'r' && At(text, i + 3) == 't'))
                return true;
            // dob / d.o.b
            if ((prev == 'o' && At(text, i - 2) == 'd') || (prev == '.' && At(text, i - 2) == 'o' && At(text, i - 3) == '.'))
                return true;
        }
    }

    /// <summary>The ASCII-lower-cased character at <paramref name="i"/>, or '\0' outside the text.</summary>
    private static char At(ReadOnlySpan<char> text, int i) =>
        (uint)i < (uint)text.Length ? (char.IsAsciiLetterUpper(text[i]) ? (char)(text[i] | 0x20) : text[i]) : '\0';

    /// <summary>Numeric dates must have a real day and month; "12-34-5678" is a reference, not a date.</summary>
    private static bool IsPlausibleDate(ReadOnlySpan<char> date)
    {
        Span<int> parts = stackalloc int[3];
        var n = 0;
        var value = -1;
        foreach (var c in date)
        {
            if (char.IsAsciiDigit(c)) value = (value < 0 ? 0 : value * 10) + (c - '0');
            else if (value >= 0)
            {
                if (n == 3) return true;
                parts[n++] = value;
                value = -1;
            }
            // A month name in between means the regex already checked the shape.
            if (char.IsLetter(c)) return true;
        }
        if (value >= 0 && n < 3) parts[n++] = value;
        if (n != 3) return true;
        // yyyy-mm-dd, dd-mm-yyyy, or the American mm/dd/yyyy.
        var (day, month) = parts[0] > 31 ? (parts[2], parts[1]) : (parts[0], parts[1]);
        if (month > 12 && day <= 12) (day, month) = (month, day);
        if (month is < 1 or > 12 || day < 1) return false;
        // 31-02-1980 does not exist: a mistyped date, not something to redact.
        var year = parts[0] > 31 ? parts[0] : parts[2];
        if (year < 100) year += year > 30 ? 1900 : 2000;
        return year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month);
    }

    private const string Month =
        "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
        + "|january|february|march|may|june|july|august|october"
        + "|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec";

    private const string BirthWords =
        @"geboren|geboortedatum|geboortedag|geb\.?\s?datum|geb|born|date\s+of\s+birth|birth\s?date|birthday|dob|d\.o\.b";

    // Filler that may stand between the birth word and the date: "geboren op de", "DOB of the customer is",
    // "geboren te Utrecht op".
    private const string Filler =
        @"op|de|den|het|is|was|van|klant|klantes?|cli[eë]nt|client|customer|caller|beller|mevrouw|meneer|mw|dhr|mr|mrs|ms"
        + @"|the|on|of|as|als|zijn|haar|his|her|their|datum|date|volgens|according\s+to|(?:te|in)\s+\p{Lu}\p{L}+"
        + @"|given|provided|stated|listed|recorded|opgegeven|gegeven|genoemd|gaf|gave|said|says|zei|zegt|noemde|antwoordde|answered|replied";

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
        + @"|\d{1,2}(?:e|ste|de|st|nd|rd|th)?(?:\s+of)?\s+(?:" + Month + @")\.?(?:,?\s+(?:19|20)\d{2})?"
        + @"|(?:" + Month + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{2})?)(?![\p{L}\p{N}]|[-/.]\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateCandidate();

    // Either filler words only, or a question about the date answered by the next speaker
    // ("kunt u uw geboortedatum noemen? Klant: 12 april 1977").
    [GeneratedRegex(@"\b(?:" + BirthWords + @")\b\.?(?:(?:[\s:,\-–()]*\b(?:" + Filler + @")\b)*"
        + @"|[^.!?\n\d]{0,40}\?\s*(?:klant|customer|caller|beller|cli[eë]nt|client)\s*:)[\s:,\-–(]*\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordBefore();

    [GeneratedRegex(@"\A[\s,(]*(?:(?:is|was|als|as)\s+(?:(?:de|het|haar|zijn|his|her|the)\s+)?)?(?:" + BirthWords + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordAfter();
}
