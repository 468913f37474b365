using System.Text;
using CsvHelper;

namespace Analytics.Ingest.Pipeline;

/// <summary>A whole file that cannot be ingested (unknown header, unreadable): the batch fails with this reason.</summary>
public sealed class UnusableFileException(string message) : Exception(message);

/// <summary>
/// Reads a delimited export row by row with CsvHelper: separator detected (`,` `;` tab), header matched by
/// name case-insensitively, the line number and raw text of each record kept for quarantine.
/// </summary>
public sealed class CsvRows : IDisposable
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;

    public IReadOnlyList<string> Header { get; }

    public CsvRows(Stream stream, Encoding? encoding = null)
    {
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = true,
            Encoding = encoding,
            // Survey comments can carry personal data; keep values out of parse-exception messages.
            IncludeValuesInExceptions = false,
        };
        _csv = CsvReader.Create(stream, options, leaveOpen: true);
        try
        {
            Header = _csv.Headers.Select(h => h.Trim()).ToList();
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
        {
            throw new UnusableFileException($"the header row cannot be read: {e.Message}");
        }
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Header.Count; i++) _columns.TryAdd(Header[i], i);
    }

    public int Column(string name) => _columns.TryGetValue(name, out var i) ? i : -1;

    public void RequireColumns(IEnumerable<string> required, string kind)
    {
        var missing = required.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new UnusableFileException(
                $"this is not a {kind} file: missing column(s) {string.Join(", ", missing)}; found {string.Join(", ", Header)}");
    }

    public bool Read() => _csv.Read();

    public int LineNumber => (int)_csv.LineNumber;
    public int FieldCount => _csv.FieldCount;
    public string RawText => Encoding.UTF8.GetString(_csv.RawRecord);

    /// <summary>The trimmed field, or null when the column is absent from this file or the field is empty.</summary>
    public string? Get(int column)
    {
        if (column < 0 || column >= _csv.FieldCount) return null;
        var s = _csv.GetString(column);
        if (s.Length == 0) return null;
        var t = s.AsSpan().Trim();
        return t.Length == 0 ? null : t.Length == s.Length ? s : t.ToString();
    }

    public void Dispose() => _csv.Dispose();
}
