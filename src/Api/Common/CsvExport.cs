using CsvHelper;

namespace Analytics.Api.Common;

/// <summary>
/// `Accept: text/csv` on a list endpoint streams the whole result (not one page) as CSV, written with CsvHelper as
/// rows arrive from PostgreSQL, so a 10-million-row export never sits in memory.
/// </summary>
internal static class CsvExport
{
    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Injection protection: text starting with = + - @ (or a tab or carriage return) must not become a formula in Excel,
    /// so it gets a leading apostrophe. A number such as an NPS of -100 is left alone: escaping it would turn it into text.
    /// </summary>
    internal static string Defuse(string? field) =>
        field is { Length: > 0 } && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(field, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? "'" + field
            : field ?? "";

    public static async Task WriteAsync(HttpResponse response, string fileName, string[] header, IAsyncEnumerable<string?[]> rows, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var csv = CsvWriter.Create(response.Body, CsvWriterOptions.Default with { Injection = CsvInjection.None }, leaveOpen: true);
        csv.WriteHeader(header);
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var field in row) csv.WriteField(Defuse(field));
            csv.EndRecord();
            if (++n % 2000 == 0) await csv.FlushAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
