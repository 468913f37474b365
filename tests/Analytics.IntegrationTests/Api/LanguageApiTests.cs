using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>A contact's language from the export's column or its notes, carried to its surveys, and filtered on in the API.</summary>
public sealed class LanguageApiTests() : SeededApiTests(Roles.QualityManager)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    // L1 says English although its notes are Dutch (the column wins), L2 has no value and English notes, L3's value is no language.
    private const string WithLanguage = """
        contact_id,channel,queue,started_at,agent_id,team_code,team_name,customer_key,notes,language
        L1,phone,billing,2026-03-16T09:00:00+01:00,B1,T2,Team Zuid,C20,klant belt over factuur,en-GB
        L2,chat,tech,2026-03-17T09:00:00+01:00,B1,T2,Team Zuid,C21,Customer could not log in to the app; password reset sent,
        L3,phone,tech,2026-03-18T09:00:00+01:00,B1,T2,Team Zuid,C22,storing,Klingon please
        """;

    // U1 follows L1 (en); U2's contact L9 is not known yet, so its English comment speaks for it; U3 follows L2 despite a Dutch comment.
    private const string Surveys = """
        response_id,type,score,comment,responded_at,contact_id
        U1,nps,9,,2026-03-16T12:00:00+01:00,L1
        U2,nps,2,The app keeps crashing and nobody helps,2026-03-18T12:00:00+01:00,L9
        U3,nps,10,Heel fijn geholpen,2026-03-17T12:00:00+01:00,L2
        """;

    private async Task<IngestResult> IngestAsync(string kind, string csv, string file) =>
        await Host.Service<IngestService>().IngestAsync(kind, Fixtures.Stream(csv), file, default);

    private async Task<string?> LanguageOfAsync(string table, string sourceId)
    {
        await using var cmd = Db.DataSource.CreateCommand($"SELECT language FROM {table} WHERE source_id = @id");
        cmd.Parameters.AddWithValue("id", sourceId);
        return (await cmd.ExecuteScalarAsync()) as string;
    }

    [Fact]
    public async Task TheExportsColumnWinsNotesTellOtherwiseAndABadValueIsQuarantined()
    {
        var result = await IngestAsync("contacts", WithLanguage, "lang.csv");
        Assert.Equal((3, 2, 1), (result.RowsRead, result.Loaded, result.Quarantined));
        await using (var db = Db.NewDbContext())
            Assert.Contains("language 'Klingon please' is not a language", Assert.Single(db.QuarantinedRows.Where(q => q.SourceFile == "lang.csv")).Reason);
        Assert.Equal("en", await LanguageOfAsync("contacts", "L1"));
        Assert.Equal("en", await LanguageOfAsync("contacts", "L2"));
        Assert.Equal("nl", await LanguageOfAsync("contacts", "K1")); // "klant begreep factuur niet"
        Assert.Null(await LanguageOfAsync("contacts", "K3"));         // "modem herstart": no evidence either way

        // A given language is content: the same file again is all duplicates, a changed value an update.
        var again = await IngestAsync("contacts", WithLanguage, "lang.csv");
        Assert.Equal((0, 2, 0), (again.Loaded, again.Duplicates, again.Updated));
        var changed = await IngestAsync("contacts", WithLanguage.Replace(",en-GB", ",Nederlands"), "lang.csv");
        Assert.Equal((1, 1), (changed.Updated, changed.Duplicates));
        Assert.Equal("nl", await LanguageOfAsync("contacts", "L1"));
    }

    [Fact]
    public async Task SurveysTakeTheirContactsLanguageAndTheCommentsUntilItArrives()
    {
        await IngestAsync("contacts", WithLanguage, "lang.csv");
        await IngestAsync("surveys", Surveys, "lang-surveys.csv");
        Assert.Equal("en", await LanguageOfAsync("survey_responses", "U1"));
        Assert.Equal("en", await LanguageOfAsync("survey_responses", "U2"));
        Assert.Equal("en", await LanguageOfAsync("survey_responses", "U3"));

        await IngestAsync("contacts", "contact_id,channel,started_at,notes,language\nL9,phone,2026-03-18T10:00:00+01:00,app crasht,NL\n", "late.csv");
        Assert.Equal("nl", await LanguageOfAsync("survey_responses", "U2"));
    }

    [Fact]
    public async Task SurveyFiguresSplitAndFilterByLanguage()
    {
        await IngestAsync("contacts", WithLanguage, "lang.csv");
        await IngestAsync("surveys", Surveys, "lang-surveys.csv");

        var split = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?{March}&groupBy=language");
        var n = split.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString() ?? "(none)", g => g.GetProperty("n").GetInt32());
        // Fixture NPS responses of March: nine follow their Dutch contacts; S3's contact K3 has no language, so its comment
        // ("prima") speaks for it. U1-U3 are English.
        Assert.Equal(new Dictionary<string, int> { ["en"] = 3, ["nl"] = 10 }, n);

        var english = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/nps?{March}&language=English");
        var all = Assert.Single(english.GetProperty("groups").EnumerateArray());
        Assert.Equal(3, all.GetProperty("n").GetInt32());
        // 9, 2, 10: two promoters, one detractor of three.
        Assert.Equal(33.33, all.GetProperty("value").GetDouble(), 2);

        var search = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&language=en");
        Assert.Equal(["L2", "L1"], search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()));
        Assert.Equal("en", search.GetProperty("items")[0].GetProperty("language").GetString());
    }

    [Fact]
    public async Task EnglishNotesAreFoundByEnglishWordForms()
    {
        await IngestAsync("contacts", WithLanguage, "lang.csv");
        await new Analytics.Search.SearchIndexer(Db.DataSource).IndexMissingAsync(default);
        // L2: "Customer could not log in to the app; password reset sent" — stemmed as English, so "passwords" and "resetting" find it.
        var found = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&q=passwords%20resetting");
        Assert.Equal(["L2"], found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()));
        // Dutch notes stay Dutch: "storingen" finds K7's "storing gemeld".
        var dutch = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?{March}&q=storingen");
        Assert.Contains("K7", dutch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()));
    }

    [Fact]
    public async Task HistoryLoadedWithoutLanguagesGetsThemFromTheBackfill()
    {
        await IngestAsync("contacts", WithLanguage, "lang.csv");
        await IngestAsync("surveys", Surveys, "lang-surveys.csv");
        await using (var wipe = Db.DataSource.CreateCommand("UPDATE contacts SET language = NULL; UPDATE survey_responses SET language = NULL"))
            await wipe.ExecuteNonQueryAsync();

        var result = await new Analytics.Contacts.LanguageBackfill(Db.DataSource).RunAsync(default);
        // Notes of K1-K9 and L1-L2: K3 ("modem herstart") and K9 ("februari") give no evidence.
        Assert.Equal((11, 9), (result.ContactsRead, result.ContactsSet));
        Assert.Equal("nl", await LanguageOfAsync("contacts", "L1")); // its notes are Dutch; the column it had is not kept
        Assert.Equal("en", await LanguageOfAsync("contacts", "L2"));
        Assert.Equal("nl", await LanguageOfAsync("survey_responses", "S1"));   // from K1
        Assert.Equal("en", await LanguageOfAsync("survey_responses", "U3"));   // from L2, not its Dutch comment
        Assert.Equal("en", await LanguageOfAsync("survey_responses", "U2"));   // no contact: its comment
        Assert.Equal("nl", await LanguageOfAsync("survey_responses", "S3"));   // K3 has none: "prima"

        var again = await new Analytics.Contacts.LanguageBackfill(Db.DataSource).RunAsync(default);
        Assert.Equal((2, 0, 0), (again.ContactsRead, again.ContactsSet, again.SurveysFromContacts));
    }

    [Theory]
    [InlineData("/api/v1/metrics/nps?language=xx1")]
    [InlineData("/api/v1/contacts?language=Klingon%20please")]
    public async Task ALanguageThatIsNoneIsABadRequestNamingTheParameter(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _));
    }
}
