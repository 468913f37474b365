using System.Globalization;
using System.Text;

namespace Analytics.Classification;

/// <summary>
/// Turns raw Dutch or English text into the token stream the classifiers see: lower case, diacritics folded
/// (café → cafe, ë → e, ĳ → ij), every run of digits one <see cref="NumberToken"/>, redaction placeholders
/// such as [IBAN] kept as single tokens, and everything else that is not a letter turned into a space.
/// </summary>
/// <remarks>
/// Done in C# before ML.NET sees the text (not as a custom transform in the pipeline), so model.zip stays
/// loadable without registering custom mappings, and the same function feeds the training-data hash.
/// Apostrophes inside words are dropped rather than split on ("auto's" → "autos", "don't" → "dont"), so a
/// Dutch plural and an English contraction stay one token.
/// </remarks>
public static class TextNormaliser
{
    /// <summary>The token that replaces a number: amounts and dates say "a number was here", not which.</summary>
    public const string NumberToken = "[num]";

    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        // Compatibility decomposition splits accents off letters and expands ligatures (ĳ, ﬁ) and full-width forms.
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length + 8);
        var lastWasSpace = true;
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (c == '[' && TryReadPlaceholder(decomposed, i, out var name, out var end))
            {
                AppendToken(sb, ref lastWasSpace, "[" + name + "]");
                i = end;
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (char.IsDigit(c))
            {
                while (i + 1 < decomposed.Length && (char.IsDigit(decomposed[i + 1]) || IsDigitGlue(decomposed, i + 1)))
                    i++;
                AppendToken(sb, ref lastWasSpace, NumberToken);
                continue;
            }
            if (char.IsLetter(c))
            {
                sb.Append(FoldLetter(char.ToLowerInvariant(c)));
                lastWasSpace = false;
                continue;
            }
            if (IsApostrophe(c) && !lastWasSpace && i + 1 < decomposed.Length && char.IsLetter(decomposed[i + 1]))
                continue;
            if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
            }
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();
    }

    // "1.250,00" and "12:30" are one number, not three.
    private static bool IsDigitGlue(string s, int i) =>
        s[i] is '.' or ',' or ':' && i + 1 < s.Length && char.IsDigit(s[i + 1]);

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`';

    // Letters that have no decomposition but a common ASCII spelling.
    private static string FoldLetter(char c) => c switch
    {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' => "d",
        'ł' => "l",
        'ı' => "i",
        _ => c.ToString(),
    };

    private static void AppendToken(StringBuilder sb, ref bool lastWasSpace, string token)
    {
        if (!lastWasSpace) sb.Append(' ');
        sb.Append(token).Append(' ');
        lastWasSpace = true;
    }

    /// <summary>A placeholder is [NAME] with 2–20 upper-case ASCII letters, digits or underscores, as the redactor writes them.</summary>
    private static bool TryReadPlaceholder(string s, int start, out string name, out int end)
    {
        name = string.Empty;
        end = start;
        var j = start + 1;
        while (j < s.Length && j - start <= 21 && (s[j] is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_')) j++;
        if (j >= s.Length || s[j] != ']' || j - start - 1 < 2 || !char.IsLetter(s[start + 1])) return false;
        name = s[(start + 1)..j].ToLowerInvariant();
        end = j;
        return true;
    }
}
