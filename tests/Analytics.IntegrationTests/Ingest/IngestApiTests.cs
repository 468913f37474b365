using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Ingest;

public sealed class IngestApiTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ApiHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db);
        _http = await _host.ClientAsync();
        var reasons = await _http.PostAsync("/api/v1/ingest/reasons", new StringContent(Fixtures.Reasons, Encoding.UTF8, "text/csv"));
        reasons.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task AMultipartUploadReturnsTheBatchAndItsCountsAreReadableLater()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(Fixtures.Contacts, Encoding.UTF8, "text/csv"), "file", "contacts-march.csv");
        var response = await _http.PostAsync("/api/v1/ingest/contacts", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = result.GetProperty("batchId").GetInt64();
        Assert.Equal(9, result.GetProperty("loaded").GetInt32());

        var batch = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/ingest/batches/{id}");
        Assert.Equal("completed", batch.GetProperty("state").GetString());
        Assert.Equal("contacts-march.csv", batch.GetProperty("sourceFile").GetString());
        Assert.Equal(9, batch.GetProperty("rowsRead").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/v1/ingest/batches/999999")).StatusCode);
    }

    [Fact]
    public async Task QuarantinedRowsCanBeListedFixedAndResubmitted()
    {
        var csv = """
            contact_id,channel,started_at,reason_code
            Q1,phone,2026-03-02T09:00:00+01:00,STO-INT
            Q2,telefoon,2026-03-02T09:00:00+01:00,STO-INT
            Q3,chat,2026-03-02T25:00:00+01:00,STO-INT
            """;
        var body = new StringContent(csv, Encoding.UTF8, "text/csv");
        body.Headers.Add("X-File-Name", "bad-export.csv");
        var first = await (await _http.PostAsync("/api/v1/ingest/contacts", body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, first.GetProperty("quarantined").GetInt32());
        var batchId = first.GetProperty("batchId").GetInt64();

        var rows = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/ingest/batches/{batchId}/quarantine");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(3, rows[0].GetProperty("lineNumber").GetInt32());
        Assert.Equal("Q2,telefoon,2026-03-02T09:00:00+01:00,STO-INT", rows[0].GetProperty("rawText").GetString());

        var fix = new
        {
            rows = new object[]
            {
                new { id = rows[0].GetProperty("id").GetInt64(), rawText = "Q2,phone,2026-03-02T09:00:00+01:00,STO-INT" },
                new { id = rows[1].GetProperty("id").GetInt64(), rawText = "Q3,chat,2026-03-02T23:00:00+01:00,STO-INT" },
            },
        };
        var resubmitted = await (await _http.PostAsJsonAsync("/api/v1/ingest/quarantine/resubmit", fix)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, resubmitted[0].GetProperty("loaded").GetInt32());
        Assert.Equal(3, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
        Assert.Equal(2, await _db.ScalarAsync("SELECT count(*) FROM quarantined_rows WHERE resolved_utc IS NOT NULL"));

        var again = await _http.PostAsJsonAsync("/api/v1/ingest/quarantine/resubmit", fix);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task AResubmitWhoseNewBatchFailsLeavesTheRowsUnresolved()
    {
        var body = new StringContent("contact_id,channel,started_at\nR1,fax,2026-03-02T09:00:00+01:00\n", Encoding.UTF8, "text/csv");
        var first = await (await _http.PostAsync("/api/v1/ingest/contacts", body)).Content.ReadFromJsonAsync<JsonElement>();
        var batchId = first.GetProperty("batchId").GetInt64();
        var row = (await _http.GetFromJsonAsync<JsonElement>($"/api/v1/ingest/batches/{batchId}/quarantine"))[0];
        // The stored header no longer describes a contacts file, so the new batch is refused as a whole.
        await _db.ExecAsync($"UPDATE ingest_batches SET header = 'wat,is,dit' WHERE id = {batchId}");

        var fix = new { rows = new[] { new { id = row.GetProperty("id").GetInt64(), rawText = "R1,phone,2026-03-02T09:00:00+01:00" } } };
        var answer = await (await _http.PostAsJsonAsync("/api/v1/ingest/quarantine/resubmit", fix)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("failed", answer[0].GetProperty("state").GetString());
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM quarantined_rows WHERE resolved_utc IS NOT NULL"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
    }

    [Theory]
    [InlineData("/api/v1/ingest/invoices", "kind")]
    [InlineData("/api/v1/ingest/contacts?profile=../../etc/passwd", "profile")]
    public async Task BadUploadsAnswer400NamingTheField(string url, string field)
    {
        var response = await _http.PostAsync(url, new StringContent(Fixtures.Contacts, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
