using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Api.Health;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Health;

/// <summary>
/// Eight weeks of synthetic hourly batches for three feeds, up to this hour: one goes quiet four hours ago, one halves
/// over the last day, one keeps coming. The feed watch must tell them apart, show it in the API and /health/ready,
/// and mail the admins once per change.
/// </summary>
public sealed class FeedAlertTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly SmtpSink _smtp = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _smtp.Port.ToString(), ["Smtp:Security"] = "None",
            ["Feeds:AlertRecipients:0"] = "ops@example.nl",
        });
        await AddHistoryAsync("contacts", "contacts.csv", "CASE WHEN t < date_trunc('hour', now()) - interval '4 hours' THEN 100 END");
        await AddHistoryAsync("surveys", "survey-api page first", "CASE WHEN t < date_trunc('hour', now()) - interval '1 day' THEN 200 ELSE 100 END");
        await AddHistoryAsync("transcripts", "transcripts.csv", "100");
    }

    /// <summary>A batch at five past every hour of the last 57 days; no batch where <paramref name="rows"/> is null.</summary>
    private Task AddHistoryAsync(string kind, string file, string rows) => _db.ExecAsync($"""
        INSERT INTO ingest_batches (kind, source_file, content_hash, state, started_utc, finished_utc, rows_read, loaded,
                                    duplicates, updated, quarantined)
        SELECT '{kind}', '{file}', md5(t::text || '{kind}'), 'completed', t + interval '5 minutes', t + interval '6 minutes',
               r, r, 0, 0, 0
        FROM generate_series(date_trunc('hour', now()) - interval '57 days', date_trunc('hour', now()) - interval '1 hour',
                             interval '1 hour') t, LATERAL (SELECT {rows} AS r) x
        WHERE r IS NOT NULL
        """);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<IReadOnlyList<FeedDto>> WatchAsync()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FeedJobs>().WatchAsync(CancellationToken.None);
        using var admin = await _host.ClientAsync();
        return (await admin.GetFromJsonAsync<List<FeedDto>>("/api/v1/ingest/feeds"))!;
    }

    private async Task<string> ReadyFeedsCheckAsync()
    {
        using var anonymous = _host.CreateClient();
        var body = await anonymous.GetStringAsync("/health/ready");
        return JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("feeds").GetString()!;
    }

    [Fact]
    public async Task AQuietFeedIsLateAndAHalvedFeedIsLowAndBothAreMailedOnce()
    {
        Assert.Equal("Healthy", await ReadyFeedsCheckAsync());

        var feeds = (await WatchAsync()).ToDictionary(f => (f.Source, f.Kind));
        Assert.Equal(3, feeds.Count);
        var quiet = feeds[("files", "contacts")];
        Assert.Equal("late", quiet.State);
        Assert.True(quiet.MissedDeliveries >= 3, $"missed {quiet.MissedDeliveries}");
        var halved = feeds[("survey-api", "surveys")];
        Assert.Equal(("low-volume", 4800L, 2400L), (halved.State, halved.UsualRows, halved.RecentRows));
        Assert.Equal("ok", feeds[("files", "transcripts")].State);
        Assert.Equal("Degraded", await ReadyFeedsCheckAsync());

        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal(["ops@example.nl"], mail.To);
        Assert.Contains("files contacts: late (was new)", mail.Data);
        Assert.Contains("survey-api surveys: low-volume (was new)", mail.Data);
        Assert.DoesNotContain("transcripts", mail.Data);

        // Nothing changed: no second mail.
        await WatchAsync();
        Assert.Single(_smtp.Messages);

        // The quiet feed delivers again: it is back to ok, and that is mailed too.
        await _db.ExecAsync("""
            INSERT INTO ingest_batches (kind, source_file, content_hash, state, started_utc, rows_read, loaded, duplicates,
                                        updated, quarantined)
            VALUES ('contacts', 'contacts.csv', 'late-one', 'completed', now(), 400, 400, 0, 0, 0)
            """);
        feeds = (await WatchAsync()).ToDictionary(f => (f.Source, f.Kind));
        Assert.Equal("ok", feeds[("files", "contacts")].State);
        Assert.Equal(2, _smtp.Messages.Count);
        Assert.Contains("files contacts: ok (was late)", _smtp.Messages[1].Data);
    }
}
