using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Analytics.Api.Common;

/// <summary>
/// `Accept: text/csv` (or `?csv=`) on a list endpoint streams the whole result (not one page) as CSV, written with
/// CsvHelper as rows arrive from PostgreSQL, so a 10-million-row export never sits in memory. Cells are formatted in
/// the request's <see cref="CsvDialect"/>, from values already rounded by <see cref="NumberPolicy"/>.
/// </summary>
internal static class CsvExport
{
    public static bool Wanted(HttpRequest request) =>
        request.Query.ContainsKey(CsvDialect.Parameter)
        || request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Injection protection: text starting with = + - @ (or a tab or carriage return) must not become a formula in
    /// Excel, so it gets a leading apostrophe. A number such as an NPS of -100 (or -12,5 in the Dutch dialect) is left
    /// alone: escaping it would turn it into text.
    /// </summary>
    internal static string Defuse(string? field, IFormatProvider? culture = null) =>
        field is { Length: > 0 } && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(field, NumberStyles.Float, culture ?? CultureInfo.InvariantCulture, out _)
            ? "'" + field
            : field ?? "";

    public static async Task WriteAsync(HttpResponse response, string fileName, string[] header,
        IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var dialect = CsvDialect.Of(response.HttpContext.Request);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        var options = CsvWriterOptions.Default with
        {
            Injection = CsvInjection.None, Separator = dialect.Separator, WriteByteOrderMark = dialect.ByteOrderMark,
        };
        await using var csv = CsvWriter.Create(response.Body, options, leaveOpen: true);
        csv.WriteHeader(header);
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var value in row) csv.WriteField(Defuse(dialect.Format(value), dialect.Culture));
            csv.EndRecord();
            if (++n % 2000 == 0) await csv.FlushAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    /// <summary>
    /// Every endpoint of the group may answer CSV; those whose answer is a list say so in the OpenAPI document with
    /// the `csv` parameter (parameters are described per operation there).
    /// </summary>
    public static RouteGroupBuilder WithCsvExport(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<CsvResultFilter>().AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var answer = context.Description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == 200)?.Type;
            if (answer is not null && CsvResultFilter.ListOf(answer) is not null)
                (operation.Parameters ??= []).Add(DialectParameter());
            return Task.CompletedTask;
        });

    private static OpenApiParameter DialectParameter() => new()
    {
        Name = CsvDialect.Parameter,
        In = ParameterLocation.Query,
        Description = "Answer as CSV in this dialect: rfc4180 (`,`, decimal point) or nl (Dutch Excel: `;`, decimal "
                      + "comma, UTF-8 BOM). `Accept: text/csv` asks for CSV too; then `Accept-Language: nl` picks nl.",
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. CsvDialect.All.Select(d => (JsonNode)JsonValue.Create(d.Name))],
        },
    };
}
