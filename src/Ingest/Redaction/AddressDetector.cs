using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>
/// Dutch addresses, reported as <see cref="PiiType.Postcode"/>: a postcode ("1234 AB", "1234ab") together with its
/// house number and, when present, the street before it ("Kerkstraat 12, 1234 AB" → one span); a bare
/// upper-case postcode or one after a "postcode" label; and a street name with a house number ("Kerkstraat 12").
/// </summary>
/// <remarks>
/// Both searches first find a cheap anchor (the postcode digits, or a number after a word ending in a street
/// suffix) and only then run the full, expensive pattern over a small window around it.
/// </remarks>
internal static partial class AddressDetector
{
    private const int Window = 96;

    // Letter pairs that after four digits are far more often a unit or a company form than a postcode.
    private static readonly HashSet<string> NotPostcodeLetters = new(StringComparer.Ordinal)
    {
        "MB", "GB", "KB", "TB", "PB", "KW", "MW", "GW", "KM", "CM", "MM", "KG", "MG", "ML", "CL", "DL", "HL",
        "PK", "CC", "AM", "PM", "BV", "NV", "EU", "OK", "NL", "XL", "XS", "SA", "SD", "SS",
    };

    // Suffixes no English or everyday Dutch word ends in; a lower-case "kerkstraat 12" still counts.
    private static readonly string[] StrongSuffixes = ["straat", "laan", "plein", "gracht", "kade", "singel", "steeg", "dreef"];

    // Suffixes that also end ordinary words ("withdrawal 30", "supermarkt 2"): only in a capitalised name.
    private static readonly string[] WeakSuffixes = ["weg", "dijk", "hof", "park", "markt", "pad", "baan", "wal"];

    // Capitalised compounds that end like a street but are not one ("Onderweg 2 dagen").
    private static readonly string[] NotStreets =
        ["onderweg", "halfweg", "snelweg", "omweg", "uitweg", "zijweg", "rijbaan", "loopbaan", "supermarkt", "withdrawal", "renewal"];

    public static void FindPostcodes(string text, ref HitList hits)
    {
        foreach (var core in PostcodeCore().EnumerateMatches(text))
        {
            var pcStart = core.Index;
            var from = Math.Max(0, pcStart - Window);
            for (var m = PostcodeAddress().Match(text, from, text.Length - from); m.Success; m = m.NextMatch())
            {
                var pc = m.Groups["pc"];
                if (pc.Index < pcStart) continue;
                if (pc.Index > pcStart) break;
                var letters = text.AsSpan(pc.Index + pc.Length - 2, 2);
                if (letters is "SA" or "SD" or "SS" or "sa" or "sd" or "ss") break;
                var context = m.Groups["street"].Success || m.Groups["pre"].Success || m.Groups["hn"].Success
                              || PostcodeLabel().IsMatch(text.AsSpan(Math.Max(0, pc.Index - 24), Math.Min(24, pc.Index)));
                if (context || (char.IsAsciiLetterUpper(letters[0]) && char.IsAsciiLetterUpper(letters[1])
                                && !NotPostcodeLetters.Contains(letters.ToString())))
                {
                    hits.TryAdd(m.Index, m.Index + m.Length, PiiType.Postcode);
                }
                break;
            }
        }
    }

    public static void FindStreets(string text, ref HitList hits)
    {
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var d = span[i..].IndexOfAnyInRange('0', '9');
            if (d < 0) return;
            d += i;
            i = d + 1;
            while (i < span.Length && char.IsAsciiDigit(span[i])) i++;
            if (LooksLikeYear(span[d..i]) || !EndsInStreetWord(span[..d]) || hits.Overlaps(d, i)) continue;

            var from = Math.Max(0, d - Window);
            for (var m = StreetAddress().Match(text, from, text.Length - from); m.Success; m = m.NextMatch())
            {
                var num = m.Groups["num"];
                if (num.Index < d) continue;
                if (num.Index == d) hits.TryAdd(m.Index, m.Index + m.Length, PiiType.Postcode);
                break;
            }
        }
    }

    /// <summary>Is the text before a number "…&lt;word ending in a street suffix&gt; "?</summary>
    private static bool EndsInStreetWord(ReadOnlySpan<char> before)
    {
        var end = before.Length;
        if (end == 0 || !char.IsWhiteSpace(before[end - 1])) return false;
        while (end > 0 && char.IsWhiteSpace(before[end - 1])) end--;
        if (end > 0 && before[end - 1] == '.') end--;
        var start = end;
        while (start > 0 && char.IsLetter(before[start - 1])) start--;
        var word = before[start..end];
        if (word.Length < 5) return false;
        foreach (var not in NotStreets)
        {
            if (word.Equals(not, StringComparison.OrdinalIgnoreCase)) return false;
        }
        foreach (var suffix in StrongSuffixes)
        {
            if (word.Length >= suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal)) return true;
        }
        if (!char.IsUpper(word[0])) return false;
        foreach (var suffix in WeakSuffixes)
        {
            if (word.Length >= suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>A four-digit number from 1900 to 2099 after a street-like word is far more often a year.</summary>
    private static bool LooksLikeYear(ReadOnlySpan<char> number) =>
        number.Length == 4 && (number.StartsWith("19") || number.StartsWith("20"));

    private const string Suffix = "straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|hof|park|markt|pad|baan|wal";

    // Up to two capitalised words with Dutch name particles ("Burgemeester de Vlugtlaan", "Van Goghstraat").
    private const string NamePrefix = @"(?:\p{Lu}[\p{L}'’.\-]*\s+(?:(?:van|de|der|den|het|ten|ter|op|aan|'t)\s+){0,3}){0,2}";

    private const string HouseNumber = @"\d{1,5}(?:\s?[A-Za-z](?![\p{L}])|-\d{1,4}(?!\d)|\s?(?:hs|bis|huis)(?![\p{L}]))?";

    // A number that runs on into a date, time, amount or count is not a house number.
    private const string HouseNumberEnd = @"(?![\p{L}\p{N}\-]|[.,:/]\d)(?!\s*(?:keer|times|dagen|days|weken|weeks|maanden|months|jaar|years|uur|hours|minuten|minutes|euro|eur|€|kwh|%|x\b|stuks))";

    private const string NumberLabel = @"(?:huisnummer|huisnr|nummer|nr|house\s+number|number|no)";

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[1-9]\d{3} ?[A-Za-z]{2}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeCore();

    [GeneratedRegex(
        @"(?:(?:(?<street>" + NamePrefix + @"(?:\p{Lu}[\p{L}'’\-]+|[\p{L}'’\-]*(?:" + Suffix + @"))\.?\s+" + HouseNumber + @")"
        + @"|(?<=" + NumberLabel + @"\.?\s{0,2}:?\s{0,2})(?<pre>" + HouseNumber + @"))"
        + @"(?:,?\s+(?:en|and)\s+|,\s*|\s+)(?:(?:postcode|postal\s+code|zip\s+code|zip)\s*:?\s*)?)?"
        + @"(?<![\p{L}\p{N}])(?<pc>[1-9]\d{3} ?[A-Za-z]{2})(?![\p{L}\p{N}])"
        + @"(?:,?\s*(?:" + NumberLabel + @"\.?\s*:?\s*)?(?<![\p{N}])(?<hn>" + HouseNumber + @")" + HouseNumberEnd + @")?",
        RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeAddress();

    [GeneratedRegex(@"(?<![\p{L}])" + NamePrefix + @"[\p{L}'’\-]*\p{L}{2}(?:" + Suffix + @")\.?\s+(?<num>" + HouseNumber + @")" + HouseNumberEnd,
        RegexOptions.CultureInvariant)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"(?:postcode|postal\s+code|zip\s*code|zip|\bpc)\s*:?\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeLabel();
}
