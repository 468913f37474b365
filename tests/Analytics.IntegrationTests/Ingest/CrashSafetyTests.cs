using System.Diagnostics;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

public sealed class CrashSafetyTests : IAsyncLifetime
{
    private readonly TestDatabase _crashed = new();
    private readonly TestDatabase _clean = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"analytics-crash-{Guid.NewGuid():N}.csv");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_crashed.InitializeAsync(), _clean.InitializeAsync());
        await using var w = new StreamWriter(_file);
        await w.WriteLineAsync("contact_id,channel,started_at,wait_s,talk_s,notes");
        for (var i = 0; i < 400_000; i++)
            await w.WriteLineAsync($"C{i},{(i % 3 == 0 ? "chat" : "phone")},2026-03-{1 + i % 28:00}T09:{i % 60:00}:00+01:00,{i % 300},{i % 900},klant belde over factuur {i} en wilde uitleg over de kosten");
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await Task.WhenAll(_crashed.DisposeAsync(), _clean.DisposeAsync());
    }

    [Fact]
    public async Task KillingTheWorkerMidFileThenRunningAgainEqualsACleanRun()
    {
        // A real worker process, killed with SIGKILL while it streams the file into PostgreSQL.
        var host = Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll");
        var start = new ProcessStartInfo("dotnet", [host, "ingest", "contacts", _file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ANALYTICS_DB"] = _crashed.ConnectionString;
        using (var worker = Process.Start(start)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await _crashed.ScalarAsync("SELECT count(*) FROM ingest_batches WHERE state = 'running'") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !worker.HasExited, "the worker never started a batch");
                await Task.Delay(20);
            }
            await Task.Delay(700);
            Assert.False(worker.HasExited, "the worker finished before it could be killed; make the file larger");
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
        Assert.Equal(0, await _crashed.ScalarAsync("SELECT count(*) FROM contacts"));

        await Task.Delay(TimeSpan.FromSeconds(5.5)); // past the sweeper's guard for batches that just started
        var rerun = await new IngestService(_crashed.DataSource, NullLogger<IngestService>.Instance).IngestFileAsync("contacts", _file, default);
        var clean = await new IngestService(_clean.DataSource, NullLogger<IngestService>.Instance).IngestFileAsync("contacts", _file, default);

        Assert.Equal((400_000, 400_000), (rerun.Loaded, clean.Loaded));
        const string fingerprint = "SELECT md5(string_agg(source_id || '|' || channel || '|' || started_utc || '|' || notes || '|' || content_hash, ',' ORDER BY source_id)) FROM contacts";
        await using var a = _crashed.DataSource.CreateCommand(fingerprint);
        await using var b = _clean.DataSource.CreateCommand(fingerprint);
        Assert.Equal((string)(await b.ExecuteScalarAsync())!, (string)(await a.ExecuteScalarAsync())!);
        Assert.Equal(1, await _crashed.ScalarAsync("SELECT count(*) FROM ingest_batches WHERE state = 'interrupted'"));
    }
}
