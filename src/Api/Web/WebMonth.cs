using System.Globalization;
using Analytics.Time;

namespace Analytics.Api.Web;

/// <summary>
/// The month a page shows (?month=yyyy-MM), by default the last full one, as the API and the monthly reports default:
/// a month in progress is not a whole period (decision 020), and its counts would change from one day to the next.
/// </summary>
internal readonly record struct WebMonth(DateOnly First)
{
    public DateOnly Last => First.AddMonths(1).AddDays(-1);
    public Period Period => new(First, Last);
    public string From => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string To => Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string Value => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    public WebMonth Previous => new(First.AddMonths(-1));

    /// <summary>The <paramref name="months"/> whole months up to and including this one.</summary>
    public (string From, string To) Back(int months) =>
        (First.AddMonths(1 - months).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To);

    /// <summary>The month asked, the last full month when none was, or null (with the field's error) when it is no month.</summary>
    public static WebMonth? Parse(string? value, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            var last = Period.LastFullMonth(Amsterdam.Today()).From;
            return new WebMonth(last);
        }
        if (DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 2000 and <= 2100)
            return new WebMonth(d);
        errors["month"] = [$"'{(value.Length > 20 ? value[..20] + "…" : value)}' is not a month as yyyy-MM between 2000 and 2100"];
        return null;
    }
}
