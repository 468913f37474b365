using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>
/// The OpenAPI document is part of the contract and is committed (docs/openapi/v1.json). This test fails when the API
/// changed and the file was not regenerated: `ANALYTICS_UPDATE_OPENAPI=1 ./analytics test --filter OpenApiDocument`.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task TheCommittedOpenApiDocumentMatchesTheApi()
    {
        await using var host = new ApiHost(_db);
        var generated = (await host.CreateClient().GetStringAsync("/openapi/v1.json")).ReplaceLineEndings("\n").Trim() + "\n";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Analytics.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("ANALYTICS_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing: regenerate it (see this test's summary)");
        Assert.Equal((await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n"), generated);
        Assert.Contains("/api/v1/insights/agents/ranking", generated);
    }
}
