using System.Globalization;
using System.Text;

namespace Analytics.Api.Contacts;

/// <summary>
/// The search's keyset cursor: the sort it was made for, the last row's sort value and id, base64url-encoded. A
/// cursor is opaque to callers, so decoding accepts only what <see cref="Encode"/> produces — a timestamp within the
/// years the API takes, an int, a positive id — and anything else is null, never an exception from deeper down.
/// </summary>
internal sealed record ContactCursor(string Sort, object After, long Id)
{
    public static ContactCursor From(string sort, ContactRow last) => new(sort, sort.TrimStart('-') switch
    {
        "started" => last.StartedUtc,
        "wait" => last.WaitSeconds,
        _ => (object)last.TalkSeconds,
    }, last.Id);

    public string Encode()
    {
        var value = After is DateTime t
            ? t.ToString("O", CultureInfo.InvariantCulture)
            : ((int)After).ToString(CultureInfo.InvariantCulture);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Sort}|{value}|{Id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor when it is one this listing made for <paramref name="sort"/>; otherwise null.</summary>
    public static ContactCursor? Decode(string text, string sort)
    {
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            if (parts.Length != 3 || parts[0] != sort) return null;
            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                return null;
            object? after = sort.TrimStart('-') == "started" ? Timestamp(parts[1]) : Seconds(parts[1]);
            return after is null ? null : new ContactCursor(sort, after, id);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static object? Timestamp(string s) =>
        DateTime.TryParseExact(s, "O", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
        && t.Year is >= 2000 and <= 2100
            ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;

    private static object? Seconds(string s) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
}
