using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Analytics.Api.Common;

/// <summary>
/// `Accept: text/csv` (or `?csv=`) on any endpoint that answers a list (or an object carrying one list, like a
/// metric's groups) returns that list as CSV with the JSON's field names, so an analyst can open any answer in Excel.
/// Scalar fields of each row become columns; a nested record (an interval, say) becomes prefixed columns. Numbers are
/// rounded as in the JSON (<see cref="NumberPolicy"/>). Endpoints that stream their own CSV (contacts) answer before
/// this filter sees a value.
/// </summary>
internal sealed class CsvResultFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Query.TryGetValue(CsvDialect.Parameter, out var asked) && CsvDialect.Named(asked) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [CsvDialect.Parameter] = [$"use one of {string.Join(", ", CsvDialect.All.Select(d => d.Name))}"],
            });
        var result = await next(context);
        if (!CsvExport.Wanted(http.Request)) return result;
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is not IValueHttpResult { Value: { } value }
            || inner is IStatusCodeHttpResult { StatusCode: not (null or 200) }) return result;
        if (ListOf(value.GetType()) is not { } list || list.Rows(value) is not { } rows) return result;
        var name = http.GetEndpoint()?.DisplayName is { } n ? FileName(n) : "export.csv";
        return new CsvList(list.Item, rows, name);
    }

    private static string FileName(string endpoint) =>
        new string([.. endpoint.Where(c => char.IsLetterOrDigit(c) || c == '-')]).ToLowerInvariant() + ".csv";

    /// <summary>The rows of an answer of a type: itself when a list, else its only list-valued property.</summary>
    internal static (Type Item, Func<object, IEnumerable?> Rows)? ListOf(Type type)
    {
        if (ItemType(type) is { } t) return (t, v => (IEnumerable)v);
        var lists = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Item: ItemType(p.PropertyType))).Where(p => p.Item is not null).ToList();
        return lists is [var only] ? (only.Item!, v => only.Property.GetValue(v) as IEnumerable) : null;
    }

    private static Type? ItemType(Type type) => type == typeof(string) ? null
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0] is { } item && !IsScalar(item) ? item : null;

    private static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
               || t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid);
    }

    private static PropertyInfo[] Readable(Type t) => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0)];

    /// <summary>
    /// Columns of a row type: scalar properties, and one level of nested records' (and structs', such as an
    /// estimate with its interval) scalar properties; each value as the JSON writes it.
    /// </summary>
    private static List<(string Name, Func<object, object?> Get)> Columns(Type item)
    {
        var columns = new List<(string, Func<object, object?>)>();
        foreach (var p in Readable(item))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (IsScalar(type)) columns.Add((name, Rounded(item, name, p, o => o)));
            else if (ItemType(type) is null)
                foreach (var q in Readable(type).Where(q => IsScalar(q.PropertyType)))
                {
                    var inner = JsonNamingPolicy.CamelCase.ConvertName(q.Name);
                    columns.Add(($"{name}_{inner}", Rounded(type, inner, q, p.GetValue)));
                }
        }
        return columns;
    }

    /// <summary>Reads a property of what <paramref name="owner"/> picks from a row, rounded as the JSON is.</summary>
    private static Func<object, object?> Rounded(Type declaring, string name, PropertyInfo property,
        Func<object, object?> owner)
    {
        var round = NumberPolicy.For(declaring, name, property.PropertyType) ?? (v => v);
        return row => owner(row) is { } o ? round(property.GetValue(o)) : null;
    }

    private sealed class CsvList(Type item, IEnumerable rows, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var columns = Columns(item);
            return CsvExport.WriteAsync(http.Response, fileName, [.. columns.Select(c => c.Name)], Rows(columns),
                http.RequestAborted);
        }

        private async IAsyncEnumerable<object?[]> Rows(List<(string Name, Func<object, object?> Get)> columns)
        {
            foreach (var row in rows)
                if (row is not null) yield return [.. columns.Select(c => c.Get(row))];
            await Task.CompletedTask;
        }
    }
}
