using System.Globalization;

namespace Analytics.Api.Common;

/// <summary>
/// Keyset paging for lists ordered by id: `?limit=&amp;cursor=`, the next page's cursor in the `X-Next-Cursor` header and a
/// `Link: …; rel="next"` header (the body stays a plain array). New rows never shift a page, so following cursors while
/// data arrives gives no gaps and no repeats. `Accept: text/csv` exports the whole list instead of a page.
/// </summary>
internal sealed record Paging(int Limit, long? After, bool All)
{
    /// <summary>Reads limit and cursor; a bad value is an error naming the parameter, never a silent clamp.</summary>
    public static Paging? Read(HttpContext http, int? limit, string? cursor, int defaultLimit, int maxLimit, Dictionary<string, string[]> errors)
    {
        var size = limit ?? defaultLimit;
        if (size < 1 || size > maxLimit) errors["limit"] = [$"limit must be between 1 and {maxLimit}"];
        long? after = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) after = id;
            else errors["cursor"] = ["not a cursor from this listing (take X-Next-Cursor from the previous page)"];
        }
        return errors.Count > 0 ? null : new Paging(size, after, CsvExport.Wanted(http.Request));
    }

    /// <summary>How many rows to fetch: one more than a page tells whether there is a next one.</summary>
    public int Fetch => All ? int.MaxValue : Limit + 1;

    /// <summary>Trims the look-ahead row and announces the next page when there is one.</summary>
    public List<T> Page<T>(HttpContext http, List<T> rows, Func<T, long> id)
    {
        if (All || rows.Count <= Limit) return rows;
        rows.RemoveAt(rows.Count - 1);
        var next = id(rows[^1]).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Next-Cursor"] = next;
        var query = http.Request.Query.Where(q => q.Key is not ("cursor" or "limit"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"limit={Limit}").Append($"cursor={next}");
        http.Response.Headers.Link = $"<{http.Request.Path}?{string.Join("&", query)}>; rel=\"next\"";
        return rows;
    }
}
