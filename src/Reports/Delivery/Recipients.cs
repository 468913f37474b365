using System.Globalization;
using System.Net.Mail;

namespace Analytics.Reports.Delivery;

/// <summary>
/// What a report definition may put in a mail: plain addresses in the allowed domains, and text without control
/// characters (a CR/LF in a name would become a header of the message it is the subject of).
/// </summary>
public static class Recipients
{
    public const int MaxRecipients = 50;

    /// <summary>Why <paramref name="address"/> may not receive reports, or null when it may.</summary>
    public static string? Problem(string? address, IReadOnlyCollection<string> allowedDomains)
    {
        if (string.IsNullOrWhiteSpace(address)) return "an empty address";
        var shown = Shown(address);
        if (HasControlCharacters(address) || address.Length > 254) return $"'{shown}' is not a plain e-mail address";
        // Address == input rejects display names ("Boss <a@b.nl>"), comments and lists that MailAddress would accept.
        if (!MailAddress.TryCreate(address, out var mail) || mail.DisplayName.Length > 0
            || !string.Equals(mail.Address, address, StringComparison.Ordinal))
            return $"'{shown}' is not a plain e-mail address";
        if (!allowedDomains.Contains(mail.Host, StringComparer.OrdinalIgnoreCase))
            return allowedDomains.Count == 0
                ? "e-mail delivery to addresses is not configured (Reports:AllowedRecipientDomains is empty)"
                : $"'{shown}' is outside the allowed domains ({string.Join(", ", allowedDomains)})";
        return null;
    }

    /// <summary>Control, line/paragraph separator and format characters (CR, LF, tab, NUL, bidi overrides).</summary>
    public static bool HasControlCharacters(string text) => text.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Format);

    /// <summary>The text with every control character replaced by a space: for rows saved before the checks.</summary>
    public static string OneLine(string text) =>
        HasControlCharacters(text)
            ? new string(text.Select(c => HasControlCharacters(c.ToString()) ? ' ' : c).ToArray())
            : text;

    private static string Shown(string s) => OneLine(s.Length <= 60 ? s : s[..60] + "…");
}
