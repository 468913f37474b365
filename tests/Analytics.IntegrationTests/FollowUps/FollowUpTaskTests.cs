using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.FollowUps;
using Analytics.Ingest;
using Analytics.Ingest.Pipeline;
using Analytics.Insights.Calendar;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.FollowUps;

/// <summary>
/// Tasks made by the batch step over the real host and database: the fixtures' detractors (S5 on K5, team T1; S7 on
/// K7, team T2; S11 in February) and customer C1's third contact within 10 working days (K21), due dates in Dutch
/// working days, routing, idempotence, closing codes and the figures they feed.
/// </summary>
public sealed class FollowUpTaskTests : SeededApiTests
{
    // C1 called on 2 March (K1); again 9 March and 16 March: 16 March is 10 working days after 2 March, so K21 is the
    // third contact within the window. K22 (31 March) is too late to count with K1 and K20.
    private const string Repeats = """
        contact_id,channel,queue,started_at,ended_at,wait_s,talk_s,hold_s,acw_s,transfers,outcome,agent_id,agent_name,team_code,team_name,customer_key,reason_code,notes
        K20,phone,billing,2026-03-09T10:00:00+01:00,,20,200,0,10,0,resolved,A2,Bert,T1,Team Noord,C1,FAC-ONDUID,weer factuur
        K21,phone,billing,2026-03-16T10:00:00+01:00,,20,200,0,10,0,resolved,B1,Cees,T2,Team Zuid,C1,FAC-ONDUID,derde keer
        K22,phone,billing,2026-03-31T10:00:00+01:00,,20,200,0,10,0,resolved,B1,Cees,T2,Team Zuid,C1,FAC-ONDUID,vierde keer
        """;

    private const string March = "from=2026-02-01&to=2026-04-30";

    private async Task<int> RunStepAsync()
    {
        var step = Host.Services.GetServices<IBatchStep>().OfType<FollowUpStep>().Single();
        foreach (var batch in await BatchesAsync()) await step.RunAsync(batch.Id, batch.Kind, CancellationToken.None);
        return (int)await Db.ScalarAsync("SELECT count(*) FROM follow_up_tasks");
    }

    private async Task<List<(long Id, string Kind)>> BatchesAsync()
    {
        await using var cmd = Db.DataSource.CreateCommand("SELECT id, kind FROM ingest_batches ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(long, string)>();
        while (await r.ReadAsync()) list.Add((r.GetInt64(0), r.GetString(1)));
        return list;
    }

    private async Task<Dictionary<string, JsonElement>> TasksAsync(HttpClient client, string status = "all") =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups?{March}&status={status}")).EnumerateArray()
        .ToDictionary(t => t.GetProperty("reason").GetString()!.StartsWith("contact", StringComparison.Ordinal)
            ? "repeat" : t.GetProperty("reason").GetString()!);

    [Fact]
    public async Task DetractorsAndTheThirdContactBecomeTasksDueInWorkingDaysOnceOnly()
    {
        await Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream(Repeats), "repeats.csv", CancellationToken.None);
        Assert.Equal(4, await RunStepAsync());
        Assert.Equal(4, await RunStepAsync());

        var tasks = (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups?{March}&status=all")).EnumerateArray().ToList();
        JsonElement Of(string source) => tasks.Single(t => t.GetProperty("contactId").GetInt64() ==
            Db.ScalarAsync($"SELECT id FROM contacts WHERE source_id = '{source}'").Result);
        // S5: NPS 3 on Friday 6 March → Tuesday 10 March. S7: NPS 0 on Tuesday 10 March → Thursday 12 March.
        // S11: NPS 0 on Saturday 21 February → Tuesday 24 February. K21 on Monday 16 March → Wednesday 18 March.
        var expected = new (string Contact, string Kind, string Due, string Assignee, string? Comment)[]
        {
            ("K5", "detractor", "2026-03-10", "team-lead:T1", "Duurde veel te lang, mail me op [EMAIL]"),
            ("K7", "detractor", "2026-03-12", "team-lead:T2", "Nog steeds geen internet"),
            ("K9", "detractor", "2026-02-24", "team-lead:T1", "februari telt niet mee"),
            ("K21", "repeat-caller", "2026-03-18", "team-lead:T2", null),
        };
        foreach (var (contact, kind, due, assignee, comment) in expected)
        {
            var t = Of(contact);
            Assert.Equal((kind, due, assignee), (t.GetProperty("kind").GetString(), t.GetProperty("dueDate").GetString(),
                t.GetProperty("assignee").GetString()));
            if (comment is not null) Assert.StartsWith(comment[..10], t.GetProperty("comment").GetString());
            Assert.EndsWith("/chain", t.GetProperty("historyLink").GetString());
        }
        Assert.Contains("within 10 working days", Of("K21").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TasksWrittenInSmallChunksAreTheSameTasksOnceEach()
    {
        // A chunk of 3 splits the fixtures' four tasks (S5, S7, S11, K21) across round trips and leaves a remainder.
        await Host.Service<IngestService>().IngestAsync("contacts", Fixtures.Stream(Repeats), "repeats.csv", CancellationToken.None);
        var tasks = new FollowUpTasks(Db.DataSource, new DutchCalendar(), new FollowUpOptions(), TimeProvider.System) { ChunkSize = 3 };
        foreach (var batch in await BatchesAsync()) await tasks.CreateForBatchAsync(batch.Id);
        Assert.Equal(4, await Db.ScalarAsync("SELECT count(*) FROM follow_up_tasks"));
        Assert.Equal(1, await Db.ScalarAsync("SELECT count(*) FROM follow_up_tasks WHERE kind = 'repeat-caller'"));
        Assert.Equal(4, await RunStepAsync());
    }

    [Fact]
    public async Task AConfiguredQueueTakesEveryTaskAndTheThresholdsAreSettings()
    {
        var tasks = new FollowUpTasks(Db.DataSource, new DutchCalendar(), new FollowUpOptions { Queue = "klantbehoud", NpsDetractorMax = 3 },
            TimeProvider.System);
        foreach (var batch in await BatchesAsync()) await tasks.CreateForBatchAsync(batch.Id);
        // NPS 0-3 only: S5 (3), S7 (0), S11 (0); no repeat caller in the fixtures alone.
        Assert.Equal(3, await Db.ScalarAsync("SELECT count(*) FROM follow_up_tasks WHERE assignee = 'queue:klantbehoud'"));
        Assert.Equal(3, await Db.ScalarAsync("SELECT count(*) FROM follow_up_tasks"));
    }

    [Fact]
    public async Task ClosingNeedsACodeFeedsTheDepartmentsAndTheShareClosedInTime()
    {
        await RunStepAsync();
        var all = (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups?{March}&status=all")).EnumerateArray().ToList();
        var k5 = all.Single(t => t.GetProperty("team").GetString() == "T1" && t.GetProperty("dueDate").GetString() == "2026-03-10");
        var id = k5.GetProperty("id").GetInt64();

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { code = "sorry" }, "code"), (new { code = "compensated", department = "kantine" }, "department"),
                 })
        {
            var bad = await Http.PostAsJsonAsync($"/api/v1/follow-ups/{id}/close", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        }
        using var south = await Host.ClientAsync(Roles.TeamLead, teams: ["T2"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await south.PostAsJsonAsync($"/api/v1/follow-ups/{id}/close", new { code = "compensated" })).StatusCode);
        Assert.All((await south.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups?{March}&status=all")).EnumerateArray(),
            t => Assert.Equal("T2", t.GetProperty("team").GetString()));

        var closed = await Http.PostAsJsonAsync($"/api/v1/follow-ups/{id}/close",
            new { code = "called-back-solved", department = "billing", comment = "Factuur uitgelegd, creditnota gemaakt." });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostAsJsonAsync($"/api/v1/follow-ups/{id}/close", new { code = "compensated" })).StatusCode);
        // Closed today, long after 10 March: late. Say the other T1 task (K9, due 24 February) was closed on its due day.
        var k9 = all.Single(t => t.GetProperty("dueDate").GetString() == "2026-02-24").GetProperty("id").GetInt64();
        await Db.ExecAsync($"UPDATE follow_up_tasks SET closed_utc = '2026-02-24 15:00:00+00', closure_code = 'not-reachable' WHERE id = {k9}");

        var summary = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/summary?{March}");
        var teams = summary.GetProperty("teams").EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!);
        var t1 = teams["T1"];
        Assert.Equal((2, 2, 1, 50.0, 0, 0), (t1.GetProperty("tasks").GetInt32(), t1.GetProperty("closed").GetInt32(),
            t1.GetProperty("closedInTime").GetInt32(), t1.GetProperty("shareClosedInTime").GetDouble(), t1.GetProperty("open").GetInt32(),
            t1.GetProperty("overdue").GetInt32()));
        Assert.Equal((1, 1, 1), (teams["T2"].GetProperty("tasks").GetInt32(), teams["T2"].GetProperty("open").GetInt32(),
            teams["T2"].GetProperty("overdue").GetInt32()));
        var department = Assert.Single(summary.GetProperty("departments").EnumerateArray());
        Assert.Equal(("billing", 1), (department.GetProperty("department").GetString(), department.GetProperty("tasks").GetInt32()));
        Assert.Equal(1, summary.GetProperty("closureCodes").GetProperty("called-back-solved").GetInt32());
        var overdue = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups?{March}&status=overdue");
        Assert.Equal("T2", Assert.Single(overdue.EnumerateArray()).GetProperty("team").GetString());
    }
}
