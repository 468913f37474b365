using System.Text.Json;
using Analytics.Ingest.Pipeline;
using Analytics.Insights.Agents;
using Analytics.Insights.Alerts;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Calendar;
using Analytics.Insights.Drivers;
using Analytics.Insights.Repeats;
using Analytics.Insights.Rollups;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Metrics;
using Analytics.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Insights;

/// <summary>The insight rollups over the committed sample data (8,000 contacts, January–June 2026) against the raw queries.</summary>
public sealed class InsightRollupsTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly DutchCalendar _calendar = new();
    private IngestService _ingest = null!;

    // A whole month (month rows), a span with partial months on both sides (day and month rows), one day, the whole data.
    private static readonly Period[] Periods =
    [
        new(new(2026, 3, 1), new(2026, 3, 31)), new(new(2026, 1, 17), new(2026, 4, 9)), new(new(2026, 5, 12), new(2026, 5, 12)),
        new(new(2025, 12, 1), new(2026, 6, 30)),
    ];

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _ingest = new IngestService(_db.DataSource, NullLogger<IngestService>.Instance);
        foreach (var kind in new[] { "reasons", "contacts", "surveys", "transcripts" })
        {
            await using var file = File.OpenRead(SamplePath(kind + ".csv"));
            await _ingest.IngestAsync(kind, file, kind + ".csv", default);
        }
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private InsightRollups Rollups => new(_db.DataSource, _calendar, new DriverFits(Behaviour));
    private BehaviourScorecard Behaviour => new(_db.DataSource, new BehaviourOptions());

    [Fact]
    public async Task ContactKpisFromTheRollupAreTheRawOnesAndTheMedianIsWithinOneBin()
    {
        await Rollups.RefreshAsync(default);
        Assert.True(await Rollups.IsFreshAsync(default));
        var fromRollup = new ContactMetrics(_db.DataSource);
        var fromRows = new ContactMetrics(_db.DataSource) { UseRollup = false };
        foreach (var period in Periods)
        foreach (var groupBy in ContactMetrics.Groupings.Keys)
        {
            var a = await fromRollup.QueryAsync(period, groupBy);
            var b = await fromRows.QueryAsync(period, groupBy);
            Assert.Equal(b.Select(k => k with { MedianHandleTimeSeconds = 0 }), a.Select(k => k with { MedianHandleTimeSeconds = 0 }));
            foreach (var (x, y) in a.Zip(b))
                Assert.True(Math.Abs(x.MedianHandleTimeSeconds - y.MedianHandleTimeSeconds) < 15,
                    $"{period} {groupBy} {x.Group}: median {x.MedianHandleTimeSeconds} vs exact {y.MedianHandleTimeSeconds}");
        }
    }

    [Fact]
    public async Task FcrFromTheRollupIsTheRawFcrForEveryGrouping()
    {
        await Rollups.RefreshAsync(default);
        Assert.True(await Rollups.IsFreshAsync(default));
        var fromRollup = new RepeatAnalysis(_db.DataSource, _calendar);
        var fromRows = new RepeatAnalysis(_db.DataSource, _calendar) { UseRollup = false };
        foreach (var period in Periods)
        foreach (var groupBy in RepeatAnalysis.Groupings.Keys)
            Assert.Equal(await fromRows.FcrAsync(period, groupBy, new RepeatOptions()), await fromRollup.FcrAsync(period, groupBy, new RepeatOptions()));
        Assert.True((await fromRows.FcrAsync(Periods[3], "none", new RepeatOptions()))[0].Pending > 0, "the last days are still open");
    }

    // Every filter the API takes, alone and two together, with values the samples have; the SQL says the same independently.
    private static readonly (ContactFilter Filter, string Where)[] Filters =
    [
        (ContactFilter.None, "true"),
        (new(Team: "T5"), "t.code = 'T5'"),
        (new(Agent: "A037"), "a.code = 'A037'"),
        (new(Queue: "Facturatie"), "c.queue = 'Facturatie'"),
        (new(Channel: "chat"), "c.channel = 'chat'"),
        (new(Reason: "STO-INTERNET"), "r.code = 'STO-INTERNET'"),
        (new(Language: "en"), "c.language = 'en'"),
        (new(Team: "T1", Channel: "phone"), "t.code = 'T1' AND c.channel = 'phone'"),
        (new(Channel: "phone", Language: "nl"), "c.channel = 'phone' AND c.language = 'nl'"),
    ];

    // The samples' notes are Dutch: give a share of the contacts English and no language, so every language group exists.
    private Task MixLanguagesAsync() => _db.ScalarAsync(
        "WITH u AS (UPDATE contacts SET language = CASE WHEN id % 5 = 0 THEN 'en' WHEN id % 7 = 0 THEN NULL ELSE 'nl' END RETURNING 1) SELECT count(*) FROM u");

    [Fact]
    public async Task FilteredContactKpisPerIntervalFromTheRollupAreTheRawOnes()
    {
        await MixLanguagesAsync();
        await Rollups.RefreshAsync(default);
        var fromRollup = new ContactMetrics(_db.DataSource);
        var fromRows = new ContactMetrics(_db.DataSource) { UseRollup = false };
        foreach (var period in Periods)
        foreach (var groupBy in ContactMetrics.Groupings.Keys)
        foreach (var interval in period.Days > 100 ? ["none", "month"] : Intervals.Names)
        foreach (var (filter, _) in Filters)
        {
            var a = await fromRollup.QueryAsync(period, groupBy, filter: filter, interval: interval);
            var b = await fromRows.QueryAsync(period, groupBy, filter: filter, interval: interval);
            Assert.Equal(b.Select(k => k with { MedianHandleTimeSeconds = 0 }), a.Select(k => k with { MedianHandleTimeSeconds = 0 }));
            // Within one bin: small groups (one agent's day) can have medians above 30 minutes, where bins are 60 s wide.
            foreach (var (x, y) in a.Zip(b))
                Assert.True(Math.Abs(x.MedianHandleTimeSeconds - y.MedianHandleTimeSeconds) <= BinWidth(x.MedianHandleTimeSeconds, y.MedianHandleTimeSeconds),
                    $"{period} {groupBy} {interval} {filter} {x.Period} {x.Group}: median {x.MedianHandleTimeSeconds} vs exact {y.MedianHandleTimeSeconds}");
        }
        // Figures per period add up to the figure of the whole period.
        var whole = Assert.Single(await fromRollup.QueryAsync(Periods[1], filter: Filters[4].Filter));
        var weeks = await fromRollup.QueryAsync(Periods[1], filter: Filters[4].Filter, interval: "week");
        Assert.Equal(whole.Contacts, weeks.Sum(w => w.Contacts));
        Assert.Equal("2026-01-12", weeks[0].Period); // 17 January 2026 is a Saturday: its ISO week starts on Monday 12 January
    }

    [Fact]
    public async Task FilteredFcrPerIntervalFromTheRollupIsTheRawFcr()
    {
        await MixLanguagesAsync();
        await Rollups.RefreshAsync(default);
        var fromRollup = new RepeatAnalysis(_db.DataSource, _calendar);
        var fromRows = new RepeatAnalysis(_db.DataSource, _calendar) { UseRollup = false };
        // Periods[1] has partial months on both sides (day and month rows): every interval there; a whole month by month.
        foreach (var period in new[] { Periods[0], Periods[1] })
        foreach (var groupBy in RepeatAnalysis.Groupings.Keys)
        foreach (var interval in period == Periods[1] ? Intervals.Names : ["none", "month"])
        foreach (var (filter, _) in Filters)
            Assert.Equal(await fromRows.FcrAsync(period, groupBy, new RepeatOptions(), filter: filter, interval: interval),
                await fromRollup.FcrAsync(period, groupBy, new RepeatOptions(), filter: filter, interval: interval));
    }

    [Fact]
    public async Task FiltersKeepExactlyTheContactsTheyName()
    {
        await MixLanguagesAsync();
        await Rollups.RefreshAsync(default);
        var all = Periods[3];
        var total = await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE outcome IS DISTINCT FROM 'phantom'");
        foreach (var (filter, where) in Filters)
        {
            const string joins = """
                FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = a.team_id
                LEFT JOIN contact_reasons r ON r.id = c.reason_id
                """;
            var expected = await _db.ScalarAsync($"SELECT count(*) {joins} WHERE c.outcome IS DISTINCT FROM 'phantom' AND {where}");
            var judged = await _db.ScalarAsync($"""
                SELECT count(*) {joins} WHERE c.outcome IS DISTINCT FROM 'phantom' AND c.outcome IS DISTINCT FROM 'abandoned'
                    AND c.customer_id IS NOT NULL AND {where}
                """);
            Assert.True(expected > 0 && (filter == ContactFilter.None) == (expected == total), $"{filter} should keep some contacts, not all");
            Assert.Equal(expected, Assert.Single(await new ContactMetrics(_db.DataSource).QueryAsync(all, filter: filter)).Contacts);
            Assert.Equal(expected, Assert.Single(await new ContactMetrics(_db.DataSource) { UseRollup = false }.QueryAsync(all, filter: filter)).Contacts);
            Assert.Equal(judged, Assert.Single(await new RepeatAnalysis(_db.DataSource, _calendar).FcrAsync(all, "none", new RepeatOptions(), filter: filter)).Contacts);
        }
    }

    [Fact]
    public async Task FilteredAnswersComeFromTheRollupUnlessTheMedianNeedsTheRows()
    {
        await MixLanguagesAsync();
        await Rollups.RefreshAsync(default);
        var metrics = new ContactMetrics(_db.DataSource);
        var fcr = new RepeatAnalysis(_db.DataSource, _calendar);
        var english = new ContactFilter(Language: "en");
        var chat = new ContactFilter(Channel: "chat");
        var fcrBefore = await fcr.FcrAsync(Periods[1], "team", new RepeatOptions(), filter: english, interval: "month");
        var chatBefore = await metrics.QueryAsync(Periods[1], "month", filter: chat);
        Assert.NotEmpty(fcrBefore);

        // Rows changed behind the rollup's back (no batch): what still answers as before was read from the rollup.
        await _db.ScalarAsync("WITH u AS (UPDATE contacts SET language = 'de', channel = 'email' RETURNING 1) SELECT count(*) FROM u");
        Assert.True(await Rollups.IsFreshAsync(default));
        Assert.Equal(fcrBefore, await fcr.FcrAsync(Periods[1], "team", new RepeatOptions(), filter: english, interval: "month"));
        Assert.Equal(chatBefore, await metrics.QueryAsync(Periods[1], "month", filter: chat)); // the per-channel bins hold chat's median
        // A language filter, or two dimensions, have no bins for the median: the rows answer (and have no English left).
        Assert.Empty(await metrics.QueryAsync(Periods[1], filter: english));
        Assert.Equal(["email"], (await metrics.QueryAsync(Periods[1], "channel", filter: new ContactFilter(Queue: "Chat"))).Select(k => k.Group));
    }

    [Fact]
    public async Task FailureDemandRankingAndAlertsFromTheRollupsAreTheRawOnes()
    {
        await Rollups.RefreshAsync(default);
        Assert.True(await Rollups.IsFreshAsync(default));
        foreach (var period in Periods)
        {
            Assert.Equal(Json(await new FailureDemand(_db.DataSource) { UseRollup = false }.ByDepartmentAsync(period)),
                Json(await new FailureDemand(_db.DataSource).ByDepartmentAsync(period)));
            Assert.Equal(Json(await new FairRanking(_db.DataSource) { UseRollup = false }.RankAsync(period)),
                Json(await new FairRanking(_db.DataSource).RankAsync(period)));
            var clock = new FixedClock();
            Assert.Equal(Json(await new EmergingReasons(_db.DataSource, _calendar, clock) { UseRollup = false }.DetectAsync(period)),
                Json(await new EmergingReasons(_db.DataSource, _calendar, clock).DetectAsync(period)));
        }
    }

    [Fact]
    public async Task DriversOfAWholeMonthComeFromTheStoredFitAndAreTheFitOfTheRows()
    {
        await Rollups.RefreshAsync(default);
        await Rollups.RefreshAsync(default); // the second keeps the fits whose inputs did not change
        Assert.True(await Rollups.IsFreshAsync(default));
        var stored = new DriverAnalysis(_db.DataSource, Behaviour);
        var fromRows = new DriverAnalysis(_db.DataSource, Behaviour) { UseStored = false };
        foreach (var type in new[] { "nps", "ces", "csat" })
        foreach (var month in Enumerable.Range(1, 6))
        {
            var period = new Period(new(2026, month, 1), new DateOnly(2026, month, 1).AddMonths(1).AddDays(-1));
            Assert.NotNull(await DriverFits.StoredAsync(_db.DataSource, period, type, default));
            Assert.Equal(Json(await fromRows.AnalyseAsync(period, type)), Json(await stored.AnalyseAsync(period, type)));
        }
        Assert.Null(await DriverFits.StoredAsync(_db.DataSource, Periods[1], "nps", default));
    }

    [Fact]
    public async Task ABatchMakesTheRollupsStaleSoAnswersComeFromRowsUntilTheFollowUpRebuildsThem()
    {
        await Rollups.RefreshAsync(default);
        Assert.True(await Rollups.IsFreshAsync(default));
        var march = new Period(new(2026, 3, 1), new(2026, 3, 31));
        var metrics = new ContactMetrics(_db.DataSource);
        var before = (await metrics.QueryAsync(march))[0].Contacts;

        const string csv = """
            contact_id,channel,queue,started_at,ended_at,wait_s,talk_s,hold_s,acw_s,transfers,outcome,agent_id,agent_name,team_code,team_name,customer_key,reason_code,notes
            K99999999,phone,Facturatie,2026-03-20T10:00:00+01:00,2026-03-20T10:05:00+01:00,10,200,0,30,0,resolved,A001,Sanne de Vries,T1,Facturatie & Account,C9999999,FAC-ONDUIDELIJK,
            """;
        var batch = await _ingest.IngestAsync("contacts", Fixtures.Stream(csv), "late.csv", default);
        Assert.False(await Rollups.IsFreshAsync(default));
        Assert.Equal(before + 1, (await metrics.QueryAsync(march))[0].Contacts);

        await new CubeStep(new SurveyCube(_db.DataSource), Rollups, NullLogger<CubeStep>.Instance).RunAsync(batch.BatchId, "contacts", default);
        Assert.True(await Rollups.IsFreshAsync(default));
        Assert.Equal(before + 1, (await metrics.QueryAsync(march))[0].Contacts);
        Assert.False(await Rollups.RefreshIfStaleAsync(default));
    }

    [Fact]
    public async Task RefreshesThatOverlapWaitForEachOtherInsteadOfFailing()
    {
        // Three at once, as after a batch, the 5-minute job and `./analytics refresh` can be: each must finish, none 40001.
        await Task.WhenAll(Rollups.RefreshAsync(default), Rollups.RefreshAsync(default), Rollups.RefreshAsync(default));
        Assert.True(await Rollups.IsFreshAsync(default));
    }

    private static int BinWidth(double a, double b) =>
        Math.Max(HandleTimeBins.Width(HandleTimeBins.Index((int)a)), HandleTimeBins.Width(HandleTimeBins.Index((int)b)));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string SamplePath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "samples", file))) return Path.Combine(dir.FullName, "samples", file);
        throw new FileNotFoundException($"samples/{file} not found above the test binary");
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 7, 1, 6, 0, 0, TimeSpan.Zero);
    }
}
