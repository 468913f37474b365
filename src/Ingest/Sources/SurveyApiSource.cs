using System.Globalization;
using System.Text;
using System.Text.Json;
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
    /// <summary>A response as the tool sends it (what a well-formed item holds; the pull itself reads items leniently).</summary>
    public sealed record Item(
        string Id, string Type, int? Score, string? Comment, DateTimeOffset RespondedAt, string? ContactId, string? CustomerKey,
        DateTimeOffset? UpdatedAt);

    private static readonly string[] Fields = ["id", "type", "score", "comment", "respondedAt", "contactId", "customerKey"];

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
            using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            // Not a page at all (an error page with status 200): nothing is read, the cursor stays for the next run.
            if (page.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidOperationException($"{options.Name}: the answer to {url} is not a page of items");
            var items = page.RootElement.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().ToList() : [];
            var nextCursor = page.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String
                ? next.GetString() : null;

            if (items.Count > 0)
            {
                await using var csv = ToCsv(items);
                var name = $"{options.Name} page {(mark.Cursor ?? "first")}";
                var result = await ingest.IngestAsync(IngestKinds.Surveys, csv, name, ct);
                results.Add(result);
                // Nothing of a refused page is in the database: the cursor stays on it, for the next run to try again.
                if (result.State != "completed")
                    throw new InvalidOperationException($"{options.Name}: batch {result.BatchId} was refused ({result.Error}); the cursor stays");
                var newest = items.Select(i => Instant(Text(i, "updatedAt")) ?? Instant(Text(i, "respondedAt"))).Max();
                if (newest is not null && (mark.RunMaxUtc is null || newest > mark.RunMaxUtc)) mark.RunMaxUtc = newest;
            }
            mark.Cursor = nextCursor;
            if (nextCursor is null)
            {
                mark.SinceUtc = mark.RunMaxUtc ?? mark.SinceUtc;
                mark.RunMaxUtc = null;
            }
            mark.UpdatedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(ct);
            if (nextCursor is null) break;
        }
        log.LogInformation("Pulled {Pages} page(s) from {Source}: {Loaded} loaded, {Duplicates} duplicate, {Quarantined} quarantined",
            results.Count, options.Name, results.Sum(r => r.Loaded), results.Sum(r => r.Duplicates), results.Sum(r => r.Quarantined));
        return results;
    }

    private DateTime Since(DateTime watermark) =>
        watermark - DateTime.MinValue > options.Overlap ? watermark - options.Overlap : DateTime.MinValue;

    /// <summary>
    /// The page as a CSV in our survey layout, so it goes through exactly the same validation and merge. Items are read
    /// field by field, not as one typed record: an item the tool got wrong (a score "tien", no date) becomes a line the
    /// validation quarantines with its reason, while the rest of the page lands. One such item no longer stops the pull.
    /// </summary>
    private static MemoryStream ToCsv(IEnumerable<JsonElement> items)
    {
        var sb = new StringBuilder("response_id,type,score,comment,responded_at,contact_id,customer_key\n");
        foreach (var item in items)
        {
            var values = Fields.Select(f => Text(item, f));
            // Instants in UTC, so an offset the tool sends is never read as local time; text that is no instant stays
            // as it came, for the validation to name.
            sb.AppendJoin(',', values.Select((v, i) => Quote(Fields[i] == "respondedAt" && Instant(v) is { } utc
                ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : v))).Append('\n');
        }
        return new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>A field as text (names matched as the tool's camelCase or not); null when absent or null.</summary>
    private static string? Text(JsonElement item, string field)
    {
        if (item.ValueKind != JsonValueKind.Object) return field == "id" ? item.GetRawText() : null;
        foreach (var p in item.EnumerateObject())
            if (p.Name.Equals(field, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                };
        return null;
    }

    private static DateTime? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;

    private static string Quote(string? s) =>
        s is null ? "" : s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
