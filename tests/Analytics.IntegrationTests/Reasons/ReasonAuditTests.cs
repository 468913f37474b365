using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Classification;
using Analytics.Ingest.Samples;
using Analytics.Reasons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Reasons;

public sealed class ReasonAuditTests(ReasonAuditCentre centre) : IClassFixture<ReasonAuditCentre>
{
    private const string Spring = "from=2026-03-30&to=2026-06-28";

    /// <summary>The candidate most of whose members the agents coded as the reason the model never saw.</summary>
    private async Task<(int Id, double Purity, int Members)> PlantedAsync()
    {
        await using var db = centre.Db.NewDbContext();
        var shares = await (from m in db.Set<ReasonCandidateMember>()
                            join c in db.Contacts on m.ContactId equals c.Id
                            join r in db.Reasons on c.ReasonId equals r.Id
                            group r.Code by m.CandidateId into g
                            select new { Id = g.Key, Members = g.Count(), Planted = g.Count(x => x == ReasonAuditCentre.NewReason) })
            .ToListAsync();
        var best = shares.OrderByDescending(s => s.Planted).First();
        return (best.Id, best.Planted / (double)best.Members, best.Members);
    }

    [Fact]
    public async Task ThePlantedAprilReasonIsFoundAsACandidateNamedByItsWords()
    {
        var (id, purity, _) = await PlantedAsync();
        Assert.True(purity >= 0.7, $"candidate {id} is only {purity:P0} {ReasonAuditCentre.NewReason}");
        using var http = await centre.Host.ClientAsync(Roles.Analyst);
        var answer = await http.GetFromJsonAsync<JsonElement>($"/api/v1/reasons/candidates?{Spring}");
        var candidate = answer.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == id);
        var words = candidate.GetProperty("words").EnumerateArray().Select(w => w.GetString()!).ToList();
        // Named by the planted reason's own note phrases ("wil papieren factuur terug", "inlogcode digitale nota …").
        var phrases = ReasonTexts.ByIndex[SampleCatalog.Reason(ReasonAuditCentre.NewReason).Index].Notes;
        Assert.Contains(words, w => phrases.Any(p => p.Contains(w, StringComparison.Ordinal)));
        Assert.DoesNotContain(words, w => w.Contains('[') || w == "klant");
        Assert.True(candidate.GetProperty("weeks").GetArrayLength() >= 10);
        Assert.NotEmpty(candidate.GetProperty("teams").EnumerateArray());
        Assert.NotEmpty(candidate.GetProperty("channels").EnumerateArray());
        Assert.All(candidate.GetProperty("examples").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("notes").GetString())));
    }

    [Theory]
    [InlineData("nl", "Nieuwe redenen (kandidaten)")]
    [InlineData("en", "New reasons (candidates)")]
    public async Task TheReasonsReportHasANewReasonsSectionNamingTheCandidate(string language, string title)
    {
        var (id, _, _) = await PlantedAsync();
        var path = centre.Host.PdfPath("reasons-" + language);
        await using (var file = File.Create(path))
            await centre.Host.Service<Analytics.Reports.ReportRenderer>().RenderAsync("reasons", ReasonAuditCentre.Spring,
                Analytics.Reports.ReportLanguage.Parse(language), Analytics.Reports.ReportFilters.None, file, CancellationToken.None);
        var pdf = Analytics.IntegrationTests.Reports.PdfContent.Read(path);
        Assert.Contains(title, pdf.Text);
        Assert.Contains(pdf.Lines, l => l.StartsWith($"#{id} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CandidateIdsStayTheSameAcrossRunsAndAShiftedPeriod()
    {
        var (before, _, _) = await PlantedAsync();
        await using (var scope = centre.Host.Services.CreateAsyncScope())
            await ReasonAuditCentre.Discovery(scope).RefreshAsync(ReasonAuditCentre.Spring, CancellationToken.None);
        Assert.Equal(before, (await PlantedAsync()).Id);
        // A week later the period has lost a week and gained none: the clusters differ, the candidate does not.
        await using (var scope = centre.Host.Services.CreateAsyncScope())
            await ReasonAuditCentre.Discovery(scope).RefreshAsync(
                new(ReasonAuditCentre.Spring.From.AddDays(7), ReasonAuditCentre.Spring.To), CancellationToken.None);
        Assert.Equal(before, (await PlantedAsync()).Id);
    }

    [Fact]
    public async Task RolesThatSeeGroupsOnlyAskForWholeWeeksOrMonths()
    {
        using var analyst = await centre.Host.ClientAsync(Roles.Analyst);
        var ragged = await analyst.GetAsync("/api/v1/reasons/candidates?from=2026-04-02&to=2026-04-09");
        Assert.Equal(HttpStatusCode.BadRequest, ragged.StatusCode);
        Assert.Contains("\"from\"", await ragged.Content.ReadAsStringAsync());
        using var agent = await centre.Host.ClientAsync(Roles.Agent, agent: "A001");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/reasons/candidates?{Spring}")).StatusCode);
    }

    [Fact]
    public async Task AcceptingAddsTheReasonAndPutsItsContactsForwardUntilACorrectionConfirmsOne()
    {
        await using (var db = centre.Db.NewDbContext())
        {
            var open = await db.Set<ReasonCandidate>().Where(c => c.AcceptedCode == null).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            using var cx = await centre.Host.ClientAsync(Roles.CxManager);
            var bad = await cx.PostAsJsonAsync($"/api/v1/reasons/candidates/{open}/accept",
                new { code = "X-NIEUW", nameNl = "Nieuw", department = "kantine", avoidable = false });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("department", await bad.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await cx.PostAsJsonAsync("/api/v1/reasons/candidates/999999/accept",
                new { code = "X-NIEUW", nameNl = "Nieuw", department = "billing", avoidable = false })).StatusCode);

            var accepted = await cx.PostAsJsonAsync($"/api/v1/reasons/candidates/{open}/accept",
                new { code = "X-NIEUW", nameNl = "Nieuwe reden", nameEn = "New reason", parentCode = "ACC", department = "billing", avoidable = true });
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
            var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
            var members = await db.Set<ReasonCandidateMember>().Where(m => m.CandidateId == open).Select(m => m.ContactId).ToListAsync();
            Assert.Equal(members.Count, body.GetProperty("contactsForReview").GetInt32());
            Assert.True(await db.Reasons.AnyAsync(r => r.Code == "X-NIEUW" && r.ParentCode == "ACC"));
            Assert.Equal(members.Order(), (await db.Set<ReasonCandidateLabel>().Where(l => l.CandidateId == open).Select(l => l.ContactId).ToListAsync()).Order());
            Assert.Equal(HttpStatusCode.Conflict, (await cx.PostAsJsonAsync($"/api/v1/reasons/candidates/{open}/accept",
                new { code = "X-ANDERS", nameNl = "Anders", department = "billing", avoidable = false })).StatusCode);

            // A candidate label alone does not train; the analyst's correction does.
            await using var scope = centre.Host.Services.CreateAsyncScope();
            var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
            Assert.DoesNotContain(await registry.ReasonTrainingDataAsync(CancellationToken.None), r => r.Label == "X-NIEUW");
            using var quality = await centre.Host.ClientAsync(Roles.QualityManager);
            var confirm = await quality.PostAsJsonAsync($"/api/v1/contacts/{members[0]}/reason", new { reasonCode = "X-NIEUW" });
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains(await registry.ReasonTrainingDataAsync(CancellationToken.None), r => r.Label == "X-NIEUW");
        }
    }

    [Fact]
    public async Task LikelyMiscodesAreMostlyThePlantedSiblingsWithTheirTrueReasonAsEvidence()
    {
        using var http = await centre.Host.ClientAsync(Roles.Analyst);
        var answer = await http.GetFromJsonAsync<JsonElement>("/api/v1/reasons/miscodes?from=2026-01-01&to=2026-06-30");
        var evidence = answer.GetProperty("evidence").EnumerateArray().ToList();
        Assert.NotEmpty(evidence);
        var right = evidence.Count(e => SampleTruth.TrueReason(e.GetProperty("notes").GetString()) is { } t
                                        && t != e.GetProperty("codedReason").GetString());
        Assert.True(right >= 0.6 * evidence.Count, $"{right} of {evidence.Count} flagged contacts were planted miscodes");
        Assert.Contains(answer.GetProperty("groups").EnumerateArray(), g => g.GetProperty("flagged").ValueKind == JsonValueKind.Number
                                                                          && g.GetProperty("flagged").GetInt32() > 0);
        Assert.True(answer.GetProperty("audited").GetInt32() > 5000);
    }

    [Fact]
    public async Task MiscodeRatesPerAgentAreForAgentLevelRolesAndAudited()
    {
        using var analyst = await centre.Host.ClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await analyst.GetAsync("/api/v1/reasons/miscodes?from=2026-01-01&to=2026-06-30&groupBy=agent")).StatusCode);
        var teams = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/reasons/miscodes?from=2026-01-01&to=2026-06-30&groupBy=team");
        Assert.Equal(5, teams.GetProperty("groups").GetArrayLength());

        using var quality = await centre.Host.ClientAsync(Roles.QualityManager);
        var agents = await quality.GetFromJsonAsync<JsonElement>("/api/v1/reasons/miscodes?from=2026-01-01&to=2026-06-30&groupBy=agent");
        Assert.True(agents.GetProperty("groups").GetArrayLength() >= 30);
        using var lead = await centre.Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        var own = await lead.GetFromJsonAsync<JsonElement>("/api/v1/reasons/miscodes?from=2026-01-01&to=2026-06-30&groupBy=agent&team=T1");
        await using var db = centre.Db.NewDbContext();
        var t1 = await db.Agents.Where(a => a.Team!.Code == "T1").Select(a => a.Code).ToListAsync();
        Assert.NotEmpty(own.GetProperty("groups").EnumerateArray());
        Assert.All(own.GetProperty("groups").EnumerateArray(), g => Assert.Contains(g.GetProperty("key").GetString(), t1));
        var audit = await db.AuditLog.Where(a => a.Path == "/api/v1/reasons/miscodes").ToListAsync();
        Assert.Contains(audit, a => a.Role == Roles.QualityManager && a.Status == 200);
        Assert.Contains(audit, a => a.Role == Roles.Analyst && a.Status == 403);
    }
}
