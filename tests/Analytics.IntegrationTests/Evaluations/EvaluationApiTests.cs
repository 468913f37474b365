using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Evaluations;

/// <summary>
/// An evaluation of K1 (agent A1, team T1) over the real host: auto-QA pre-fills from the transcript with the turns as
/// evidence, the evaluator overrides one item and confirms, the agreement figure counts it, the agent disputes an item
/// and a quality manager upholds it. Scope: team T2's lead may not touch it.
/// </summary>
public sealed class EvaluationApiTests : SeededApiTests
{
    // Turn 2 starts inside the customer's first turn and asks for the postcode before any acknowledgement; turn 4 is an
    // open question; turn 6 a summary. No top-score request.
    private const string Transcript = """
        contact_id,seq,speaker,start_ms,end_ms,text
        K1,1,customer,0,4000,"Goedemiddag, ik begrijp mijn factuur niet, er staat een bedrag op dat ik niet ken."
        K1,2,agent,3000,6000,Wat is uw postcode en huisnummer?
        K1,3,customer,6500,8000,"1234 AB, nummer 5."
        K1,4,agent,8500,12000,Wat staat er precies op de factuur?
        K1,5,customer,12500,15000,Een bedrag voor een modem.
        K1,6,agent,15500,19000,"Als ik het goed begrijp gaat het om de modemhuur, klopt dat?"
        K1,7,customer,19500,20000,Ja.
        """;

    private long _k1;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.Service<IngestService>().IngestAsync("transcripts", Fixtures.Stream(Transcript), "t.csv", CancellationToken.None);
        _k1 = await Db.ScalarAsync("SELECT id FROM contacts WHERE source_id = 'K1'");
    }

    private static JsonElement Item(JsonElement evaluation, string code) =>
        evaluation.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetString() == code);

    private async Task<JsonElement> StartAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/evaluations", new { contactId = _k1 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static readonly object[] Answers =
    [
        new { item = "uitpraten", value = "yes", comment = "turn 2 overlapt 1 s, geen onderbreking" },
        new { item = "geruststellen", value = "yes" }, new { item = "vervolg", value = "na" },
        new { item = "juist", value = "4" }, new { item = "opgelost", value = "yes" },
    ];

    [Fact]
    public async Task AutoQaPreFillsWithEvidenceAndTheEvaluatorOverridesAndConfirms()
    {
        var draft = await StartAsync(Http);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(("A1", "T1"), (draft.GetProperty("agent").GetString(), draft.GetProperty("team").GetString()));
        Assert.Equal(7, draft.GetProperty("transcript").GetArrayLength());
        (string Item, string? Value, int[] Evidence)[] expected =
        [
            ("uitpraten", "no", [2]), ("vragen", "yes", [4]), ("samenvatten", "yes", [6]), ("eerst-erkennen", "no", [2]),
            ("geen-topscore-vragen", "yes", []), ("geruststellen", null, []), ("juist", null, []),
        ];
        foreach (var (code, value, evidence) in expected)
        {
            var item = Item(draft, code);
            Assert.Equal(value, item.GetProperty("autoValue").GetString());
            Assert.Equal(evidence, item.GetProperty("evidence").EnumerateArray().Select(e => e.GetInt32()));
        }

        var id = draft.GetProperty("id").GetInt64();
        var incomplete = await Http.PutAsJsonAsync($"/api/v1/evaluations/{id}", new { answers = Answers[..2], confirm = true });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("juist", (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("answers")[0].GetString());
        var badValue = await Http.PutAsJsonAsync($"/api/v1/evaluations/{id}", new { answers = new[] { new { item = "juist", value = "6" } }, confirm = false });
        Assert.True((await badValue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("answers[0].value", out _));

        var confirmed = await (await Http.PutAsJsonAsync($"/api/v1/evaluations/{id}", new { answers = Answers, confirm = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        Assert.True(Item(confirmed, "uitpraten").GetProperty("overridden").GetBoolean());
        // Weights 2,2,1,2,(na),2,3,3,1: points 2+2+1+2+0+3*0.75+3+1 = 13.25 of 16.
        Assert.Equal(82.81, confirmed.GetProperty("scorePercent").GetDouble(), 2);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PutAsJsonAsync($"/api/v1/evaluations/{id}", new { answers = Answers, confirm = true })).StatusCode);

        // One confirmed evaluation: let_finish disagrees (n 1, 0%, kappa 0), the other four agree (kappa undefined).
        var agreement = await Http.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/agreement?from=2026-03-01&to=2026-03-31");
        var byCheck = agreement.EnumerateArray().ToDictionary(a => a.GetProperty("check").GetString()!);
        Assert.Equal(5, byCheck.Count);
        Assert.Equal((1, 0.0, 0.0), (byCheck["let_finish"].GetProperty("n").GetInt32(), byCheck["let_finish"].GetProperty("shareAgreeing").GetDouble(),
            byCheck["let_finish"].GetProperty("kappa").GetDouble()));
        Assert.Equal(100.0, byCheck["open_question"].GetProperty("shareAgreeing").GetDouble());
        Assert.Equal(JsonValueKind.Null, byCheck["open_question"].GetProperty("kappa").ValueKind);
        Assert.Empty((await Http.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/agreement?from=2026-04-01&to=2026-04-30")).EnumerateArray());
    }

    [Fact]
    public async Task ATeamLeadEvaluatesItsOwnTeamOnlyAndEveryLookIsAudited()
    {
        using var north = await Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        using var south = await Host.ClientAsync(Roles.TeamLead, teams: ["T2"]);
        var id = (await StartAsync(north)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await south.PostAsJsonAsync("/api/v1/evaluations", new { contactId = _k1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await south.GetAsync($"/api/v1/evaluations/{id}")).StatusCode);
        Assert.Empty((await south.GetFromJsonAsync<JsonElement>("/api/v1/evaluations?from=2026-03-01&to=2026-03-31")).EnumerateArray());
        Assert.Single((await north.GetFromJsonAsync<JsonElement>("/api/v1/evaluations?from=2026-03-01&to=2026-03-31")).EnumerateArray());
        // Someone else's draft is not the admin's to fill in.
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PutAsJsonAsync($"/api/v1/evaluations/{id}", new { answers = Answers, confirm = false })).StatusCode);
        await using var db = Db.NewDbContext();
        var audited = await db.AuditLog.Where(a => a.Path.StartsWith("/api/v1/evaluations")).Select(a => a.Status).ToListAsync();
        Assert.Contains(403, audited);
        Assert.Contains(201, audited);
    }

    [Fact]
    public async Task AnAgentSeesItsConfirmedEvaluationDisputesAnItemAndTheDisputeIsResolvedAndCounted()
    {
        var id = (await StartAsync(Http)).GetProperty("id").GetInt64();
        using var anna = await Host.ClientAsync(Roles.Agent, agent: "A1");
        using var bert = await Host.ClientAsync(Roles.Agent, agent: "A2");
        Assert.Empty((await anna.GetFromJsonAsync<JsonElement>("/api/v1/me/evaluations")).EnumerateArray());   // a draft
        (await Http.PutAsJsonAsync($"/api/v1/evaluations/{id}", new { answers = Answers, confirm = true })).EnsureSuccessStatusCode();
        var mine = (await anna.GetFromJsonAsync<JsonElement>("/api/v1/me/evaluations")).EnumerateArray().Single();
        Assert.Equal(id, mine.GetProperty("id").GetInt64());
        Assert.Empty((await bert.GetFromJsonAsync<JsonElement>("/api/v1/me/evaluations")).EnumerateArray());

        var dispute = new { item = "eerst-erkennen", comment = "Ik zei eerst 'wat vervelend', dat staat in de opname." };
        Assert.Equal(HttpStatusCode.NotFound, (await bert.PostAsJsonAsync($"/api/v1/me/evaluations/{id}/disputes", dispute)).StatusCode);
        var noComment = await anna.PostAsJsonAsync($"/api/v1/me/evaluations/{id}/disputes", new { item = "eerst-erkennen" });
        Assert.True((await noComment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("comment", out _));
        var raised = await anna.PostAsJsonAsync($"/api/v1/me/evaluations/{id}/disputes", dispute);
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await anna.PostAsJsonAsync($"/api/v1/me/evaluations/{id}/disputes", dispute)).StatusCode);
        var disputeId = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var quality = await Host.ClientAsync(Roles.QualityManager);
        var summary = await quality.GetFromJsonAsync<JsonElement>(DisputesUrl);
        Assert.Equal((1, 1), (summary.GetProperty("raised").GetInt32(), summary.GetProperty("open").GetInt32()));
        var upheld = await quality.PostAsJsonAsync($"/api/v1/evaluations/disputes/{disputeId}/resolve",
            new { upheld = true, value = "yes", comment = "Klopt, erkenning ging voor." });
        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);
        // eerst-erkennen (weight 2) from no to yes: 15.25 of 16.
        var after = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{id}");
        Assert.Equal(95.31, after.GetProperty("scorePercent").GetDouble(), 2);
        Assert.Equal("upheld", after.GetProperty("disputes")[0].GetProperty("status").GetString());
        summary = await quality.GetFromJsonAsync<JsonElement>(DisputesUrl);
        Assert.Equal((1, 0, 1, 0), (summary.GetProperty("raised").GetInt32(), summary.GetProperty("open").GetInt32(),
            summary.GetProperty("upheld").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await quality.PostAsJsonAsync($"/api/v1/evaluations/disputes/{disputeId}/resolve",
            new { upheld = false })).StatusCode);
    }

    private static string DisputesUrl
    {
        get
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return $"/api/v1/evaluations/disputes?from={today.AddDays(-2):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}";
        }
    }

    [Fact]
    public async Task TheSampleGivesEveryAgentTheSameQuotaSaysWhatWasTargetedAndRepeatsWithItsSeed()
    {
        const string url = "/api/v1/evaluations/sample?from=2026-03-01&to=2026-03-31&perAgent=2&targeted=1&seed=7";
        var sample = (await Http.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().ToList();
        // March: A1 has K1-K3, A2 K4-K5, B1 K6-K8; A2's K5 and B1's K7 had a detractor (S5, S7).
        var perAgent = sample.GroupBy(s => s.GetProperty("agent").GetString()).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal(["A1", "A2", "B1"], perAgent.Keys.Order());
        Assert.All(perAgent.Values, picks => Assert.Equal(2, picks.Count));
        Assert.Contains(perAgent["A2"], s => s.GetProperty("targeted").GetString() == "detractor" && s.GetProperty("contactId").GetInt64()
            == Db.ScalarAsync("SELECT id FROM contacts WHERE source_id = 'K5'").Result);
        Assert.All(perAgent.Values, picks => Assert.True(picks.Count(p => p.GetProperty("targeted").ValueKind != JsonValueKind.Null) <= 1));
        Assert.Equal(sample.Select(s => s.GetProperty("contactId").GetInt64()),
            (await Http.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Select(s => s.GetProperty("contactId").GetInt64()));

        using var north = await Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        var own = await north.GetFromJsonAsync<JsonElement>(url);
        Assert.All(own.EnumerateArray(), s => Assert.Equal("T1", s.GetProperty("team").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await north.GetAsync(url + "&team=T2")).StatusCode);
        var bad = await Http.GetAsync("/api/v1/evaluations/sample?perAgent=3&targeted=4");
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("targeted", out _));
    }
}
