using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>E-mail addresses and telephone numbers (Dutch national, Dutch service numbers, international).</summary>
internal static partial class ContactDetectors
{
    private const int MaxTokens = 16;

    public static void FindEmails(string text, ref HitList hits)
    {
        foreach (var m in Email().EnumerateMatches(text))
        {
            hits.TryAdd(m.Index, m.Index + m.Length, PiiType.Email);
        }
    }

    public static void FindPhones(string text, ReadOnlySpan<DigitCluster> clusters, ref HitList hits)
    {
        foreach (var c in clusters)
        {
            // Every phone number has eight digits or more and starts with a 0 or after a '+' or '('.
            if (c.Digits < 8 || !(c.HasZeroGroup || PlusOrParenthesisBefore(text, c.Start)) || c.IsPlainDate(text)) continue;
            var pos = Math.Max(0, c.Start - 2);
            while (pos < c.End)
            {
                var found = false;
                foreach (var m in PhoneCandidate().EnumerateMatches(text, pos))
                {
                    if (m.Index >= c.End) break;
                    found = true;
                    var end = AcceptPhone(text, m.Index, m.Index + m.Length);
                    // Re-scan right after an accepted number: the greedy candidate may have swallowed a second one.
                    pos = end > 0 && hits.TryAdd(m.Index, end, PiiType.Phone) ? end : m.Index + 1;
                    break;
                }
                if (!found) break;
            }
        }
    }

    private static bool PlusOrParenthesisBefore(string text, int start) =>
        (start >= 1 && text[start - 1] is '+' or '(') || (start >= 2 && text[start - 1] == ' ' && text[start - 2] == '+');

    /// <summary>Returns where the phone number starting at <paramref name="start"/> ends, or -1 if it is none.</summary>
    internal static int AcceptPhone(string text, int start, int end)
    {
        Span<int> tokStart = stackalloc int[MaxTokens];
        Span<int> tokEnd = stackalloc int[MaxTokens];
        var n = Tokenize(text, start, end, tokStart, tokEnd);
        if (n == 0) return -1;

        var international = text[start] == '+' || (text[start] == '(' && text[start + 1] == '+');
        var first = text.AsSpan(tokStart[0], tokEnd[0] - tokStart[0]);
        var viaZeroZero = !international && first.StartsWith("00");
        if (!international && !viaZeroZero && LooksLikeDate(text, n, tokStart, tokEnd)) return -1;

        Span<char> digits = stackalloc char[64];
        for (var k = n; k >= 1; k--)
        {
            var count = 0;
            for (var t = 0; t < k; t++)
            {
                if (IsTrunkZero(text, t, tokStart, tokEnd)) continue;
                var tok = text.AsSpan(tokStart[t], tokEnd[t] - tokStart[t]);
                if (count + tok.Length > digits.Length) return -1;
                tok.CopyTo(digits[count..]);
                count += tok.Length;
            }
            var number = digits[..count];
            var valid = international ? IsInternational(number)
                : viaZeroZero ? number.Length > 3 && number[2] != '0' && IsInternational(number[2..])
                : IsNational(number, tokEnd[0] - tokStart[0], text, tokStart, tokEnd, k);
            if (!valid) continue;

            var stop = CloseParenthesis(text, start, tokEnd[k - 1]);
            if (!EndsCleanly(text, stop) || NumberContext.IsAmountOrMeasure(text, start, stop)) continue;
            if (!international && (NumberContext.HasBusinessLabel(text, start) || NumberContext.FollowsIbanGroups(text, start))) return -1;
            return stop;
        }
        return -1;
    }

    /// <summary>Splits the candidate into digit groups, stopping at a separator that is too loose for a phone number.</summary>
    private static int Tokenize(string text, int start, int end, Span<int> tokStart, Span<int> tokEnd)
    {
        var i = start;
        while (i < end && !char.IsAsciiDigit(text[i])) i++;
        var n = 0;
        while (i < end && n < tokStart.Length)
        {
            var s = i;
            while (i < end && char.IsAsciiDigit(text[i])) i++;
            tokStart[n] = s;
            tokEnd[n++] = i;
            var punctuation = 0;
            var width = 0;
            while (i < end && !char.IsAsciiDigit(text[i]))
            {
                var c = text[i++];
                if (c is '-' or '.' or '/') punctuation++;
                if (c is not '(' and not ')') width++;
            }
            if (punctuation > 1 || width > 3) break;
        }
        return n;
    }

    // "+31 (0)6 …": the bracketed trunk zero is not dialled from abroad, so it does not count.
    private static bool IsTrunkZero(string text, int t, ReadOnlySpan<int> tokStart, ReadOnlySpan<int> tokEnd) =>
        t > 0 && tokEnd[t] - tokStart[t] == 1 && text[tokStart[t]] == '0'
        && text[tokStart[t] - 1] == '(' && tokEnd[t] < text.Length && text[tokEnd[t]] == ')';

    private static bool IsInternational(ReadOnlySpan<char> d)
    {
        if (d.Length == 0 || d[0] == '0') return false;
        if (d.StartsWith("31")) return d.Length == 11;
        if (d.StartsWith("32")) return d.Length is 10 or 11;
        if (d.StartsWith("44")) return d.Length is 11 or 12;
        if (d[0] == '1') return d.Length == 11;
        return d.Length is >= 9 and <= 15;
    }

    private static bool IsNational(ReadOnlySpan<char> d, int firstGroup, string text, ReadOnlySpan<int> tokStart, ReadOnlySpan<int> tokEnd, int k)
    {
        if (d.Length < 8 || d[0] != '0' || d[1] == '0') return false;
        var service = d.StartsWith("0800") || d.StartsWith("0900") || d.StartsWith("0906") || d.StartsWith("0909");
        switch (d.Length)
        {
            case 10:
                // A two-digit first group is only ever the mobile prefix "06".
                return firstGroup >= 3 || (firstGroup == 2 && d[1] == '6');
            case 11:
                if (service) return firstGroup is 4 or 11;
                // Eleven digits with a leading zero is a UK national number ("020 7946 0958", "07700 900123").
                for (var t = 0; t < k; t++)
                {
                    if (tokEnd[t] - tokStart[t] < 3) return false;
                }
                return firstGroup >= 3;
            case 8:
                // "0800-1234"; "0900-1700" is opening hours, not a number.
                return service && firstGroup is 4 or 8 && !IsClockTime(text.AsSpan(tokStart[k - 1], tokEnd[k - 1] - tokStart[k - 1]));
            default:
                return false;
        }
    }

    private static bool IsClockTime(ReadOnlySpan<char> group) =>
        group.Length == 4 && int.TryParse(group[..2], out var h) && h < 24 && group[2..] is "00" or "15" or "30" or "45";

    /// <summary>"06-03-2026 10" is a date and a time, not a mobile number.</summary>
    private static bool LooksLikeDate(string text, int n, ReadOnlySpan<int> tokStart, ReadOnlySpan<int> tokEnd)
    {
        if (n < 3) return false;
        int len0 = tokEnd[0] - tokStart[0], len1 = tokEnd[1] - tokStart[1], len2 = tokEnd[2] - tokStart[2];
        if (len0 > 2 || len1 > 2 || !(len2 == 4 || (len2 == 2 && n == 3))) return false;
        if (tokStart[1] - tokEnd[0] != 1 || tokStart[2] - tokEnd[1] != 1) return false;
        var sep = text[tokEnd[0]];
        if (sep is not ('-' or '/' or '.') || text[tokEnd[1]] != sep) return false;
        var day = int.Parse(text.AsSpan(tokStart[0], len0));
        var month = int.Parse(text.AsSpan(tokStart[1], len1));
        return day is >= 1 and <= 31 && month is >= 1 and <= 12;
    }

    private static int CloseParenthesis(string text, int start, int end)
    {
        var open = 0;
        for (var i = start; i < end; i++)
        {
            if (text[i] == '(') open++;
            else if (text[i] == ')') open--;
        }
        return open > 0 && end < text.Length && text[end] == ')' ? end + 1 : end;
    }

    private static bool EndsCleanly(string text, int end)
    {
        if (end >= text.Length) return true;
        var c = text[end];
        if (char.IsLetterOrDigit(c) || c is '@' or '_') return false;
        // "06-12345678:30" or "0612345678,50" continue as a time or an amount.
        return !(c is ':' or ',' or '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]));
    }

    // An apostrophe is legal inside the local part (o'connor@…) but not at its edges, where it is a quote.
    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+(?:'[\p{L}\p{N}._%+\-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.\p{L}{2,24}(?![\p{L}\p{N}\-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // A loose shape only: a leading '+', '(' or '0', then digits and phone punctuation; AcceptPhone decides.
    [GeneratedRegex(@"(?<![\p{L}\p{N}@+.,\-_])(?:\+ ?|\(\+?|\(?0)\d[\d ()./\-]{5,25}", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCandidate();
}
