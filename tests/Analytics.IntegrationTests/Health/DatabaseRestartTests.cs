using System.Diagnostics;
using System.Net;
using System.Text;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Health;

/// <summary>
/// PostgreSQL restarted (a real fast shutdown and start of a cluster of this test's own) while the API serves and a
/// batch loads: requests during the outage answer 503 with Retry-After promptly, the API recovers by itself, and the
/// interrupted batch ends completed or failed and loads cleanly when run again.
/// </summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private const int Rows = 60_000;
    private readonly PrivateCluster _cluster = new();
    private TestDatabase _db = null!;
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _db = new TestDatabase(_cluster.AdminConnectionString);
        await _db.InitializeAsync();
        _host = new ApiHost(_db);
        await Fixtures.LoadAllAsync(_host.Service<IngestService>());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private static MemoryStream BigContactsFile()
    {
        var csv = new StringBuilder(Fixtures.Contacts.ReplaceLineEndings("\n").Split('\n')[0]).Append('\n');
        for (var i = 0; i < Rows; i++)
            csv.Append($"R{i},phone,billing,2026-03-02T09:00:00+01:00,,30,300,0,20,0,resolved,A1,Anna,T1,Team Noord,")
                .Append($"C{i % 5000},FAC-ONDUID,klant {i} belde over de factuur\n");
        return new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
    }

    [Fact]
    public async Task ARestartAnswers503WithRetryAfterThenRecoversAndTheBatchLoadsCleanly()
    {
        using var api = await _host.ClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/ingest/batches")).StatusCode);
        var ingest = _host.Service<IngestService>();

        // Stop PostgreSQL while the batch is loading.
        var load = Task.Run(() => ingest.IngestAsync("contacts", BigContactsFile(), "big.csv", CancellationToken.None));
        var waited = Stopwatch.StartNew();
        while (await _db.ScalarAsync("SELECT count(*) FROM ingest_batches WHERE source_file = 'big.csv'") == 0
               && waited.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(20);
        await _cluster.StopAsync();
        var interrupted = await Record.ExceptionAsync(() => load);

        var asked = Stopwatch.StartNew();
        using var during = await api.GetAsync("/api/v1/ingest/batches");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), during.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(20), $"the 503 took {asked.Elapsed}");
        using var anonymous = _host.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        await _cluster.StartAsync();
        _db.DataSource.Clear(); // the test's own connections died with the server; the host's must recover unaided
        var recovered = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await api.GetAsync("/api/v1/ingest/batches")).StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {status}");
            if (status != HttpStatusCode.OK) await Task.Delay(200);
        } while (status != HttpStatusCode.OK && recovered.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        // Run it again: the batch the restart cut off is marked interrupted (the failure of a batch whose process could
        // not record it) or failed, or it had completed; either way the file lands exactly once.
        // The sweeper leaves a batch younger than 5 s alone (its loader may still be starting); a re-run comes later.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var again = await ingest.IngestAsync("contacts", BigContactsFile(), "big.csv", CancellationToken.None);
        Assert.Equal("completed", again.State);
        Assert.Equal(Rows, again.Loaded + again.Duplicates);
        var first = await _db.TextAsync("SELECT state FROM ingest_batches WHERE source_file = 'big.csv' ORDER BY id LIMIT 1");
        Assert.True(first is "interrupted" or "failed" or "completed", $"first batch {first}; the load said {interrupted?.Message ?? "done"}");
        Assert.Equal(Rows, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE source_id LIKE 'R%'"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM ingest_batches WHERE state = 'running'"));
    }
}
