namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>The read-only datasets beside the project root (../shared/datasets), found by walking up from the test binary.</summary>
public static class SharedData
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine([dir.FullName, "shared", "datasets", .. parts]);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"dataset {string.Join('/', parts)} not found in ../shared/datasets beside the project root");
    }
}
