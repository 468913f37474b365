using System.Collections.Concurrent;
using Analytics.Ingest.Pipeline;
using Analytics.Ingest.Sources;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>A small fake survey tool on 127.0.0.1: cursor-paged JSON, with an optional one-off failure.</summary>
internal sealed class FakeSurveyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    public List<SurveyApiSource.Item> Items { get; } = [];
    /// <summary>Items as the tool writes them (timestamps as text), sent on every first page whatever `since` says.</summary>
    public List<object> RawItems { get; } = [];
    public ConcurrentBag<string> Requests { get; } = [];
    public string? FailOnceAtCursor { get; set; }
    public string Url { get; private set; } = "";

    public FakeSurveyServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/api/responses", (string? since, string? cursor, int limit) =>
        {
            Requests.Add(cursor ?? "first");
            if (cursor is not null && cursor == FailOnceAtCursor) { FailOnceAtCursor = null; return Results.StatusCode(503); }
            var sinceUtc = since is null ? DateTime.MinValue : DateTime.Parse(since, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            var matching = Items.Where(i => i.UpdatedAt >= sinceUtc).OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id).ToList();
            var offset = cursor is null ? 0 : int.Parse(cursor[1..]);
            var page = matching.Skip(offset).Take(limit).ToList();
            var next = offset + limit < matching.Count ? $"o{offset + limit}" : null;
            return Results.Json(new { items = (cursor is null ? RawItems : []).Concat(page.Cast<object>()), nextCursor = next });
        });
    }

    public async Task StartAsync()
    {
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class SurveyApiSourceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly FakeSurveyServer _server = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await _server.StartAsync();
        var t0 = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 250; i++)
            _server.Items.Add(new($"R{i:000}", i % 5 == 0 ? "ces" : "nps", i % 5 == 0 ? 1 + i % 7 : i % 11, i % 3 == 0 ? "Snel geholpen, bel me op 06-12345678" : null,
                t0.AddMinutes(i), null, $"C{i}", t0.AddMinutes(i)));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<IReadOnlyList<IngestResult>> PullAsync(TimeSpan? overlap = null)
    {
        await using var db = _db.NewDbContext();
        using var http = new HttpClient();
        var source = new SurveyApiSource(http, new IngestService(_db.DataSource, NullLogger<IngestService>.Instance), db,
            new SurveyApiOptions { Enabled = true, BaseUrl = _server.Url, PageSize = 100, Overlap = overlap ?? TimeSpan.FromHours(24) }, NullLogger<SurveyApiSource>.Instance);
        return await source.PullAsync(default);
    }

    [Fact]
    public async Task APullLoadsEveryPageAndTheNextPullOnlyFetchesWhatIsNew()
    {
        var first = await PullAsync(overlap: TimeSpan.Zero);
        Assert.Equal(3, first.Count);
        Assert.Equal(250, first.Sum(r => r.Loaded));
        Assert.Equal(250, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));

        _server.Items.Add(new("R900", "nps", 10, "top", new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc), null, "C900", new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc)));
        _server.Requests.Clear();
        var second = await PullAsync(overlap: TimeSpan.Zero);
        // Only the boundary item (inclusive watermark) and the new one come back; the boundary one is a duplicate.
        Assert.Equal((1, 1), (second.Sum(r => r.Loaded), second.Sum(r => r.Duplicates)));
        Assert.Single(_server.Requests);
        Assert.Equal(251, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
    }

    [Fact]
    public async Task AFailedPullResumesAtTheStoredCursorWithoutSkippingOrRepeating()
    {
        _server.FailOnceAtCursor = "o200";
        await Assert.ThrowsAsync<HttpRequestException>(() => PullAsync());
        Assert.Equal(200, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
        Assert.Equal("o200", (await _db.NewDbContext().SourceWatermarks.SingleAsync()).Cursor);

        _server.Requests.Clear();
        var resumed = await PullAsync();
        Assert.Equal(["o200"], _server.Requests);
        Assert.Equal((50, 0), (resumed.Sum(r => r.Loaded), resumed.Sum(r => r.Duplicates)));
        Assert.Equal(250, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
        // Comments are redacted on the way in.
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM survey_responses WHERE comment LIKE '%06-12345678%'"));
    }

    [Fact]
    public async Task AResponseThatArrivesLateWithAnOlderTimestampIsPulledInTheOverlapAndTheRestCountAsDuplicates()
    {
        Assert.Equal(250, (await PullAsync()).Sum(r => r.Loaded));
        // Sent by the tool after the first pull, stamped two hours before the newest response that pull saw.
        var t = new DateTime(2026, 3, 1, 10, 9, 0, DateTimeKind.Utc);
        _server.Items.Add(new("R-late", "nps", 7, null, t, null, "C-late", t));

        var second = await PullAsync();

        Assert.Equal((1, 250, 0), (second.Sum(r => r.Loaded), second.Sum(r => r.Duplicates), second.Sum(r => r.Updated)));
        Assert.Equal(251, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
    }

    [Fact]
    public async Task ATimestampWithAnOffsetIsStoredAsTheSameInstant()
    {
        _server.Items.Clear();
        _server.RawItems.Add(new
        {
            id = "R-offset", type = "nps", score = 9, comment = (string?)null, respondedAt = "2026-03-02T09:00:00+01:00",
            contactId = (string?)null, customerKey = "C-offset", updatedAt = "2026-03-02T09:30:00+01:00",
        });

        Assert.Equal(1, (await PullAsync()).Sum(r => r.Loaded));

        Assert.Equal("2026-03-02 08:00:00", await _db.TextAsync(
            "SELECT to_char(responded_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM survey_responses WHERE source_id = 'R-offset'"));
        await using var db = _db.NewDbContext();
        Assert.Equal(new DateTime(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc), (await db.SourceWatermarks.SingleAsync()).SinceUtc);
    }

    [Fact]
    public async Task AnItemTheToolGotWrongIsQuarantinedWithItsReasonAndTheRestOfThePullLands()
    {
        // Before, one such item failed the whole page's deserialisation, every run: nothing after it ever came in.
        _server.RawItems.Add(new { id = "R-bad-score", type = "nps", score = "tien", respondedAt = "2026-03-02T09:00:00Z", customerKey = "C-x" });
        _server.RawItems.Add(new { id = "R-no-date", type = "nps", score = 8, customerKey = "C-y" });
        _server.RawItems.Add(new { id = "R-bad-date", type = "nps", score = 8, respondedAt = "gisteren", customerKey = "C-z" });

        var results = await PullAsync();

        Assert.Equal(250, results.Sum(r => r.Loaded));
        Assert.Equal(3, results.Sum(r => r.Quarantined));
        Assert.Equal(250, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
        var reasons = await _db.TextAsync("SELECT string_agg(line_number || ' ' || reason, ' | ' ORDER BY line_number) FROM quarantined_rows");
        Assert.Contains("2 ", reasons, StringComparison.Ordinal);
        Assert.Contains("tien", await _db.TextAsync("SELECT raw_text FROM quarantined_rows WHERE line_number = 2"));
        Assert.Contains("gisteren", await _db.TextAsync("SELECT raw_text FROM quarantined_rows WHERE line_number = 4"));
        await using var db = _db.NewDbContext();
        Assert.Null((await db.SourceWatermarks.SingleAsync()).Cursor);
    }
}
