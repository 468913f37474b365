using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>
/// Context around a bare number that says it is not personal data: an amount or a measurement, or a business
/// label such as "factuurnummer" right before it. Only consulted once a candidate already passed its shape check.
/// </summary>
internal static partial class NumberContext
{
    private const int LabelWindow = 48;

    /// <summary>A currency before the number, or a unit after it (euro, kWh, %, minuten …).</summary>
    public static bool IsAmountOrMeasure(string text, int start, int end)
    {
        var before = text.AsSpan(0, start);
        if (before.Length > 8) before = before[^8..];
        if (CurrencyBefore().IsMatch(before)) return true;
        var after = text.AsSpan(end);
        if (after.Length > 16) after = after[..16];
        return UnitAfter().IsMatch(after);
    }

    /// <summary>An invoice, order, contract, customer … label directly before <paramref name="start"/>.</summary>
    public static bool HasBusinessLabel(string text, int start)
    {
        var from = Math.Max(0, start - LabelWindow);
        return BusinessLabel().IsMatch(text.AsSpan(from, start - from));
    }

    /// <summary>
    /// Is <paramref name="start"/> inside a space-grouped code that began like an IBAN ("NL92 ABNA 0417 1643 00")?
    /// An IBAN with a wrong check digit is no IBAN, but its digit groups are no phone number either.
    /// </summary>
    public static bool FollowsIbanGroups(string text, int start)
    {
        var i = start;
        for (var groups = 0; groups < 8 && i >= 5 && text[i - 1] == ' '; groups++)
        {
            var group = text.AsSpan(i - 5, 4);
            if (i > 5 && char.IsLetterOrDigit(text[i - 6])) return false;
            if (char.IsAsciiLetter(group[0]) && char.IsAsciiLetter(group[1]) && char.IsAsciiDigit(group[2]) && char.IsAsciiDigit(group[3]))
                return true;
            if (group.ContainsAnyExcept(AlphaNumeric)) return false;
            i -= 5;
        }
        return false;
    }

    private static readonly System.Buffers.SearchValues<char> AlphaNumeric =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    [GeneratedRegex(@"(?:€|\$|£|\beur|\beuro|\busd|\bgbp)\s?\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyBefore();

    [GeneratedRegex(@"\A\s?(?:€|euro|eur|cent|kwh|kw|mwh|m3|m³|km|kg|gb|mb|%|procent|percent|minuten|minutes|min|uur|hours|sec|seconden|seconds|dagen|days|stuks|punten|points|keer|times)(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnitAfter();

    // Strong labels mark a number as a business identifier on their own ("factuur 123456782"); weak ones
    // ("klant", "account") only together with a number word, so "gebeld met klant 0612345678" is still a phone.
    [GeneratedRegex("""
        (?:\b(?:factuur|invoice|order|bestel|contract|referentie|reference|ref|kenmerk|dossier|zaak|case|ticket|track|tracking|zending|shipment|pakket|parcel|meter|ean|polis|policy|artikel|article|serie|serial|transactie|transaction|boeking|booking|machtiging|mandate|kvk|btw|vat|offerte|quote|storing|incident)\p{L}*
          |\b(?:klant|customer|relatie|lid|member|account|abonnement|subscription|aansluit|debiteur|debtor)\p{L}*?\s?-?\s?(?:nummer|nr|number|no|id|code)
        )\.?\s?-?\s?(?:nummer|nr|number|no|id|code)?\.?\s?(?:is|was)?\s?[:#]?\s*\z
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex BusinessLabel();
}
