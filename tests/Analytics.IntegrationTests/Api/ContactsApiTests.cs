using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Search;
using CsvHelper;

namespace Analytics.IntegrationTests.Api;

public sealed class ContactsApiTests() : SeededApiTests(Roles.QualityManager)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new SearchIndexer(Db.DataSource).IndexMissingAsync(default);
    }

    private const string March = "from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task FullTextSearchFindsDutchWordFormsAndFiltersApply()
    {
        // "storingen" is stemmed like "storing"; "internet" appears in K2's notes only ("internet ligt eruit").
        var page = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&q=internet");
        Assert.Equal(["K2"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()));
        var facturen = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&q=facturen");
        Assert.Contains(facturen.GetProperty("items").EnumerateArray(), i => i.GetProperty("sourceId").GetString() == "K1");
        var chats = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&channel=chat");
        Assert.Equal(["K8", "K2"], chats.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()));
    }

    [Fact]
    public async Task AFirstPageIsCachedUntilTheNextBatchLands()
    {
        var url = $"/api/v1/contacts?{March}&channel=chat";
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").GetArrayLength());
        // Written behind the API's back: the cached page does not see it (the answer really is cached) …
        await using (var cmd = Db.DataSource.CreateCommand("UPDATE contacts SET channel = 'email' WHERE source_id = 'K2'")) await cmd.ExecuteNonQueryAsync();
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").GetArrayLength());
        // … a batch does, once the data version is looked at again (at most a second later).
        await Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream("contact_id,channel,started_at\nC1,chat,2026-03-20T09:00:00+01:00\n"), "c.csv", default);
        await Task.Delay(1100);
        Assert.Equal(["C1", "K8"], (await Http.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()));
    }

    [Fact]
    public async Task CodesFollowAnAgentMovedByABatchAndAReasonAddedOutsideOne()
    {
        // The listing names reasons, agents and teams from a copy (ContactCodes), not a join: it must not lag.
        string Row(JsonElement page, string id, string field) => page.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("sourceId").GetString() == id).GetProperty(field).GetString()!;
        var before = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&limit=500");
        Assert.Equal(("A1", "T1", "FAC-ONDUID"), (Row(before, "K1", "agent"), Row(before, "K1", "team"), Row(before, "K1", "reason")));

        // A batch moves A1 to a new team T9: the next data version's copy knows.
        await Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream(
            "contact_id,channel,started_at,agent_id,agent_name,team_code,team_name\nM1,phone,2026-03-21T09:00:00+01:00,A1,Anna,T9,Team Negen\n"),
            "move.csv", default);
        await Task.Delay(1100); // the data version is looked at again at most a second later
        var moved = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&limit=500&sort=started");
        Assert.Equal(("A1", "T9"), (Row(moved, "K1", "agent"), Row(moved, "K1", "team")));
        Assert.Equal("T9", Row(moved, "M1", "team"));

        // A reason added and given to K1 without a batch (as accepting a candidate reason does): the data version is
        // the same, the copy does not know the id and reads again.
        await using (var cmd = Db.DataSource.CreateCommand("""
            INSERT INTO contact_reasons (code, name_nl, name_en, department, avoidable) VALUES ('NIEUW', 'Nieuw', 'New', 'product', false);
            UPDATE contacts SET reason_id = (SELECT id FROM contact_reasons WHERE code = 'NIEUW') WHERE source_id = 'K1';
            """)) await cmd.ExecuteNonQueryAsync();
        var renamed = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&limit=499&sort=started");
        Assert.Equal("NIEUW", Row(renamed, "K1", "reason"));
        // The team filter is SQL, so it agrees at once: A1's contacts are T9's now.
        var t9 = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&team=T9&limit=500");
        Assert.Contains(t9.GetProperty("items").EnumerateArray(), i => i.GetProperty("sourceId").GetString() == "K1");
        Assert.All(t9.GetProperty("items").EnumerateArray(), i => Assert.Equal("T9", i.GetProperty("team").GetString()));
    }

    [Fact]
    public async Task PagesFollowTheCursorWithoutGapsOrRepeatsWhileRowsAreInserted()
    {
        var seen = new List<string>();
        string? cursor = null;
        var page = 0;
        do
        {
            var body = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&limit=3&sort=-started" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()!));
            cursor = body.GetProperty("nextCursor").GetString();
            if (page++ == 0)
            {
                // A newer contact lands between page 1 and 2: it sorts before the cursor, so it must not shift later pages.
                var csv = "contact_id,channel,started_at\nNEW1,phone,2026-03-30T09:00:00+02:00\n";
                await Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream(csv), "late.csv", default);
            }
        } while (cursor is not null);
        Assert.Equal(["K8", "K7", "K6", "K5", "K4", "K3", "K2", "K1"], seen);
    }

    [Fact]
    public async Task CsvExportEqualsTheJsonListing()
    {
        var json = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&limit=500");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/contacts?{March}&limit=2");
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await Http.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var csv = CsvReader.FromText(await response.Content.ReadAsStringAsync());
        var rows = new List<(string Id, string Notes, string Agent)>();
        while (csv.Read()) rows.Add((csv.GetString(1), csv.GetString(14), csv.GetString(13)));
        var expected = json.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("sourceId").GetString()!, i.GetProperty("notes").GetString() ?? "", i.GetProperty("agent").GetString() ?? "")).ToList();
        Assert.Equal(8, rows.Count); // the whole result, not one page
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task OneContactComesWithTheBehaviourChecksOfItsTranscript()
    {
        // The agent interrupts (turn 2 starts before turn 1 ends) and asks for the customer number before acknowledging the problem.
        const string transcript = """
            contact_id,seq,speaker,start_ms,end_ms,text
            K1,1,customer,0,6000,Mijn factuur is veel te hoog deze maand
            K1,2,agent,5000,8000,Wat is uw klantnummer?
            K1,3,customer,8500,10000,C1
            K1,4,agent,10500,15000,Dank u. Ik begrijp dat dit vervelend is. Ik pas het bedrag aan.
            """;
        await Host.Service<IngestService>().IngestAsync("transcripts", Fixtures.Stream(transcript), "t.csv", default);
        var id = (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&q=begreep")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var contact = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{id}");
        Assert.Equal(4, contact.GetProperty("transcript").GetArrayLength());
        var behaviour = contact.GetProperty("behaviour");
        Assert.Equal(1, behaviour.GetProperty("interruptions").GetInt32());
        Assert.False(behaviour.GetProperty("acknowledgedBeforeId").GetBoolean());

        var withoutTranscript = (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&q=internet")).GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(JsonValueKind.Null, (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{withoutTranscript}")).GetProperty("behaviour").ValueKind);
    }

    [Fact]
    public async Task OneContactComesWithItsSurveysAndACorrectionChangesItsReason()
    {
        var id = (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&q=verhuizing")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var contact = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{id}");
        Assert.Equal("K8", contact.GetProperty("sourceId").GetString());
        Assert.Equal(3, contact.GetProperty("surveys").GetArrayLength());

        var bad = await Http.PostAsJsonAsync($"/api/v1/contacts/{id}/reason", new { reasonCode = "NOPE" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var ok = await Http.PostAsJsonAsync($"/api/v1/contacts/{id}/reason", new { reasonCode = "STO-INT" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var after = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{id}");
        Assert.Equal("STO-INT", after.GetProperty("reason").GetString());
        Assert.Equal("VER-ADRES", after.GetProperty("corrections")[0].GetProperty("previousReasonCode").GetString());

        using var analyst = await Host.ClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("limit=1000000000", "limit")]
    [InlineData("sort=password", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("channel=fax", "channel")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=99999999999999", "limit")]
    [InlineData("limit=1;DROP TABLE contacts", "limit")]
    public async Task BadListParametersAre400NamingTheParameter(string query, string parameter)
    {
        var response = await Http.GetAsync($"/api/v1/contacts?{March}&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var why));
        Assert.DoesNotContain("Nullable", why[0].GetString()); // a sentence for a person, not a .NET type name
    }

    [Fact]
    public async Task ContactKpisAndTheReasonParetoAnswerForThePeriod()
    {
        var kpi = (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/contacts?{March}")).GetProperty("groups")[0];
        Assert.Equal(8, kpi.GetProperty("contacts").GetInt32());
        // AHT of March: talk+hold+acw of K1..K8 = 320+210+590+300+255+335+780+185 = 2975 / 8 = 371.875
        Assert.Equal(371.9, kpi.GetProperty("averageHandleTimeSeconds").GetDouble());
        var pareto = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/reasons/pareto?{March}");
        Assert.Equal(8, pareto.GetProperty("totalContacts").GetInt32());
        Assert.Equal(100.0, pareto.GetProperty("reasons").EnumerateArray().Last().GetProperty("cumulativePercent").GetDouble());
    }
}
