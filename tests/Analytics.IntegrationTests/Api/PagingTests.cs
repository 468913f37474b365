using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

public sealed class PagingTests : SeededApiTests
{
    [Fact]
    public async Task FollowingCursorsWhileBatchesArriveGivesEveryEarlierBatchOnceAndNoGaps()
    {
        var ingest = Host.Service<IngestService>();
        for (var i = 0; i < 5; i++)
            await ingest.IngestAsync("surveys", Fixtures.Stream($"response_id,type,score,responded_at\nP{i},nps,9,2026-03-20T10:00:00+01:00"), $"p{i}.csv", default);
        var before = (await Http.GetFromJsonAsync<JsonElement>("/api/v1/ingest/batches?limit=500")).EnumerateArray()
            .Select(b => b.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(8, before.Count); // reasons, contacts, surveys + 5

        var seen = new List<long>();
        string? url = "/api/v1/ingest/batches?limit=3";
        var pages = 0;
        while (url is not null)
        {
            var response = await Http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            seen.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(b => b.GetProperty("id").GetInt64()));
            // A new batch lands between pages: it is newer than the cursor and must not push anything onto the next page.
            await ingest.IngestAsync("surveys", Fixtures.Stream($"response_id,type,score,responded_at\nQ{pages},nps,9,2026-03-20T10:00:00+01:00"), $"q{pages}.csv", default);
            pages++;
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split(';')[0].Trim('<', '>') : null;
            Assert.Equal(url is null, !response.Headers.Contains("X-Next-Cursor"));
        }
        Assert.Equal(3, pages);
        Assert.Equal(before, seen);
    }

    [Fact]
    public async Task BatchesSortOldestFirstAndFilterByKindAndACursorKeepsItsDirection()
    {
        var ingest = Host.Service<IngestService>();
        for (var i = 0; i < 3; i++)
            await ingest.IngestAsync("surveys", Fixtures.Stream($"response_id,type,score,responded_at\nO{i},nps,9,2026-03-20T10:00:00+01:00"), $"o{i}.csv", default);
        var newestFirst = (await Http.GetFromJsonAsync<JsonElement>("/api/v1/ingest/batches?limit=500")).EnumerateArray()
            .Select(b => b.GetProperty("id").GetInt64()).ToList();

        var seen = new List<long>();
        string? url = "/api/v1/ingest/batches?limit=2&sort=id";
        while (url is not null)
        {
            var response = await Http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            seen.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(b => b.GetProperty("id").GetInt64()));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split(';')[0].Trim('<', '>') : null;
        }
        Assert.Equal(Enumerable.Reverse(newestFirst), seen);

        var surveys = (await Http.GetFromJsonAsync<JsonElement>("/api/v1/ingest/batches?kind=surveys&state=completed")).EnumerateArray().ToList();
        Assert.Equal(4, surveys.Count); // the fixture's and O0-O2
        Assert.All(surveys, b => Assert.Equal("surveys", b.GetProperty("kind").GetString()));

        // A newest-first cursor followed oldest-first would skip or repeat pages: refused, naming the cursor.
        var descending = await Http.GetAsync("/api/v1/ingest/batches?limit=1");
        var cursor = descending.Headers.GetValues("X-Next-Cursor").Single();
        var mixed = await Http.GetAsync($"/api/v1/ingest/batches?limit=1&sort=id&cursor={cursor}");
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.True((await mixed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task TheAuditLogPagesTheSameWayAndCsvExportsAllOfIt()
    {
        for (var i = 0; i < 4; i++) (await Http.GetAsync("/api/v1/metrics/nps?groupBy=agent")).EnsureSuccessStatusCode();
        var first = await Http.GetAsync("/api/v1/audit?limit=2");
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        var cursor = first.Headers.GetValues("X-Next-Cursor").Single();
        var second = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/audit?limit=2&cursor={cursor}");
        Assert.Equal(2, second.GetArrayLength());
        Assert.True(second[0].GetProperty("id").GetInt64() < long.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture) + 1);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit?limit=1");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await Http.SendAsync(request)).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,", lines[0]);
        Assert.True(lines.Length - 1 >= 4, $"CSV should hold the whole log, not one page: {csv}");
    }

    [Theory]
    [InlineData("/api/v1/ingest/batches?limit=1000000000", "limit")]
    [InlineData("/api/v1/ingest/batches?limit=0", "limit")]
    [InlineData("/api/v1/ingest/batches?sort=rows", "sort")]
    [InlineData("/api/v1/ingest/batches?kind=faxes", "kind")]
    [InlineData("/api/v1/ingest/batches?cursor=abc", "cursor")]
    [InlineData("/api/v1/audit?cursor=-5", "cursor")]
    [InlineData("/api/v1/reports?limit=501", "limit")]
    [InlineData("/api/v1/ingest/batches/1/quarantine?cursor=1%3B%20DROP%20TABLE%20contacts", "cursor")]
    public async Task BadPagingIsAProblemNamingTheParameter(string url, string field)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
