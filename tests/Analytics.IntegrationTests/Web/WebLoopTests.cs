using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.Data;
using Analytics.Evaluations;
using Analytics.FollowUps;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Analytics.IntegrationTests.Web;

/// <summary>
/// The daily loops in a real browser against the real host and database: a team lead closes a follow-up task, a quality
/// manager evaluates a contact with one override, a coach and an agent read the coaching history, a calibration is
/// compared side by side, and a role that may not is refused. Screenshots in out/screenshots/.
/// </summary>
public sealed class WebLoopTests(WebSite site) : IClassFixture<WebSite>, IAsyncLifetime
{
    private WebBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WebBrowser.StartAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    private Task<IPage> SignInAsync(TestPerson person, string path) => _browser.SignInAsync(site, person, path);

    private AnalyticsDbContext NewDb() =>
        site.Host.Services.CreateScope().ServiceProvider.GetRequiredService<AnalyticsDbContext>();

    private async Task<long> ContactAsync(string source)
    {
        await using var db = NewDb();
        return await db.Contacts.Where(c => c.SourceId == source).Select(c => c.Id).SingleAsync();
    }

    /// <summary>The batch step that makes tasks, over every batch the fixtures loaded (it writes each task
    /// once).</summary>
    private async Task MakeTasksAsync()
    {
        var step = site.Host.Services.GetServices<IBatchStep>().OfType<FollowUpStep>().Single();
        await using var db = NewDb();
        foreach (var b in await db.IngestBatches.AsNoTracking().OrderBy(b => b.Id).ToListAsync())
            await step.RunAsync(b.Id, b.Kind, CancellationToken.None);
    }

    [Fact]
    public async Task ATeamLeadClosesATaskOfItsOwnTeamAndItIsClosedInTheDatabase()
    {
        await MakeTasksAsync();
        var k5 = await ContactAsync("K5");
        var page = await SignInAsync(WebSite.Lead, "/web/follow-ups");
        Assert.Equal("Op te volgen klanten", await page.InnerTextAsync("h1"));
        // The fixtures' detractors: K5 and K9 are Team Noord's (T1, this lead's), K7 Team Zuid's.
        var rows = page.Locator("#tasks tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        var k7 = await ContactAsync("K7");
        Assert.Equal(0, await page.Locator($"#tasks a[href='/web/contacts/{k7}']").CountAsync());
        var row = page.Locator($"#tasks tr:has(a[href='/web/contacts/{k5}'])");
        // Due Tuesday 10 March 2026 (decision 029), long overdue: counted in Dutch working days.
        Assert.Contains("werkdagen te laat", await row.InnerTextAsync());
        Assert.Contains("Duurde veel te lang", await row.InnerTextAsync());
        // S5 (NPS 3) in the page's language, from the response's type and score and the configured maximum.
        Assert.Equal("NPS 3 (criticaster: 6 of lager)", await row.Locator("td.reason").InnerTextAsync());
        await WebBrowser.ShootAsync(page, "follow-ups");

        // Without a code the handler refuses, and the error stands beside the task.
        await row.Locator("button >> text=Afsluiten").ClickAsync();
        var problem = page.Locator($"#tasks tr:has(a[href='/web/contacts/{k5}']) .problem");
        Assert.Contains("code", await problem.InnerTextAsync());

        row = page.Locator($"#tasks tr:has(a[href='/web/contacts/{k5}'])");
        await row.Locator("select[name=code]").SelectOptionAsync(ClosureCodes.CalledBackSolved);
        var department = await row.Locator("select[name=department] option").Nth(1).GetAttributeAsync("value");
        await row.Locator("select[name=department]").SelectOptionAsync(department!);
        await row.Locator("input[name=comment]").FillAsync("Teruggebeld, factuur uitgelegd");
        await row.Locator("button >> text=Afsluiten").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("closed=", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("#tasks tbody tr").CountAsync());
        // Due in the period: K5 and K9; K5 closed after its due day, so not in time.
        var t1 = await page.Locator("#in-time tr[data-team=T1] td").AllInnerTextsAsync();
        Assert.Equal(["2", "1", "0"], t1.Take(3));

        await using var db = NewDb();
        var task = await db.Set<FollowUpTask>().AsNoTracking().SingleAsync(t => t.ContactId == k5);
        Assert.NotNull(task.ClosedUtc);
        Assert.Equal((ClosureCodes.CalledBackSolved, department, "Teruggebeld, factuur uitgelegd"),
            (task.ClosureCode, task.Department, task.ClosureComment));
        Assert.Contains(await db.AuditLog.AsNoTracking().Where(a => a.Path == "/web/follow-ups" && a.Method == "POST")
            .Select(a => a.Status).ToListAsync(), s => s == 200 || s == 302);
    }

    [Fact]
    public async Task AnAnalystIsRefusedTheTaskListAndAnAgentAnothersCoachingHistory()
    {
        var page = await SignInAsync(WebSite.Analyst, "/web/follow-ups");
        Assert.Equal("Niet voor uw rol", await page.InnerTextAsync("h1"));
        Assert.Equal(0, await page.Locator("#tasks").CountAsync());
        await WebBrowser.ShootAsync(page, "follow-ups-refused");
        var agent = await SignInAsync(WebSite.Agent, "/web/quality/agents/A1/coaching");
        Assert.Equal("Niet voor uw rol", await agent.InnerTextAsync("h1"));
        var lead = await SignInAsync(WebSite.Lead, "/web/quality/agents/B1/coaching");
        Assert.Contains("outside your teams", await lead.InnerTextAsync("main"));
        var missing = await lead.GotoAsync(site.Url("/web/evaluations/999999").ToString());
        Assert.Equal(404, missing!.Status);
    }

    [Fact]
    public async Task AQualityManagerEvaluatesAContactOverridingOneAutoQaAnswer()
    {
        // K4 (Bert, A2): the agent asks for the customer number while the customer is still speaking.
        await site.Host.Service<IngestService>().IngestAsync("transcripts", Fixtures.Stream("""
            contact_id,seq,speaker,start_ms,end_ms,text
            K4,1,customer,0,6000,Ik begrijp de factuur van deze maand helemaal niet
            K4,2,agent,3000,7000,Wat is uw klantnummer?
            K4,3,customer,8000,9000,Dat is 12345.
            K4,4,agent,9500,12000,Dus als ik het goed begrijp gaat het om de factuur van maart?
            """), "transcripts.csv", CancellationToken.None);
        var k4 = await ContactAsync("K4");
        var page = await SignInAsync(WebSite.Quality, $"/web/contacts/{k4}");
        await page.ClickAsync("#evaluate");
        await page.WaitForURLAsync(u => u.Contains("/web/evaluations/", StringComparison.Ordinal));
        var id = long.Parse(page.Url.Split('/').Last().Split('?')[0],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Beoordeling van contact {k4}", await page.InnerTextAsync("h1"));
        Assert.True(await page.Locator("#transcript").IsVisibleAsync());
        Assert.True(await page.Locator("p.auto").CountAsync() > 0);
        // Section headings by title in the page's language, not by code.
        Assert.Equal(DefaultForm.Sections.Select(s => s.TitleNl), await page.Locator("#items h2").AllInnerTextsAsync());

        List<EvaluationAnswer> prefilled;
        await using (var db = NewDb())
            prefilled = await db.Set<EvaluationAnswer>().AsNoTracking().Where(a => a.EvaluationId == id).ToListAsync();
        var overridden = prefilled.First(a => a.AutoValue is Answers.Yes or Answers.No);
        // Confirming with items left open: each open item says so beside it.
        await page.ClickAsync("#confirm");
        var open = prefilled.Where(a => a.Value is null).Select(a => a.ItemCode).ToList();
        Assert.NotEmpty(open);
        foreach (var item in open) Assert.True(await page.Locator($"#error-{item}").IsVisibleAsync(), item);
        await WebBrowser.ShootAsync(page, "evaluation-errors");

        foreach (var item in open)
            await page.Locator($"#item-{item} input[type=radio]").First.CheckAsync();
        var other = overridden.AutoValue == Answers.Yes ? Answers.No : Answers.Yes;
        await page.CheckAsync($"#v-{overridden.ItemCode}-{other}");
        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync(u => u.Contains("saved=confirmed", StringComparison.Ordinal));
        Assert.Contains("overschreven", await page.InnerTextAsync($"#item-{overridden.ItemCode}"));
        await WebBrowser.ShootAsync(page, "evaluation");

        await using (var db = NewDb())
        {
            var stored = await db.Set<EvaluationAnswer>().AsNoTracking()
                .SingleAsync(a => a.EvaluationId == id && a.ItemCode == overridden.ItemCode);
            Assert.Equal((overridden.AutoValue, other), (stored.AutoValue, stored.Value));
            Assert.Equal(EvaluationStatus.Confirmed,
                await db.Set<Evaluation>().Where(e => e.Id == id).Select(e => e.Status).SingleAsync());
        }
        // The override shows in auto-QA's agreement: this check's one confirmed pair disagrees.
        // K4's day alone (5 March), so no other test's evaluation is in the figure.
        var form = DefaultForm.Sections.SelectMany(s => s.Items).Single(i => i.Code == overridden.ItemCode);
        await page.GotoAsync(site.Url("/web/evaluations/calibration?from=2026-03-05&to=2026-03-05").ToString());
        var agreement = await page.Locator($"#autoqa tr[data-check='{form.Check}'] td").AllInnerTextsAsync();
        Assert.Equal(["1", "0%"], agreement.Take(2));
    }

    [Fact]
    public async Task ACoachSeesTheCoachingHistoryAndTheAgentItsOwnWithoutTheEffect()
    {
        using var admin = await site.Host.ClientAsync(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/coaching/sessions", new
        {
            agent = "A1", subSkill = AutoQa.Summarise, agreedActions = "Elk gesprek afsluiten met een samenvatting",
            heldOn = "2026-03-10",
        });
        created.EnsureSuccessStatusCode();
        var session = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var page = await SignInAsync(WebSite.Lead, "/web/quality/agents/A1?month=2026-03");
        await page.ClickAsync("#coaching");
        await page.WaitForURLAsync(u => u.Contains("/coaching", StringComparison.Ordinal));
        await page.GotoAsync(site.Url("/web/quality/agents/A1/coaching?from=2026-01-01&to=2026-12-31").ToString());
        Assert.Equal("Coachinggeschiedenis van Anna", await page.InnerTextAsync("h1"));
        var section = page.Locator($"section[data-session='{session}']");
        Assert.Contains("Elk gesprek afsluiten met een samenvatting", await section.InnerTextAsync());
        // The fixture's few contacts are far below the minimum: no estimate, the counts instead.
        Assert.Contains("te vroeg om te zeggen", await section.Locator("tr[data-outcome=nps]").InnerTextAsync());
        Assert.DoesNotContain("Positie", await page.InnerTextAsync("main"));
        await WebBrowser.ShootAsync(page, "coaching-history");
        await using (var db = NewDb())
            Assert.Contains((200, "web: Tess Lead"), (await db.AuditLog.AsNoTracking()
                .Where(a => a.Path == "/web/quality/agents/A1/coaching").Select(a => new { a.Status, a.Detail })
                .ToListAsync()).Select(a => (a.Status, a.Detail)));

        var mine = await SignInAsync(WebSite.Agent, "/web/me/coaching");
        Assert.Equal("Mijn coaching", await mine.InnerTextAsync("h1"));
        Assert.Contains("Elk gesprek afsluiten met een samenvatting", await mine.InnerTextAsync("main"));
        Assert.Equal(0, await mine.Locator("table.effect").CountAsync());
        await WebBrowser.ShootAsync(mine, "coaching-mine");
        await mine.ClickAsync("text=English");
        Assert.Equal("My coaching", await mine.InnerTextAsync("h1"));
        Assert.Contains("Agreed actions", await mine.InnerTextAsync("main"));
    }

    [Fact]
    public async Task ACalibrationShowsEachEvaluatorsScoresAgreementPerItemAndBias()
    {
        var k1 = await ContactAsync("K1");
        using var first = await site.Host.ClientAsync(Roles.QualityManager);
        using var second = await site.Host.ClientAsync(Roles.Admin);
        await ScoreAsync(first, k1, reassured: "yes");
        await ScoreAsync(second, k1, reassured: "no");
        var page = await SignInAsync(WebSite.Quality, "/web/evaluations/calibration?from=2026-03-01&to=2026-03-31");
        Assert.Equal("Kalibratie", await page.InnerTextAsync("h1"));
        var scores = await page.Locator($"#scores tr[data-contact='{k1}'] td").AllInnerTextsAsync();
        // Agent, then the two evaluators in name order. By hand: weights 16 without vervolg (na); everything yes and
        // juist 4 of 5 (0.75 × 3) gives 15.25 points, 95.3%; test-admin's no to reassuring (weight 1) 14.25, 89.1%.
        Assert.Equal(["A1", "89%", "95%"], scores);
        var reassuring = await page.Locator("#items tr[data-item=geruststellen] td").AllInnerTextsAsync();
        Assert.Equal(["2", "1", "2"], reassuring.Skip(2));
        var admin = await page.InnerTextAsync("#bias tr[data-evaluator=test-admin] td:last-child");
        var quality = await page.InnerTextAsync("#bias tr[data-evaluator=test-quality-manager] td:last-child");
        // The mean on K1 is 92.19: each is 3.125 points from it.
        Assert.Equal("-3,1", admin.Replace('−', '-'));
        Assert.Equal("+3,1", quality);
        await WebBrowser.ShootAsync(page, "calibration");
    }

    [Fact]
    public async Task ADisputeRaisedByTheAgentIsStoredAndResolvedByTheTeamLead()
    {
        // K9 (Anna, A1; February, so no March figure of another test moves): confirmed with "no" to reassuring.
        var k9 = await ContactAsync("K9");
        using var quality = await site.Host.ClientAsync(Roles.QualityManager);
        var id = await ScoreAsync(quality, k9, reassured: "no");

        var mine = await SignInAsync(WebSite.Agent, "/web/me/coaching");
        var item = mine.Locator($"table[data-evaluation='{id}'] tr[data-item=geruststellen]");
        // Without a comment the handler refuses, and the error stands beside the item.
        await item.Locator("button").ClickAsync();
        item = mine.Locator($"table[data-evaluation='{id}'] tr[data-item=geruststellen]");
        Assert.Contains("comment", await item.Locator(".problem").InnerTextAsync());
        await item.Locator("input[name=comment]").FillAsync("Ik heb de klant wel gerustgesteld, beurt 3");
        await item.Locator("button").ClickAsync();
        await mine.WaitForURLAsync(u => u.Contains("raised=true", StringComparison.Ordinal));
        Assert.Contains("open", await mine.Locator($"table[data-evaluation='{id}'] tr[data-item=geruststellen]")
            .InnerTextAsync());
        await WebBrowser.ShootAsync(mine, "dispute-raised");
        long dispute;
        await using (var db = NewDb())
        {
            var stored = await db.Set<EvaluationDispute>().AsNoTracking().SingleAsync(d => d.EvaluationId == id);
            Assert.Equal(("geruststellen", "Ik heb de klant wel gerustgesteld, beurt 3", DisputeStatus.Open),
                (stored.ItemCode, stored.Comment, stored.Status));
            dispute = stored.Id;
        }

        var page = await SignInAsync(WebSite.Lead, $"/web/evaluations/{id}");
        var row = page.Locator($"#disputes tr[data-dispute='{dispute}']");
        // Neither upheld nor rejected: the API names the field, beside the dispute.
        await row.Locator("button").ClickAsync();
        row = page.Locator($"#disputes tr[data-dispute='{dispute}']");
        Assert.Contains("upheld", await row.Locator(".problem").InnerTextAsync());
        await row.Locator("input[name=upheld][value=true]").CheckAsync();
        await row.Locator("select[name=value]").SelectOptionAsync("yes");
        await row.Locator("input[name=resolution]").FillAsync("Klopt, beurt 3");
        await row.Locator("button").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("saved=resolved", StringComparison.Ordinal));
        Assert.Contains("toegekend", await page.Locator($"#disputes tr[data-dispute='{dispute}']").InnerTextAsync());
        await WebBrowser.ShootAsync(page, "dispute-resolved");
        await using (var db = NewDb())
        {
            var stored = await db.Set<EvaluationDispute>().AsNoTracking().SingleAsync(d => d.Id == dispute);
            Assert.Equal((DisputeStatus.Upheld, "Klopt, beurt 3"), (stored.Status, stored.Resolution));
            Assert.Equal(Answers.Yes, await db.Set<EvaluationAnswer>().Where(a => a.EvaluationId == id
                && a.ItemCode == "geruststellen").Select(a => a.Value).SingleAsync());
            // By hand (see the calibration test): 14.25 of 16 points before, 15.25 after.
            var score = await db.Set<Evaluation>().Where(e => e.Id == id).Select(e => e.ScorePercent).SingleAsync();
            Assert.Equal(15.25 / 16 * 100, score!.Value, 6);
        }
    }

    private static async Task<long> ScoreAsync(HttpClient evaluator, long contact, string reassured)
    {
        var started = await evaluator.PostAsJsonAsync("/api/v1/evaluations", new { contactId = contact });
        started.EnsureSuccessStatusCode();
        var evaluation = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        object[] answers =
        [
            new { item = "uitpraten", value = "yes" }, new { item = "vragen", value = "yes" },
            new { item = "geruststellen", value = reassured }, new { item = "samenvatten", value = "yes" },
            new { item = "vervolg", value = "na" }, new { item = "eerst-erkennen", value = "yes" },
            new { item = "juist", value = "4" }, new { item = "opgelost", value = "yes" },
            new { item = "geen-topscore-vragen", value = "yes" },
        ];
        (await evaluator.PutAsJsonAsync($"/api/v1/evaluations/{evaluation}", new { answers, confirm = true }))
            .EnsureSuccessStatusCode();
        return evaluation;
    }
}
