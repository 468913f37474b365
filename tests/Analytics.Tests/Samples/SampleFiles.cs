using System.Globalization;
using Analytics.Ingest.Samples;
using CsvHelper;

namespace Analytics.Tests.Samples;

/// <summary>A generated CSV file read back with CsvHelper in strict mode: malformed quoting or ragged rows throw.</summary>
public sealed class CsvTable
{
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }
    private readonly Dictionary<string, int> _index;

    public CsvTable(string path)
    {
        var options = CsvReaderOptions.Default with
        {
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var csv = CsvReader.FromFile(path, options);
        Header = csv.Headers.ToList();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = new string[csv.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = csv.GetString(i);
            rows.Add(row);
        }
        Rows = rows;
        _index = Header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
    }

    public int this[string column] => _index[column];

    public IEnumerable<string> Column(string column) => Rows.Select(r => r[_index[column]]);
}

/// <summary>A generated data set in a temporary folder, with its four files parsed.</summary>
public sealed class GeneratedSamples : IDisposable
{
    public string Dir { get; }
    public SampleSummary Summary { get; }
    public CsvTable Reasons { get; }
    public CsvTable Contacts { get; }
    public CsvTable Transcripts { get; }
    public CsvTable Surveys { get; }

    public GeneratedSamples(SampleOptions options)
    {
        Dir = Path.Combine(Path.GetTempPath(), "analytics-samples-" + Path.GetRandomFileName());
        Summary = SampleGenerator.Generate(options, Dir);
        Reasons = new CsvTable(Path.Combine(Dir, SampleGenerator.ReasonsFile));
        Contacts = new CsvTable(Path.Combine(Dir, SampleGenerator.ContactsFile));
        Transcripts = new CsvTable(Path.Combine(Dir, SampleGenerator.TranscriptsFile));
        Surveys = new CsvTable(Path.Combine(Dir, SampleGenerator.SurveysFile));
    }

    public static DateTimeOffset Timestamp(string s) =>
        DateTimeOffset.ParseExact(s, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>The default data set, as committed under samples/.</summary>
public sealed class DefaultSamples() : IDisposable
{
    public GeneratedSamples Data { get; } = new(new SampleOptions());
    public void Dispose() => Data.Dispose();
}

/// <summary>A larger set (same model, other seed) where planted effects stand well clear of sampling noise.</summary>
public sealed class LargeSamples() : IDisposable
{
    public GeneratedSamples Data { get; } = new(new SampleOptions(Contacts: 40_000, Seed: 7));
    public void Dispose() => Data.Dispose();
}

public static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln"))) return dir.FullName;
        throw new InvalidOperationException("Analytics.sln not found above " + AppContext.BaseDirectory);
    }
}
