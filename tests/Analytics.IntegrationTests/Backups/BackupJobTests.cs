using Analytics.Api.Backups;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Analytics.IntegrationTests.Backups;

/// <summary>The scheduled backup through the host's own services: a real dump, retention, options checked at start.</summary>
public sealed class BackupJobTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "analytics-backups-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task TheJobWritesADumpAndKeepsOnlyTheNewest()
    {
        Directory.CreateDirectory(_dir);
        var old = new[] { "analytics-20200101T000000Z.dump", "analytics-20210101T000000Z.dump", "analytics-20220101T000000Z.dump" };
        foreach (var f in old) await File.WriteAllTextAsync(Path.Combine(_dir, f), "old");
        await File.WriteAllTextAsync(Path.Combine(_dir, "notes.txt"), "not a backup: never deleted");
        await using var host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Backup:Directory"] = _dir, ["Backup:Keep"] = "2",
        });

        var file = await host.Service<BackupJob>().RunAsync(CancellationToken.None);

        // A custom-format dump starts with PGDMP; no .part is left behind.
        var head = new byte[5];
        await using (var stream = File.OpenRead(file)) await stream.ReadExactlyAsync(head);
        Assert.Equal("PGDMP"u8.ToArray(), head);
        Assert.Equal(
            new[] { Path.GetFileName(file), old[2], "notes.txt" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Backup:Schedule", "every night")]
    [InlineData("Backup:Keep", "0")]
    public async Task ABadBackupSettingStopsTheHostAtStart(string key, string value)
    {
        await using var host = new ApiHost(_db, settings: new Dictionary<string, string?> { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => host.CreateClient());
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }
}
