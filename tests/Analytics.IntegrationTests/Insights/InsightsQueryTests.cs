using Analytics.Insights.Agents;
using Analytics.Insights.Alerts;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Calendar;
using Analytics.Insights.Drivers;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Time;

namespace Analytics.IntegrationTests.Insights;

public sealed class InsightsQueryTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private InsightsSeed _seed = null!;
    private static readonly Period March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _seed = new InsightsSeed(_db.NewDbContext());
        var s = _seed;
        s.Reason("FAC-ONDUID", "billing", avoidable: true);
        s.Reason("STO-INT", "operations", avoidable: true);
        s.Reason("VER", "sales", avoidable: false);
        // March: A1 (T1) 3 contacts with NPS 10, 9, 3; A2 (T1) 1 contact NPS 8; B1 (T2) 2 contacts NPS 0, 10. February: A1 NPS 0.
        (string Id, string Agent, string Team, int Day, string Reason, int Score)[] march =
        [
            ("K1", "A1", "T1", 2, "FAC-ONDUID", 10), ("K2", "A1", "T1", 3, "STO-INT", 9), ("K3", "A1", "T1", 4, "VER", 3),
            ("K4", "A2", "T1", 5, "FAC-ONDUID", 8), ("K5", "B1", "T2", 6, "STO-INT", 0), ("K6", "B1", "T2", 9, "FAC-ONDUID", 10),
        ];
        foreach (var (id, agent, team, day, reason, score) in march)
        {
            s.Contact(id, "C" + id, new DateTime(2026, 3, day, 10, 0, 0), reason, agent, team);
            s.Survey(id, score);
        }
        s.Contact("K0", "CK0", new DateTime(2026, 2, 10, 10, 0, 0), "VER", "A1", "T1");
        s.Survey("K0", 0);
        s.Contact("K7", "CK7", new DateTime(2026, 3, 10, 10, 0, 0), "VER", "B1", "T2"); // no survey

        // K1 transcript: acknowledges, then asks identification; K5: postcode first and an interruption at turn 3.
        s.Turn("K1", 1, "agent", 0, 2000, "Goedemorgen, waarmee kan ik u helpen?");
        s.Turn("K1", 2, "customer", 2100, 6000, "Ik begrijp mijn factuur niet.");
        s.Turn("K1", 3, "agent", 6100, 9000, "Wat vervelend, dat zoeken we uit. Mag ik uw postcode en huisnummer?");
        s.Turn("K5", 1, "agent", 0, 2000, "Goedemiddag.");
        s.Turn("K5", 2, "customer", 2100, 9000, "Mijn internet doet het al dagen niet en niemand belt terug");
        s.Turn("K5", 3, "agent", 5000, 8000, "Wat is uw postcode?");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task RankingReadsCountsPerAgentAndPeriodAndMarksTooFew()
    {
        var ranking = await new FairRanking(_db.DataSource) { MinimumResponses = 3 }.RankAsync(March);
        var a = ranking.Agents.ToDictionary(x => x.Agent);
        Assert.Equal(3, a["A1"].N);
        Assert.Equal(100.0 / 3, a["A1"].Raw.Value, 9);       // (2 − 1)/3
        Assert.Equal(1, a["A1"].PreviousN);                   // February's detractor
        Assert.Equal("T1", a["A1"].Team);
        Assert.Equal(1, a["A1"].Rank);                        // the only agent with ≥ 3 responses
        Assert.True(a["A2"].TooFewResponses);
        Assert.Null(a["B1"].Rank);
        Assert.Null(a["A1"].Change);                          // 1 response last period: no test
        var onlyT2 = await new FairRanking(_db.DataSource) { MinimumResponses = 3 }.RankAsync(March, team: "T2");
        Assert.Equal(["B1"], onlyT2.Agents.Select(x => x.Agent));
    }

    [Fact]
    public async Task FailureDemandGroupsAvoidableContactsByDepartment()
    {
        var (all, departments) = await new FailureDemand(_db.DataSource).ByDepartmentAsync(March);
        Assert.Equal(7, all);
        var d = departments.ToDictionary(x => x.Department);
        Assert.Equal(3, d["billing"].AvoidableContacts);                 // K1, K4, K6
        Assert.Equal(100.0 * 3 / 7, d["billing"].ShareOfAllContacts.Value, 9);
        Assert.Equal(100.0 * 2 / 3, d["billing"].Nps.Value, 9);          // 10, 8, 10 → P=2, Pa=1
        Assert.Equal(2, d["operations"].AvoidableContacts);              // K2, K5
        Assert.Equal(0, d["operations"].Nps.Value, 9);                   // 9 and 0
        Assert.False(d.ContainsKey("sales"));
    }

    [Fact]
    public async Task BehaviourScorecardPerAgentAndPerContact()
    {
        var card = new BehaviourScorecard(_db.DataSource, new BehaviourOptions());
        var k5 = await card.ForContactAsync(_seed.Id("K5"));
        Assert.NotNull(k5);
        Assert.Equal(1, k5.Interruptions);
        Assert.Equal(3, Assert.Single(k5.Findings, f => f.Check == Checks.IdBeforeAcknowledgement).Seq);
        Assert.Null(await card.ForContactAsync(_seed.Id("K7")));

        var rows = (await card.PerAgentAsync(March, byMonth: true)).ToDictionary(r => r.Group);
        Assert.Equal("2026-03", rows["A1"].Period);
        Assert.Equal(100, rows["A1"].AcknowledgedBeforeId.Value);
        Assert.Equal(0, rows["B1"].AcknowledgedBeforeId.Value);
        Assert.Equal(1.0, rows["B1"].InterruptionsPerContact);
    }

    [Fact]
    public async Task DriverAnalysisRunsOverTheDatabaseRows()
    {
        var drivers = new DriverAnalysis(_db.DataSource, new BehaviourScorecard(_db.DataSource, new BehaviourOptions())) { MinimumPerReason = 1 };
        var report = await drivers.AnalyseAsync(March);
        Assert.Equal(6, report.Contacts!.Responses);
        Assert.Equal(2, report.Contacts.BadScores);
        Assert.Equal("FAC-ONDUID", report.ReferenceReason);
        Assert.Equal(2, report.Behaviours!.Responses);          // K1 and K5 have transcripts
    }

    [Fact]
    public async Task AnEmergingReasonIsAlertedStoredOnceAndListed()
    {
        // 2 contacts per working day about VER from January, 12 per working day from 16 March 2026 on.
        await using (var cmd = _db.DataSource.CreateCommand("""
            INSERT INTO contacts (source, source_id, channel, started_utc, wait_seconds, talk_seconds, hold_seconds, acw_seconds, transfers, reason_id, content_hash)
            SELECT 'bulk', d::date || '-' || i, 'phone', (d + interval '11 hours') AT TIME ZONE 'Europe/Amsterdam', 0, 0, 0, 0, 0,
                   (SELECT id FROM contact_reasons WHERE code = 'VER'), 0
            FROM generate_series('2026-01-01'::timestamp, '2026-03-31', interval '1 day') d,
                 generate_series(1, 12) i
            WHERE extract(isodow FROM d) < 6 AND (i <= 2 OR d >= '2026-03-16')
            """))
            await cmd.ExecuteNonQueryAsync();

        var detector = new EmergingReasons(_db.DataSource, new DutchCalendar(), TimeProvider.System);
        var alerts = await detector.DetectAsync(March);
        var ver = alerts.Where(a => a.ReasonCode == "VER").ToList();
        Assert.NotEmpty(ver);
        Assert.InRange(ver[0].DetectedOn, new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 17)); // 12 a day on a baseline of 2: within two working days
        Assert.InRange(ver[0].BaselineMean, 1.9, 2.2);
        Assert.DoesNotContain(alerts, a => a.DetectedOn < new DateOnly(2026, 3, 16) && a.ReasonCode == "VER");

        await detector.DetectAsync(March); // idempotent
        var stored = await detector.ListAsync(March);
        Assert.Equal(alerts.Count, stored.Count);
        Assert.Equal(ver.Count, stored.Count(a => a.ReasonCode == "VER"));
    }
}
