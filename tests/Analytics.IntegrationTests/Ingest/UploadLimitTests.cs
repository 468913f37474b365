using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>Ingest:MaxUploadBytes refuses a larger upload with 413 and a problem document, and loads nothing.</summary>
public sealed class UploadLimitTests : SeededApiTests
{
    private const int Limit = 2048;

    protected override IDictionary<string, string?>? Settings =>
        new Dictionary<string, string?> { ["Ingest:MaxUploadBytes"] = $"{Limit}" };

    // Surveys with valid rows: a refusal can only come from the size.
    private static string Surveys(int rows) => "response_id,type,score,responded_at\n" + string.Concat(
        Enumerable.Range(0, rows).Select(i => $"U{i:D5},nps,9,2026-03-20T10:00:00+01:00\n"));

    [Fact]
    public async Task AnUploadOverTheLimitIsRefusedWith413WhetherItsLengthIsAnnouncedOrStreamed()
    {
        var before = await BatchCountAsync();
        var text = Surveys(100);
        Assert.True(Encoding.UTF8.GetByteCount(text) > Limit);

        await AssertTooLargeAsync(await Http.PostAsync("/api/v1/ingest/surveys", Csv(text)));

        // No Content-Length: the limit must hold while the body is read.
        var streamed = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(text)));
        streamed.Headers.ContentType = new("text/csv");
        await AssertTooLargeAsync(await Http.PostAsync("/api/v1/ingest/surveys", streamed));

        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(text, Encoding.UTF8, "text/csv"), "file", "big.csv");
        await AssertTooLargeAsync(await Http.PostAsync("/api/v1/ingest/surveys", form));

        Assert.Equal(before, await BatchCountAsync());
    }

    [Fact]
    public async Task AnUploadUnderTheLimitLoads()
    {
        var response = await Http.PostAsync("/api/v1/ingest/surveys", Csv(Surveys(3)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<int> BatchCountAsync() =>
        (await Http.GetFromJsonAsync<JsonElement>("/api/v1/ingest/batches?limit=500")).GetArrayLength();

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("MaxUploadBytes", problem.GetProperty("detail").GetString());
    }

    /// <summary>A body whose length is unknown up front, as a chunked upload's is.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
