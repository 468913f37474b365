namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>The read-only datasets beside the project root (../shared/datasets), found by walking up from the test binary.</summary>
public static class SharedData
{
    /// <summary>Set by CI: there a missing dataset is a failure, not a skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("ANALYTICS_REQUIRE_SHARED") == "1";

    public static string Path(params string[] parts) =>
        Find(parts) ?? throw new FileNotFoundException(
            $"dataset {string.Join('/', parts)} not found in ../shared/datasets beside the project root (see README, Datasets)");

    public static string? Find(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine([dir.FullName, "shared", "datasets", .. parts]);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>
/// A fact over a public dataset that a plain clone does not have: skipped with the reason when the dataset is absent,
/// unless ANALYTICS_REQUIRE_SHARED=1 (CI), where the test runs and fails on the missing file.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string dataset)
    {
        if (SharedData.Find(dataset) is null && !SharedData.Required)
            Skip = $"needs ../shared/datasets/{dataset} beside the project root (see README, Datasets)";
    }
}
