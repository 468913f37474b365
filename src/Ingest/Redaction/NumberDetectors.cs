using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>Identifiers with a check digit: IBAN (mod-97), payment card (Luhn) and BSN (11-proef).</summary>
internal static partial class NumberDetectors
{
    public static void FindIbans(string text, ref HitList hits)
    {
        Span<char> compact = stackalloc char[34];
        var pos = 0;
        while (pos < text.Length)
        {
            var found = false;
            foreach (var m in IbanCandidate().EnumerateMatches(text, pos))
            {
                found = true;
                var end = AcceptIban(text, m.Index, m.Index + m.Length, compact);
                pos = end > 0 && hits.TryAdd(m.Index, end, PiiType.Iban) ? end : m.Index + 1;
                break;
            }
            if (!found) break;
        }
    }

    /// <summary>
    /// The candidate is greedy ("NL91 ABNA 0417 1643 00 EUR" runs into the next word), so take exactly as many
    /// characters as the country's IBAN has and require that the token ends there.
    /// </summary>
    private static int AcceptIban(string text, int start, int end, Span<char> compact)
    {
        var length = Checksums.IbanLength(text[start], text[start + 1]);
        if (length == 0) return -1;
        var n = 0;
        var i = start;
        for (; i < end && n < length; i++)
        {
            if (text[i] != ' ') compact[n++] = char.ToUpperInvariant(text[i]);
        }
        if (n < length) return -1;
        if (i < text.Length && char.IsLetterOrDigit(text[i])) return -1;
        return Checksums.IsValidIban(compact[..n]) ? i : -1;
    }

    public static void FindCards(string text, ref HitList hits)
    {
        Span<char> digits = stackalloc char[19];
        foreach (var m in CardCandidate().EnumerateMatches(text))
        {
            var n = 0;
            foreach (var c in text.AsSpan(m.Index, m.Length))
            {
                if (char.IsAsciiDigit(c) && n < digits.Length) digits[n++] = c;
            }
            // Issuer prefixes start with 2–6 (Mastercard, Amex/Diners/JCB, Visa, Mastercard/Maestro, Discover/Maestro);
            // that keeps Luhn-valid EAN codes (871…) and account numbers out.
            if (n is < 13 or > 19 || digits[0] is < '2' or > '6' || !Checksums.PassesLuhn(digits[..n])) continue;
            // A payment reference ("betalingskenmerk") or ticket number can pass Luhn too.
            if (NumberContext.IsAmountOrMeasure(text, m.Index, m.Index + m.Length) || NumberContext.HasBusinessLabel(text, m.Index)) continue;
            hits.TryAdd(m.Index, m.Index + m.Length, PiiType.Card);
        }
    }

    public static void FindBsns(string text, ref HitList hits)
    {
        Span<char> digits = stackalloc char[9];
        foreach (var m in BsnCandidate().EnumerateMatches(text))
        {
            var n = 0;
            foreach (var c in text.AsSpan(m.Index, m.Length))
            {
                if (char.IsAsciiDigit(c)) digits[n++] = c;
            }
            if (!Checksums.PassesElevenTest(digits)) continue;
            var end = m.Index + m.Length;
            if (NumberContext.IsAmountOrMeasure(text, m.Index, end) || NumberContext.HasBusinessLabel(text, m.Index)) continue;
            hits.TryAdd(m.Index, end, PiiType.Bsn);
        }
    }

    // Country code, check digits, then 11–30 characters with optional single spaces (groups of four, usually).
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}", RegexOptions.CultureInvariant)]
    private static partial Regex IbanCandidate();

    // Unbroken, 4-4-4-4(-3) or 4-4-4-x with one consistent separator, or the Amex/Diners 4-6-5 / 4-6-4 grouping.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,\-/])(?:\d{4}([ \-])\d{4}\1\d{4}\1\d{4}\1\d{1,3}|\d{4}([ \-])\d{4}\2\d{4}\2\d{1,7}|\d{4}([ \-])\d{6}\3\d{4,5}|\d{13,19})(?![\p{L}\p{N}]|[.,\-/]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();

    // Nine digits, unbroken or grouped 3-3-3 / 4-2-3 with dots or spaces; not part of an amount like 1.234.567,89.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,\-+/])(?:\d{9}|\d{3}([ .])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3})(?![\p{L}\p{N}]|[.,\-/]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex BsnCandidate();
}
