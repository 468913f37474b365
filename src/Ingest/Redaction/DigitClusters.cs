namespace Analytics.Ingest.Redaction;

/// <summary>
/// A run of digit groups joined by short phone-style separators ("06-123 456 78", "12-03-2026", "4111 1111 …").
/// Every number-based detector needs one of these, so one pass finds them and each detector looks only at the
/// clusters that could hold its kind of number instead of scanning the whole text again.
/// </summary>
internal readonly record struct DigitCluster(int Start, int End, int Digits, int LongestGroup, bool HasZeroGroup, bool SpaceOrDotSeparated)
{
    /// <summary>Exactly "d(d)-d(d)-dddd" or "d(d)/d(d)/yy" with one separator: a date, never a phone number.</summary>
    public bool IsPlainDate(ReadOnlySpan<char> text)
    {
        var s = text[Start..End];
        var first = s.IndexOfAny('-', '/', '.');
        if (first is < 1 or > 2) return false;
        var second = s[(first + 1)..].IndexOf(s[first]);
        if (second is < 1 or > 2) return false;
        var year = s[(first + second + 2)..];
        return year.Length is 2 or 4 && !year.ContainsAnyExceptInRange('0', '9');
    }
}

internal static class DigitClusters
{
    public const int StackLimit = 32;

    /// <summary>
    /// Fills <paramref name="into"/> with the clusters of <paramref name="text"/>; returns how many there are, which
    /// may exceed the span's length (the caller then retries with a bigger buffer).
    /// </summary>
    public static int Scan(ReadOnlySpan<char> text, Span<DigitCluster> into)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var d = text[i..].IndexOfAnyInRange('0', '9');
            if (d < 0) break;
            var start = i + d;
            var j = start;
            var digits = 0;
            var zeroGroup = false;
            var spaceOrDot = false;
            var longest = 0;
            var lastDigitEnd = start;
            while (true)
            {
                zeroGroup |= text[j] == '0';
                var groupStart = j;
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                    digits++;
                }
                longest = Math.Max(longest, j - groupStart);
                lastDigitEnd = j;
                var k = j;
                while (k < text.Length && k - j < 3 && text[k] is ' ' or '-' or '.' or '/' or '(' or ')') k++;
                if (k == j || k >= text.Length || !char.IsAsciiDigit(text[k])) break;
                spaceOrDot |= text[j..k].ContainsAny(' ', '.');
                j = k;
            }
            if (count < into.Length) into[count] = new DigitCluster(start, lastDigitEnd, digits, longest, zeroGroup, spaceOrDot);
            count++;
            i = lastDigitEnd;
        }
        return count;
    }
}
