using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>Identifiers with a check digit: IBAN (mod-97), payment card (Luhn) and BSN (11-proef).</summary>
internal static partial class NumberDetectors
{
    /// <summary>
    /// Anchored on digit runs rather than a regex: an IBAN is the only thing here that starts with two letters
    /// directly followed by two digits, and scanning for that is far cheaper than trying a pattern at every letter.
    /// </summary>
    public static void FindIbans(string text, ReadOnlySpan<DigitCluster> clusters, ref HitList hits)
    {
        Span<char> compact = stackalloc char[34];
        foreach (var c in clusters)
        {
            // The check digits are the first digits of an IBAN and come straight after the two country letters.
            var s = c.Start;
            if (s < 2 || !char.IsAsciiLetter(text[s - 1]) || !char.IsAsciiLetter(text[s - 2])) continue;
            if (s > 2 && char.IsLetterOrDigit(text[s - 3])) continue;
            var end = AcceptIban(text, s - 2, compact);
            if (end > 0) hits.TryAdd(s - 2, end, PiiType.Iban);
        }
    }

    /// <summary>
    /// Takes exactly as many characters as the country's IBAN has, allowing single spaces between them, and
    /// requires that the token ends there ("NL91 ABNA 0417 1643 00 EUR" must not run into the next word).
    /// </summary>
    private static int AcceptIban(string text, int start, Span<char> compact)
    {
        var length = Checksums.IbanLength(text[start], text[start + 1]);
        if (length == 0) return -1;
        var n = 0;
        var i = start;
        while (i < text.Length && n < length)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c)) compact[n++] = char.ToUpperInvariant(c);
            else if (c != ' ' || n < 4 || i + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[i + 1])) break;
            i++;
        }
        if (n < length) return -1;
        if (i < text.Length && char.IsLetterOrDigit(text[i])) return -1;
        return Checksums.IsValidIban(compact[..n]) ? i : -1;
    }

    public static void FindCards(string text, ReadOnlySpan<DigitCluster> clusters, ref HitList hits)
    {
        Span<char> digits = stackalloc char[19];
        foreach (var cluster in clusters)
        {
            // Either one unbroken run of 13–19 digits or groups of at most seven.
            if (cluster.Digits < 13 || cluster.LongestGroup is > 7 and < 13 or > 19) continue;
            foreach (var m in CardCandidate().EnumerateMatches(text, cluster.Start))
            {
                if (m.Index >= cluster.End) break;
                TryCard(text, m.Index, m.Length, digits, ref hits);
            }
        }
    }

    private static void TryCard(string text, int index, int length, Span<char> digits, ref HitList hits)
    {
        var n = 0;
        foreach (var c in text.AsSpan(index, length))
        {
            if (char.IsAsciiDigit(c) && n < digits.Length) digits[n++] = c;
        }
        // Issuer prefixes start with 2–6 (Mastercard, Amex/Diners/JCB, Visa, Mastercard/Maestro, Discover/Maestro);
        // that keeps Luhn-valid EAN codes (871…) and account numbers out.
        if (n is < 13 or > 19 || digits[0] is < '2' or > '6' || !Checksums.PassesLuhn(digits[..n])) return;
        // A payment reference ("betalingskenmerk") or ticket number can pass Luhn too.
        if (NumberContext.IsAmountOrMeasure(text, index, index + length) || NumberContext.HasBusinessLabel(text, index)) return;
        hits.TryAdd(index, index + length, PiiType.Card);
    }

    public static void FindBsns(string text, ReadOnlySpan<DigitCluster> clusters, ref HitList hits)
    {
        Span<char> digits = stackalloc char[9];
        foreach (var cluster in clusters)
        {
            // Nine digits unbroken, or in groups of three or four separated by spaces or dots.
            if (cluster.LongestGroup != 9 && !(cluster.Digits >= 9 && cluster.LongestGroup <= 4 && cluster.SpaceOrDotSeparated)) continue;
            foreach (var m in BsnCandidate().EnumerateMatches(text, cluster.Start))
            {
                if (m.Index >= cluster.End) break;
                TryBsn(text, m.Index, m.Length, digits, ref hits);
            }
        }
    }

    private static void TryBsn(string text, int index, int length, Span<char> digits, ref HitList hits)
    {
        var n = 0;
        foreach (var c in text.AsSpan(index, length))
        {
            if (char.IsAsciiDigit(c)) digits[n++] = c;
        }
        if (!Checksums.PassesElevenTest(digits)) return;
        var end = index + length;
        if (NumberContext.IsAmountOrMeasure(text, index, end) || NumberContext.HasBusinessLabel(text, index)
            || NumberContext.FollowsIbanGroups(text, index)) return;
        hits.TryAdd(index, end, PiiType.Bsn);
    }

    // Unbroken, 4-4-4-4(-3) or 4-4-4-x with one consistent separator, or the Amex/Diners 4-6-5 / 4-6-4 grouping.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,\-/])(?:\d{4}([ \-])\d{4}\1\d{4}\1\d{4}\1\d{1,3}|\d{4}([ \-])\d{4}\2\d{4}\2\d{1,7}|\d{4}([ \-])\d{6}\3\d{4,5}|\d{13,19})(?![\p{L}\p{N}]|[.,\-/]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();

    // Nine digits, unbroken or grouped 3-3-3 / 4-2-3 with dots or spaces; not part of an amount like 1.234.567,89.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,\-+/])(?:\d{9}|\d{3}([ .])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3})(?![\p{L}\p{N}]|[.,\-/]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex BsnCandidate();
}
