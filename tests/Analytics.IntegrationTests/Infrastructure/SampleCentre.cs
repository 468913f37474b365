using Analytics.Ingest.Pipeline;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>The committed sample centre (samples/: 8,000 contacts, January–June 2026), found upward.</summary>
public static class SampleCentre
{
    public static async Task LoadAsync(IngestService ingest)
    {
        foreach (var kind in new[] { "reasons", "contacts", "surveys", "transcripts" })
        {
            await using var file = File.OpenRead(Path(kind + ".csv"));
            await ingest.IngestAsync(kind, file, kind + ".csv", CancellationToken.None);
        }
    }

    public static string Path(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "samples", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"samples/{file} not found above the test binary");
    }
}
