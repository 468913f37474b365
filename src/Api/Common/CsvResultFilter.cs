using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Analytics.Api.Common;

/// <summary>
/// `Accept: text/csv` on any endpoint that answers a list (or an object carrying one list, like a metric's groups)
/// returns that list as CSV with the JSON's field names, so an analyst can open any answer in Excel. Scalar fields of
/// each row become columns; a nested record (an interval, say) becomes prefixed columns. Endpoints that stream their
/// own CSV (contacts) answer before this filter sees a value.
/// </summary>
internal sealed class CsvResultFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!CsvExport.Wanted(http.Request)) return result;
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is not IValueHttpResult { Value: { } value } || inner is IStatusCodeHttpResult { StatusCode: not (null or 200) }) return result;
        if (ListOf(value) is not { } list) return result;
        return new CsvList(list, http.GetEndpoint()?.DisplayName is { } n ? FileName(n) : "export.csv");
    }

    private static string FileName(string endpoint) =>
        new string([.. endpoint.Where(c => char.IsLetterOrDigit(c) || c == '-')]).ToLowerInvariant() + ".csv";

    /// <summary>The value itself when it is a list, else its only list-valued property.</summary>
    private static (Type Item, IEnumerable Rows)? ListOf(object value)
    {
        if (ItemType(value.GetType()) is { } t) return (t, (IEnumerable)value);
        var lists = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Item: ItemType(p.PropertyType))).Where(p => p.Item is not null).ToList();
        return lists is [var only] && only.Property.GetValue(value) is IEnumerable rows ? (only.Item!, rows) : null;
    }

    private static Type? ItemType(Type type) => type == typeof(string) ? null
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0] is { } item && !IsScalar(item) ? item : null;

    private static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateOnly)
               || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid);
    }

    /// <summary>Columns of a row type: scalar properties, and one level of nested records' scalar properties.</summary>
    private static List<(string Name, Func<object, object?> Get)> Columns(Type item)
    {
        var columns = new List<(string, Func<object, object?>)>();
        foreach (var p in item.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            if (IsScalar(p.PropertyType)) columns.Add((name, p.GetValue));
            else if (ItemType(p.PropertyType) is null && p.PropertyType.IsClass)
                foreach (var q in p.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(q => IsScalar(q.PropertyType)))
                {
                    var outer = p;
                    columns.Add(($"{name}_{JsonNamingPolicy.CamelCase.ConvertName(q.Name)}", o => outer.GetValue(o) is { } v ? q.GetValue(v) : null));
                }
        }
        return columns;
    }

    private static string? Format(object? v) => v switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => double.IsNaN(d) ? null : d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    private sealed class CsvList((Type Item, IEnumerable Rows) list, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var columns = Columns(list.Item);
            return CsvExport.WriteAsync(http.Response, fileName, [.. columns.Select(c => c.Name)], Rows(columns), http.RequestAborted);
        }

        private async IAsyncEnumerable<string?[]> Rows(List<(string Name, Func<object, object?> Get)> columns)
        {
            foreach (var row in list.Rows)
                if (row is not null) yield return [.. columns.Select(c => Format(c.Get(row)))];
            await Task.CompletedTask;
        }
    }
}
