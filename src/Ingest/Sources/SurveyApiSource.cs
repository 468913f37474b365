using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Analytics.Data;
using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Sources;

public sealed class SurveyApiOptions
{
    public bool Enabled { get; set; }
    /// <summary>Name of the source: the watermark's key and the prefix of its batches.</summary>
    public string Name { get; set; } = "survey-api";
    public string BaseUrl { get; set; } = "";
    public string Path { get; set; } = "/api/responses";
    public int PageSize { get; set; } = 500;
    /// <summary>
    /// How far before the watermark each pull reads again: a response the tool publishes late, stamped earlier than what
    /// was already pulled, still comes in (re-read responses are upserted by id and count as duplicates).
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Sent as a bearer token when set (from configuration or the environment, never from code).</summary>
    public string? ApiKey { get; set; }
}

/// <summary>
/// Pulls survey responses from a survey tool's paged JSON API:
/// GET {BaseUrl}{Path}?since=ISO&amp;limit=N[&amp;cursor=C] → { "items": [...], "nextCursor": "…" | null }.
/// The cursor is stored after every page whose batch committed and the `since` watermark after a completed run, both
/// in PostgreSQL, so a restart resumes where it stopped: nothing skipped, and a page fetched twice only yields
/// duplicates. Each run asks from the watermark minus <see cref="SurveyApiOptions.Overlap"/>, for late arrivals.
/// </summary>
public sealed class SurveyApiSource(HttpClient http, IngestService ingest, AnalyticsDbContext db, SurveyApiOptions options, ILogger<SurveyApiSource> log)
{
    public sealed record Item(
        string Id, string Type, int? Score, string? Comment, DateTimeOffset RespondedAt, string? ContactId, string? CustomerKey,
        DateTimeOffset? UpdatedAt);

    private sealed record Page(List<Item> Items, [property: JsonPropertyName("nextCursor")] string? NextCursor);

    public async Task<IReadOnlyList<IngestResult>> PullAsync(CancellationToken ct)
    {
        var mark = await db.SourceWatermarks.FindAsync([options.Name], ct);
        if (mark is null)
        {
            mark = new SourceWatermark { Name = options.Name, UpdatedUtc = DateTime.UtcNow };
            db.SourceWatermarks.Add(mark);
        }
        var results = new List<IngestResult>();
        while (true)
        {
            var url = $"{options.BaseUrl.TrimEnd('/')}{options.Path}?limit={options.PageSize}" +
                      (mark.SinceUtc is { } since ? $"&since={Uri.EscapeDataString(Since(since).ToString("O", CultureInfo.InvariantCulture))}" : "") +
                      (mark.Cursor is { } cursor ? $"&cursor={Uri.EscapeDataString(cursor)}" : "");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (options.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new("Bearer", key);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<Page>(ct) ?? new Page([], null);

            if (page.Items.Count > 0)
            {
                await using var csv = ToCsv(page.Items);
                var name = $"{options.Name} page {(mark.Cursor ?? "first")}";
                var result = await ingest.IngestAsync(IngestKinds.Surveys, csv, name, ct);
                results.Add(result);
                // Nothing of a refused page is in the database: the cursor stays on it, for the next run to try again.
                if (result.State != "completed")
                    throw new InvalidOperationException($"{options.Name}: batch {result.BatchId} was refused ({result.Error}); the cursor stays");
                var newest = page.Items.Max(i => (i.UpdatedAt ?? i.RespondedAt).UtcDateTime);
                if (mark.RunMaxUtc is null || newest > mark.RunMaxUtc) mark.RunMaxUtc = newest;
            }
            mark.Cursor = page.NextCursor;
            if (page.NextCursor is null)
            {
                mark.SinceUtc = mark.RunMaxUtc ?? mark.SinceUtc;
                mark.RunMaxUtc = null;
            }
            mark.UpdatedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(ct);
            if (page.NextCursor is null) break;
        }
        log.LogInformation("Pulled {Pages} page(s) from {Source}: {Loaded} loaded, {Duplicates} duplicate, {Quarantined} quarantined",
            results.Count, options.Name, results.Sum(r => r.Loaded), results.Sum(r => r.Duplicates), results.Sum(r => r.Quarantined));
        return results;
    }

    private DateTime Since(DateTime watermark) =>
        watermark - DateTime.MinValue > options.Overlap ? watermark - options.Overlap : DateTime.MinValue;

    /// <summary>The page as a CSV in our survey layout, so it goes through exactly the same validation and merge.</summary>
    private static MemoryStream ToCsv(IEnumerable<Item> items)
    {
        var sb = new StringBuilder("response_id,type,score,comment,responded_at,contact_id,customer_key\n");
        foreach (var i in items)
            sb.Append(Quote(i.Id)).Append(',').Append(Quote(i.Type)).Append(',').Append(i.Score?.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Quote(i.Comment)).Append(',').Append(i.RespondedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
              .Append(',').Append(Quote(i.ContactId)).Append(',').Append(Quote(i.CustomerKey)).Append('\n');
        return new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private static string Quote(string? s) =>
        s is null ? "" : s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
