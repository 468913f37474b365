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

    // Two-letter words that follow a year far more often than a lower-case postcode pair does.
    private static readonly HashSet<string> CommonPairs = new(StringComparer.Ordinal)
    {
        "en", "of", "om", "op", "in", "is", "at", "on", "to", "te", "de", "na", "nu", "al", "ja", "an", "as", "be",
        "by", "do", "go", "he", "if", "it", "me", "my", "no", "or", "so", "up", "us", "we", "tm", "ca", "ik", "je",
        "ze", "er", "zo", "uw", "pp",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonPairsLookup =
        CommonPairs.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotPostcodeLettersLookup =
        NotPostcodeLetters.GetAlternateLookup<ReadOnlySpan<char>>();

    // Suffixes no English or everyday Dutch word ends in; a lower-case "kerkstraat 12" still counts.
    private static readonly string[] StrongSuffixes = ["straat", "laan", "plein", "gracht", "kade", "singel", "steeg", "dreef"];

    // Suffixes that also end ordinary words ("withdrawal 30", "supermarkt 2"): only in a capitalised name.
    private static readonly string[] WeakSuffixes = ["weg", "dijk", "hof", "park", "markt", "pad", "baan", "wal"];

    // Capitalised compounds that end like a street but are not one ("Onderweg 2 dagen").
    private static readonly string[] NotStreets =
        ["onderweg", "halfweg", "snelweg", "omweg", "uitweg", "zijweg", "rijbaan", "loopbaan", "supermarkt", "withdrawal", "renewal"];

    public static void FindPostcodes(string text, ReadOnlySpan<DigitCluster> clusters, ref HitList hits)
    {
        foreach (var cluster in clusters)
        {
            var pcStart = cluster.End - 4;
            var pcEnd = PostcodeEnd(text, cluster.Start, pcStart);
            if (pcEnd < 0) continue;
            // "2025 om 10 uur", "tussen 2019 en 2021": a lower-case pair needs a number or label close by and must
            // not be a common short word; checked before the expensive address pattern runs.
            var pair = text.AsSpan(pcEnd - 2, 2);
            // SA, SD and SS are never issued as postcode letters.
            if ((pair[0] | 0x20) == 's' && (pair[1] | 0x20) is 'a' or 'd' or 's') continue;
            if (!(char.IsAsciiLetterUpper(pair[0]) && char.IsAsciiLetterUpper(pair[1]))
                && (IsShortWord(pair) || !HasNumberOrLabelNearby(text, pcStart, pcEnd)))
            {
                continue;
            }
            // Only the match's extent is needed: it starts before the postcode when a street or house number
            // precedes it and ends after it when a house number follows. ValueMatch keeps this path allocation-free.
            foreach (var m in PostcodeAddress().EnumerateMatches(text, Math.Max(0, pcStart - Window)))
            {
                var end = m.Index + m.Length;
                if (end < pcEnd) continue;
                if (m.Index > pcStart) break;
                var letters = text.AsSpan(pcEnd - 2, 2);
                var context = m.Index < pcStart || end > pcEnd
                              || PostcodeLabel().IsMatch(text.AsSpan(Math.Max(0, pcStart - 24), Math.Min(24, pcStart)));
                if (context || (char.IsAsciiLetterUpper(letters[0]) && char.IsAsciiLetterUpper(letters[1])
                                && !NotPostcodeLettersLookup.Contains(letters)))
                {
                    hits.TryAdd(m.Index, end, PiiType.Postcode);
                }
                break;
            }
        }
    }

    /// <summary>
    /// Where the postcode whose four digits end a digit cluster at <paramref name="pcStart"/>+4 ends ("1234 AB",
    /// "1234ab"), or -1. The digits of a postcode are always the last group of their cluster.
    /// </summary>
    private static int PostcodeEnd(string text, int clusterStart, int pcStart)
    {
        if (pcStart < clusterStart || text[pcStart] == '0') return -1;
        if (pcStart > 0 && char.IsLetterOrDigit(text[pcStart - 1])) return -1;
        for (var i = pcStart; i < pcStart + 4; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return -1;
        }
        var j = pcStart + 4;
        if (j < text.Length && text[j] == ' ') j++;
        if (j + 2 > text.Length || !char.IsAsciiLetter(text[j]) || !char.IsAsciiLetter(text[j + 1])) return -1;
        var end = j + 2;
        if (end < text.Length && char.IsLetterOrDigit(text[end])) return -1;
        // "2026 AB-test" is a year and a compound word.
        return end + 1 < text.Length && text[end] == '-' && char.IsLetter(text[end + 1]) ? -1 : end;
    }

    private static bool IsShortWord(ReadOnlySpan<char> pair)
    {
        Span<char> lower = stackalloc char[2];
        pair.ToLowerInvariant(lower);
        return CommonPairsLookup.Contains(lower);
    }

    private static bool HasNumberOrLabelNearby(string text, int start, int end)
    {
        var before = text.AsSpan(Math.Max(0, start - 16), Math.Min(16, start));
        var after = text.AsSpan(end, Math.Min(16, text.Length - end));
        return after.IndexOfAnyInRange('0', '9') >= 0 || before.IndexOfAnyInRange('0', '9') >= 0
               || PostcodeLabel().IsMatch(text.AsSpan(Math.Max(0, start - 24), Math.Min(24, start)));
    }

    public static void FindStreets(string text, ReadOnlySpan<DigitCluster> clusters, ref HitList hits)
    {
        var span = text.AsSpan();
        foreach (var cluster in clusters)
        {
            // A house number starts its cluster: the street name before it ends in a letter.
            var d = cluster.Start;
            var i = d;
            while (i < span.Length && char.IsAsciiDigit(span[i])) i++;
            if (LooksLikeYear(span[d..i]) || !EndsInStreetWord(span[..d]) || hits.Overlaps(d, i)) continue;

            foreach (var m in StreetAddress().EnumerateMatches(text, Math.Max(0, d - Window)))
            {
                if (m.Index + m.Length <= d) continue;
                // The match that ends after this number starts at its street; one that starts later is another.
                if (m.Index < d) hits.TryAdd(m.Index, m.Index + m.Length, PiiType.Postcode);
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
        if (word.Length < 5 || !EndsInSuffix(word)) return false;
        foreach (var not in NotStreets)
        {
            if (word.Equals(not, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    private static bool EndsInSuffix(ReadOnlySpan<char> word)
    {
        // Every suffix ends in one of these letters; most words before a number ("op", "van", "om") do not.
        if (word[^1] is not ('t' or 'n' or 'e' or 'l' or 'g' or 'f' or 'k' or 'd')) return false;
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

    private const string NumberLabel = @"(?i:huisnummer|huisnr|nummer|nr|house\s+number|number|no)";

    // "Huisnummer 23B, postcode …": a number label is not a street name.
    private const string NotLabel = @"(?!(?i:huisnummer|huisnr|nummer|nr|house|number|no)\b)";

    [GeneratedRegex(
        @"(?:(?:(?<street>" + NamePrefix + NotLabel + @"(?:\p{Lu}[\p{L}'’\-]+|[\p{L}'’\-]*(?:" + Suffix + @"))\.?\s+" + HouseNumber + @")"
        + @"|(?<=" + NumberLabel + @"\.?\s{0,2}:?\s{0,2})(?<pre>" + HouseNumber + @"))"
        + @"(?:,?\s+(?:en|and)\s+|,\s*|\s+)(?:(?:postcode|postal\s+code|zip\s+code|zip)\s*:?\s*)?)?"
        + @"(?<![\p{L}\p{N}])(?<pc>[1-9]\d{3} ?[A-Za-z]{2})(?![\p{L}\p{N}])"
        + @"(?:,?\s*(?:(?:(?:en|and)\s+)?" + NumberLabel + @"\.?\s*:?\s*)?(?<![\p{N}])(?<hn>" + HouseNumber + @")" + HouseNumberEnd + @")?",
        RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeAddress();

    [GeneratedRegex(@"(?<![\p{L}])" + NamePrefix + @"[\p{L}'’\-]*\p{L}{2}(?:" + Suffix + @")\.?\s+(?<num>" + HouseNumber + @")" + HouseNumberEnd,
        RegexOptions.CultureInvariant)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"(?:postcode|postal\s+code|zip\s*code|zip|\bpc)\s*:?\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeLabel();
}
