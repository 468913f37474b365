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
    private readonly MappingProfile? _profile;
    // With a profile, "columns" are our field names and each has an accessor over the raw row.
    private readonly List<Func<string?>> _mapped = [];
    private readonly Dictionary<string, int> _mappedIndex = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Header { get; }
    /// <summary>The header as a line in the file's separator, to rebuild a file from quarantined raw lines.</summary>
    public string HeaderLine => string.Join(_separator, Header.Select(h => h.Contains(_separator) || h.Contains('"') ? $"\"{h.Replace("\"", "\"\"")}\"" : h));
    private readonly string _separator = ",";
    public TimeZoneInfo Zone => _profile?.Zone ?? Time.Amsterdam.Zone;
    public string Source => _profile?.Source ?? "main";

    /// <summary>The default of Ingest:MaxRecordBytes: longer lines are quarantined as "line too long".</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;

    private readonly LineLimit _limit;
    private readonly Encoding _encoding;
    private readonly int _maxLineBytes;
    // The current record as quarantined when it holds a too-long line: its raw text and the line's number.
    private string? _rawText;
    private int? _tooLongLine;

    public CsvRows(Stream stream, Encoding? encoding = null, MappingProfile? profile = null, int maxLineBytes = DefaultMaxLineBytes)
    {
        _profile = profile;
        _encoding = encoding ?? Encoding.UTF8;
        _maxLineBytes = maxLineBytes;
        _limit = new LineLimit(stream, maxLineBytes);
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = true,
            Encoding = encoding,
            // Channels, queues, outcomes, agents, teams and reason codes repeat on every row: each distinct value becomes
            // one string (columns that do not repeat, like ids and notes, stop pooling by themselves), and the loaders'
            // lookups of the same instance are cheaper than of a fresh copy.
            PoolStrings = true,
            // Survey comments can carry personal data; keep values out of parse-exception messages.
            IncludeValuesInExceptions = false,
            // Recover (keep reading) but remember the record, so it is quarantined instead of silently repaired.
            OnMalformedRecord = r =>
            {
                if (r.Skipped) _skipped.Add(((int)r.LineNumber, r.RawRecord, Describe(r)));
                else _malformed = r;
            },
            // A line with more or fewer fields than the header has its values under the wrong columns: skip it from
            // parsing, but report it (above) so it is quarantined with its line and text.
            FieldCountMismatch = CsvFieldCountHandling.Skip,
        };
        _csv = CsvReader.Create(_limit, options, leaveOpen: true);
        try
        {
            Header = _csv.Headers.Select(h => h.Trim()).ToList();
            _separator = _csv.Separator is { } sep ? ((char)sep).ToString() : ",";
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
        {
            throw new UnusableFileException($"the header row cannot be read: {e.Message}");
        }
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Header.Count; i++) _columns.TryAdd(Header[i], i);
        if (profile is not null) BindProfile(profile);
    }

    public int Column(string name) => _profile is null
        ? _columns.TryGetValue(name, out var i) ? i : -1
        : _mappedIndex.TryGetValue(name, out var m) ? m : -1;

    public void RequireColumns(IEnumerable<string> required, string kind)
    {
        if (_profile is not null)
        {
            if (!string.Equals(_profile.Kind, kind, StringComparison.OrdinalIgnoreCase))
                throw new UnusableFileException($"mapping profile '{_profile.Name}' is for {_profile.Kind}, not {kind}");
            var absent = _profile.SourceColumns().Where(c => !_columns.ContainsKey(c)).ToList();
            if (absent.Count > 0)
                throw new UnusableFileException(
                    $"the file does not match mapping profile '{_profile.Name}': missing column(s) {string.Join(", ", absent)}; found {string.Join(", ", Header)}");
            var unmapped = required.Where(c => !_mappedIndex.ContainsKey(c)).ToList();
            if (unmapped.Count > 0)
                throw new UnusableFileException($"mapping profile '{_profile.Name}' does not map required field(s) {string.Join(", ", unmapped)}");
            return;
        }
        var missing = required.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new UnusableFileException(
                $"this is not a {kind} file: missing column(s) {string.Join(", ", missing)}; found {string.Join(", ", Header)}");
    }

    private CsvMalformedRecord? _malformed;
    private readonly List<(int Line, string Raw, string Reason)> _skipped = [];

    /// <summary>Lines the reader skipped since the last call (wrong field count): each one must still be accounted for.</summary>
    public List<(int Line, string Raw, string Reason)> TakeSkipped()
    {
        var taken = _skipped.Select(s => TooLong(s.Raw) is { } t ? (t.Line, t.Raw, t.Reason) : s).ToList();
        _skipped.Clear();
        return taken;
    }

    /// <summary>
    /// The record as quarantined when it holds lines <see cref="LineLimit"/> replaced: the first line's number, the raw
    /// text with each replaced line's first bytes in its place, and why. Null for any other record.
    /// </summary>
    private (int Line, string Raw, string Reason)? TooLong(string raw)
    {
        if (_limit.TooLong.Count == 0 || !raw.Contains(LineLimit.Marker, StringComparison.Ordinal)) return null;
        var parts = raw.Split(LineLimit.Marker);
        var text = new StringBuilder(parts[0]);
        var first = _limit.TooLong.Peek();
        for (var i = 1; i < parts.Length && _limit.TooLong.TryDequeue(out var line); i++)
            text.Append(_encoding.GetString(line.Start)).Append('…').Append(parts[i]);
        return (first.Line, text.ToString(),
            $"line too long: {first.Length:N0} bytes, more than the {_maxLineBytes:N0} a line may have (Ingest:MaxRecordBytes); " +
            $"the raw text keeps its first {LineLimit.KeptBytes:N0} bytes");
    }

    /// <summary>Why the current record cannot be trusted as parsed (bad quoting, wrong field count), or null.</summary>
    public string? Malformed { get; private set; }

    /// <summary>Refuse records that are not valid UTF-8 (the file as a whole was not proven to be): never a silent U+FFFD.</summary>
    public bool CheckUtf8 { get; init; }

    public bool Read()
    {
        _malformed = null;
        (_rawText, _tooLongLine) = (null, null);
        var ok = _csv.Read();
        Malformed = _malformed is { } m && ok ? Describe(m) : null;
        if (ok && _limit.TooLong.Count > 0 && TooLong(Encoding.UTF8.GetString(_csv.RawRecord)) is { } tooLong)
            (_tooLongLine, _rawText, Malformed) = tooLong;
        else if (ok && Malformed is null && CheckUtf8 && !System.Text.Unicode.Utf8.IsValid(_csv.RawRecord))
            Malformed = "bytes that are not UTF-8 in this line (save the file as UTF-8); they would be stored as \uFFFD";
        return ok;
    }

    private string Describe(CsvMalformedRecord m) => m.Reason switch
    {
        CsvMalformedReason.UnterminatedQuote =>
            "a quote opened in this line is never closed, so the rest of the file ran into it; the raw text holds every line it swallowed",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the whole field, doubling inner quotes)",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote (quote the whole field, doubling inner quotes)",
        CsvMalformedReason.FieldCountMismatch => $"the line does not have the header's {Header.Count} fields (an unquoted separator in a text, or a cut line?)",
        _ => $"malformed line ({m.Reason})",
    };

    public int LineNumber => _tooLongLine ?? (int)_csv.LineNumber;
    public int FieldCount => _csv.FieldCount;
    public string RawText => _rawText ?? Encoding.UTF8.GetString(_csv.RawRecord);

    /// <summary>Our field's value (through the profile, if any): trimmed, or null when absent or empty.</summary>
    public string? Get(int column) => _profile is null ? Raw(column) : column < 0 ? null : _mapped[column]();

    private void BindProfile(MappingProfile profile)
    {
        foreach (var (field, m) in profile.Fields)
        {
            Func<string?> read;
            if (m.Constant is { } constant) read = () => constant;
            else if (m.Column is { } column) read = () => Raw(Column0(column));
            else
            {
                // Template: "{date} {time}" — parts resolved once, concatenated per row.
                var template = m.Template!;
                var parts = MappingProfile.TemplateColumns(template).Select(c => ("{" + c + "}", c)).ToList();
                read = () =>
                {
                    var text = template;
                    foreach (var (token, c) in parts)
                    {
                        var v = Raw(Column0(c));
                        if (v is null) return null;
                        text = text.Replace(token, v, StringComparison.Ordinal);
                    }
                    return text;
                };
            }
            var map = m.Map is null ? null : new Dictionary<string, string>(m.Map, StringComparer.OrdinalIgnoreCase);
            var nulls = m.Null is null ? null : new HashSet<string>(m.Null, StringComparer.OrdinalIgnoreCase);
            _mappedIndex[field] = _mapped.Count;
            _mapped.Add(() =>
            {
                var v = read();
                if (v is null || (nulls is not null && nulls.Contains(v))) return null;
                return map is not null && map.TryGetValue(v, out var mapped) ? mapped : v;
            });
        }
    }

    private int Column0(string sourceColumn) => _columns.TryGetValue(sourceColumn, out var i) ? i : -1;

    private string? Raw(int column)
    {
        if (column < 0 || column >= _csv.FieldCount) return null;
        var s = _csv.GetString(column);
        if (s.Length == 0) return null;
        var t = s.AsSpan().Trim();
        return t.Length == 0 ? null : t.Length == s.Length ? s : t.ToString();
    }

    public void Dispose()
    {
        _csv.Dispose();
        _limit.Dispose(); // the file itself stays open: its owner closes it
    }
}
