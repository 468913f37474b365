using Analytics.Classification;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.IntegrationTests.Classification;

/// <summary>Models:L2 and Models:NewestRows reach the registry the nightly job and the retrain route train with (decision 045).</summary>
public sealed class ModelTrainingSettingsTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("auto", null, true)]
    [InlineData("0.3", 0.3f, false)]
    public async Task TheRegistryTrainsWithTheConfiguredL2(string? setting, float? l2, bool chosen)
    {
        await using var host = new ApiHost(_db, settings: new Dictionary<string, string?> { ["Models:L2"] = setting });
        using var scope = host.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<ModelRegistry>().Options;
        Assert.Equal(l2, options.L2);
        Assert.Equal(chosen ? TextClassifierOptions.AutoL2 : null, options.L2Choices);
    }

    [Fact]
    public async Task TheRegistryTrainsOnTheNewestRowsConfigured()
    {
        await using var host = new ApiHost(_db, settings: new Dictionary<string, string?> { ["Models:NewestRows"] = "20000" });
        using var scope = host.Services.CreateScope();
        Assert.Equal(20000, scope.ServiceProvider.GetRequiredService<ModelRegistry>().NewestRows);
    }

    [Theory]
    [InlineData("Models:L2", "strong")]
    [InlineData("Models:L2", "-0.1")]
    [InlineData("Models:NewestRows", "0")]
    public async Task ASettingThatCannotBeStopsTheHostAtStart(string key, string setting)
    {
        await using var host = new ApiHost(_db, settings: new Dictionary<string, string?> { [key] = setting });
        Assert.Contains(key, Assert.Throws<OptionsValidationException>(() => host.CreateClient()).Message);
    }
}
