using System.Globalization;

namespace Analytics.Api.Common;

/// <summary>
/// Keyset paging for lists ordered by id (= by time): `?limit=&amp;cursor=&amp;sort=id|-id`, the next page's cursor in the
/// `X-Next-Cursor` header and a `Link: …; rel="next"` header (the body stays a plain array). New rows never shift a page,
/// so following cursors while data arrives gives no gaps and no repeats. `Accept: text/csv` exports the whole list instead
/// of a page. A cursor remembers its direction (ascending ones start with `a`), so it cannot be followed in the other.
/// </summary>
internal sealed record Paging(int Limit, long? After, bool All, bool Descending)
{
    /// <summary>Reads limit, cursor and sort; a bad value is an error naming the parameter, never a silent clamp.</summary>
    public static Paging? Read(HttpContext http, int? limit, string? cursor, int defaultLimit, int maxLimit, Dictionary<string, string[]> errors,
        string? sort = null, bool newestFirst = true)
    {
        var size = limit ?? defaultLimit;
        if (size < 1 || size > maxLimit) errors["limit"] = [$"limit must be between 1 and {maxLimit}"];
        var descending = newestFirst;
        switch (sort)
        {
            case null: break;
            case "id": descending = false; break;
            case "-id": descending = true; break;
            default: errors["sort"] = ["sort by id (oldest first) or -id (newest first)"]; break;
        }
        long? after = null;
        if (cursor is not null)
        {
            var digits = descending ? cursor : cursor.StartsWith('a') ? cursor[1..] : "";
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) after = id;
            else errors["cursor"] = ["not a cursor from this listing and sort (take X-Next-Cursor from the previous page)"];
        }
        return errors.Count > 0 ? null : new Paging(size, after, CsvExport.Wanted(http.Request), descending);
    }

    /// <summary>The page's rows of a list keyed by id: after the cursor, in the asked direction.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, long>> id)
    {
        var after = After;
        var key = id.Body;
        var p = id.Parameters[0];
        if (after is not null)
        {
            var bound = System.Linq.Expressions.Expression.Constant(after.Value);
            var compare = Descending ? System.Linq.Expressions.Expression.LessThan(key, bound) : System.Linq.Expressions.Expression.GreaterThan(key, bound);
            rows = rows.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(compare, p));
        }
        return (Descending ? rows.OrderByDescending(id) : rows.OrderBy(id)).Take(Fetch);
    }

    /// <summary>How many rows to fetch: one more than a page tells whether there is a next one.</summary>
    public int Fetch => All ? int.MaxValue : Limit + 1;

    /// <summary>Trims the look-ahead row and announces the next page when there is one.</summary>
    public List<T> Page<T>(HttpContext http, List<T> rows, Func<T, long> id)
    {
        if (All || rows.Count <= Limit) return rows;
        rows.RemoveAt(rows.Count - 1);
        var next = (Descending ? "" : "a") + id(rows[^1]).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Next-Cursor"] = next;
        var query = http.Request.Query.Where(q => q.Key is not ("cursor" or "limit"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"limit={Limit}").Append($"cursor={next}");
        http.Response.Headers.Link = $"<{http.Request.Path}?{string.Join("&", query)}>; rel=\"next\"";
        return rows;
    }
}
