using CsvHelper;

namespace Analytics.Classification;

/// <summary>A CSV file read whole: its header, the separator found, and the rows.</summary>
public sealed record CsvTable(string Path, IReadOnlyList<string> Headers, char Separator, IReadOnlyList<string[]> Rows)
{
    /// <summary>The index of column <paramref name="name"/> (exact, else ignoring case); a clear error naming the columns there are.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Headers.Count; i++) if (Headers[i] == name) return i;
        var matches = Headers.Select((h, i) => (h, i)).Where(x => string.Equals(x.h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1) return matches[0].i;
        throw new ClassifierDataException(
            $"{System.IO.Path.GetFileName(Path)} has no column '{name}'; its columns are: {string.Join(", ", Headers.Select(h => $"'{h}'"))}" +
            $" (separator '{Separator}')");
    }

    public string Value(string[] row, int column) => column < row.Length ? row[column] : string.Empty;
}

/// <summary>
/// Reads labelled text from any CSV: the separator (, ; tab |) is detected, quoted fields may hold separators,
/// quotes and line breaks (RFC 4180), a UTF-8 BOM is ignored.
/// </summary>
public static class LabelledCsv
{
    public static CsvTable Read(string path)
    {
        if (!File.Exists(path)) throw new ClassifierDataException($"file not found: {path}");
        if (new FileInfo(path).Length == 0) throw new ClassifierDataException($"{path} is empty: expected a header row and data rows");
        using var reader = CsvReader.FromFile(path);
        var headers = reader.Headers.ToArray();
        if (headers.Length == 0 || headers.All(string.IsNullOrWhiteSpace))
            throw new ClassifierDataException($"{path} is empty: expected a header row and data rows");
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        if (rows.Count == 0) throw new ClassifierDataException($"{path} has a header but no data rows");
        return new CsvTable(path, headers, reader.Separator, rows);
    }

    /// <summary>Rows with a label; rows whose text or label is blank are skipped and counted.</summary>
    public static (List<LabelledText> Rows, int Skipped) ReadLabelled(string path, string textColumn, string labelColumn)
    {
        var table = Read(path);
        return Labelled(table, table.Column(textColumn), table.Column(labelColumn), label => label);
    }

    /// <summary>
    /// Like <see cref="ReadLabelled"/>, with a function from the raw label to the class (null = skip the row),
    /// e.g. survey score to sentiment.
    /// </summary>
    public static (List<LabelledText> Rows, int Skipped) Labelled(CsvTable table, int textColumn, int labelColumn, Func<string, string?> toLabel)
    {
        var rows = new List<LabelledText>(table.Rows.Count);
        var skipped = 0;
        foreach (var row in table.Rows)
        {
            var text = table.Value(row, textColumn);
            var raw = table.Value(row, labelColumn).Trim();
            var label = raw.Length == 0 ? null : toLabel(raw);
            if (string.IsNullOrWhiteSpace(text) || label is null) { skipped++; continue; }
            rows.Add(new LabelledText(text, label));
        }
        return (rows, skipped);
    }
}
