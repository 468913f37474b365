using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>
/// CSV answers read back as Excel does: Dutch Excel (`;`, decimal comma, UTF-8 BOM) when asked with `?csv=nl` or a
/// Dutch `Accept-Language`, RFC 4180 otherwise; either way every cell is the figure the JSON answer gives.
/// </summary>
public sealed class CsvDialectTests : SeededApiTests
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    private static readonly string[] Answers =
    [
        $"/api/v1/metrics/nps?{March}&groupBy=team",
        $"/api/v1/metrics/contacts?{March}&groupBy=team",
        $"/api/v1/insights/fcr?{March}&groupBy=team",
        $"/api/v1/reasons/pareto?{March}",
        "/api/v1/ingest/batches",
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // A note with the Dutch separator and quotes in it: the reader must get it back whole.
        var contact = Fixtures.Contacts.Split('\n')[0] + "\n"
            + "K10,phone,billing,2026-03-12T09:00:00+01:00,,15,120,0,10,0,resolved,A1,Anna,T1,Team Noord,C10,"
            + "FAC-ONDUID,"
            + "\"terugbellen; klant zegt \"\"later\"\"\"";
        await Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream(contact), "k10.csv", default);
    }

    [Theory]
    [InlineData("csv=nl", null)]
    [InlineData("", "nl")]
    [InlineData("", "nl-BE")]
    [InlineData("", "en-GB;q=0.7, nl-NL")]
    public async Task DutchExcelReadsTheFiguresOfTheJsonAnswer(string query, string? language)
    {
        foreach (var url in Answers)
        {
            var table = ReadAsExcel(await CsvAsync(url, query, language), Dutch: true);
            Compare(await Http.GetFromJsonAsync<JsonElement>(url), table, url, Dutch: true);
        }
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("", "en-US,en;q=0.9,nl;q=0.8")]
    [InlineData("", "nl;q=0, en")]
    [InlineData("csv=rfc4180", "nl-NL")]
    public async Task OtherwiseTheAnswerStaysRfc4180(string query, string? language)
    {
        foreach (var url in Answers)
        {
            var table = ReadAsExcel(await CsvAsync(url, query, language), Dutch: false);
            Compare(await Http.GetFromJsonAsync<JsonElement>(url), table, url, Dutch: false);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheStreamedContactExportSpeaksBothDialects(bool dutch)
    {
        var url = $"/api/v1/contacts?{March}&sort=started&limit=500";
        var table = ReadAsExcel(await CsvAsync(url, dutch ? "csv=nl" : "", null), dutch);
        var items = (await Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, table.Count - 1);
        Assert.Contains(table, r => r.Contains("terugbellen; klant zegt \"later\""));
        var columns = new Dictionary<string, string>
        {
            ["id"] = "id", ["source_id"] = "sourceId", ["started_utc"] = "startedUtc", ["wait_s"] = "waitSeconds",
            ["talk_s"] = "talkSeconds", ["notes"] = "notes",
        };
        foreach (var (item, row) in items.Zip(table.Skip(1)))
            foreach (var (header, property) in columns)
                AssertCell(item.GetProperty(property), row[table[0].IndexOf(header)], $"{url} {header}", dutch);
    }

    [Fact]
    public async Task AnUnknownDialectIsABadRequestNamingTheParameter()
    {
        var response = await Http.GetAsync($"/api/v1/metrics/nps?{March}&csv=excel");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("csv", out _));
    }

    private async Task<byte[]> CsvAsync(string url, string query, string? language)
    {
        var target = query.Length == 0 ? url : $"{url}{(url.Contains('?') ? '&' : '?')}{query}";
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        // ?csv= asks for CSV on its own; otherwise the Accept header does.
        if (query.Length == 0) request.Headers.Accept.ParseAdd("text/csv");
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>What Excel does on opening: a BOM means UTF-8 (and is dropped); cells split on the separator.</summary>
    private static List<List<string>> ReadAsExcel(byte[] body, bool Dutch)
    {
        var bom = body.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        Assert.Equal(Dutch, bom);
        var text = Encoding.UTF8.GetString(bom ? body[3..] : body);
        var rows = Split(text, Dutch ? ';' : ',');
        Assert.True(rows.Count > 0 && rows[0].Count > 3, $"one column only: {rows.FirstOrDefault()?.FirstOrDefault()}");
        return rows;
    }

    /// <summary>RFC 4180 records, any separator: quoted cells may hold separators, quotes ("") and newlines.</summary>
    private static List<List<string>> Split(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (!quoted && c == separator) { row.Add(cell.ToString()); cell.Clear(); }
            else if (!quoted && c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString()); cell.Clear();
                rows.Add(row); row = [];
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        return rows;
    }

    /// <summary>Each CSV row against the JSON's list: a column `a` is the row's a, a column `a_b` its a.b.</summary>
    private static void Compare(JsonElement answer, List<List<string>> table, string url, bool Dutch)
    {
        var rows = answer.ValueKind == JsonValueKind.Array ? answer
            : answer.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        Assert.True(rows.GetArrayLength() > 0, $"{url}: nothing to compare");
        Assert.Equal(rows.GetArrayLength(), table.Count - 1);
        foreach (var (json, row) in rows.EnumerateArray().Zip(table.Skip(1)))
            foreach (var (header, cell) in table[0].Zip(row))
            {
                var path = header.Split('_');
                var value = json.GetProperty(path[0]);
                if (path.Length == 2 && value.ValueKind != JsonValueKind.Null) value = value.GetProperty(path[1]);
                AssertCell(value, cell, $"{url} {header}", Dutch);
            }
    }

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    private static void AssertCell(JsonElement json, string cell, string where, bool dutch)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Number:
                // Excel nl reads "33,33" as a number; "33.33" fails here (a point is no decimal separator in nl-NL).
                var culture = dutch ? Nl : CultureInfo.InvariantCulture;
                Assert.True(double.TryParse(cell, NumberStyles.Float, culture, out var n), $"{where}: '{cell}'");
                Assert.Equal(json.GetDouble(), n);
                break;
            case JsonValueKind.String when DateTime.TryParseExact(json.GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time):
                // Excel nl reads "2026-03-02 08:00:00" as a date and time, to the second.
                var format = dutch ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
                Assert.Equal(dutch ? time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond)) : time,
                    DateTime.ParseExact(cell, format, CultureInfo.InvariantCulture, DateTimeStyles.None));
                break;
            case JsonValueKind.Null:
            case JsonValueKind.String when json.GetString() is "NaN":
                // An undefined figure (no contacts to judge) is an empty cell, not text Excel cannot sum.
                Assert.Equal("", cell);
                break;
            case JsonValueKind.String:
                Assert.Equal(json.GetString(), cell);
                break;
            default:
                Assert.Equal(json.GetRawText(), cell);
                break;
        }
    }
}
