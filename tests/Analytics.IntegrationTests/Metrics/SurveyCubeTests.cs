using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Metrics;
using Analytics.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Metrics;

public sealed class SurveyCubeTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private IngestService _ingest = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _ingest = new IngestService(_db.DataSource, NullLogger<IngestService>.Instance);
        await Fixtures.LoadAllAsync(_ingest);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData("nps")]
    [InlineData("ces")]
    [InlineData("csat")]
    public async Task TheCubeGivesExactlyTheRawFiguresForEveryGroupingItCovers(string type)
    {
        var cube = new SurveyCube(_db.DataSource);
        await cube.RefreshAsync(default);
        Assert.True(await cube.IsFreshAsync(default));
        var fromCube = new SurveyMetrics(_db.DataSource) { UseCube = true, InMemory = false };
        var fromMemory = new SurveyMetrics(_db.DataSource) { UseCube = true, InMemory = true };
        var fromRows = new SurveyMetrics(_db.DataSource) { UseCube = false };
        var compared = 0;
        foreach (var period in new[] { new Period(new(2026, 2, 1), new(2026, 3, 31)), new Period(new(2026, 3, 9), new(2026, 3, 9)),
                     new Period(new(2025, 1, 1), new(2025, 1, 31)) })
        foreach (var groupBy in new[] { "none", "team", "agent", "reason", "channel", "queue", "language", "month" })
        foreach (var interval in new[] { "none", "day", "week", "month" })
        foreach (var filter in new[] { new SurveyFilter(period), new SurveyFilter(period, Team: "T1"), new SurveyFilter(period, Reason: "VER-ADRES"),
                     new SurveyFilter(period, Agent: "A1"), new SurveyFilter(period, Team: "NO-SUCH-TEAM"), new SurveyFilter(period, Channel: "chat"),
                     new SurveyFilter(period, Team: "T1", Channel: "phone", Queue: "billing"), new SurveyFilter(period, Language: "nl"),
                     new SurveyFilter(period, Channel: "fax") })
        {
            var raw = await fromRows.QueryAsync(type, groupBy, filter, interval, default);
            Assert.Equal(raw, await fromCube.QueryAsync(type, groupBy, filter, interval, default));
            Assert.Equal(raw, await fromMemory.QueryAsync(type, groupBy, filter, interval, default));
            compared += raw.Count;
        }
        // The fixture holds NPS and one CES response, no CSAT: the CSAT case checks that nothing is invented.
        Assert.True(compared >= (type == "nps" ? 100 : type == "ces" ? 5 : 0), $"only {compared} groups compared: the fixture no longer exercises the cube");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task FiguresComeFromTheCopyInMemoryOnceItIsLoaded(int maxStateAgeMs)
    {
        await new SurveyCube(_db.DataSource).RefreshAsync(default);
        var metrics = new SurveyMetrics(_db.DataSource) { CubeStateMaxAge = TimeSpan.FromMilliseconds(maxStateAgeMs) };
        var march = new SurveyFilter(new Period(new(2026, 3, 1), new(2026, 3, 31)));
        Assert.Equal(10, (await metrics.QueryAsync("nps", "none", march, default))[0].N);
        Assert.True(await metrics.LoadCubeAsync(default));
        // Emptying the cube and the responses behind their back changes neither the cube's state nor the copy already in
        // memory: an answer that still counts 10 came from memory, not from SQL over the cube or over the rows.
        await using (var cmd = _db.DataSource.CreateCommand("DELETE FROM survey_daily; DELETE FROM survey_responses")) await cmd.ExecuteNonQueryAsync();
        Assert.Equal(10, (await metrics.QueryAsync("nps", "none", march, default))[0].N);
        Assert.Empty(await new SurveyMetrics(_db.DataSource) { InMemory = false }.QueryAsync("nps", "none", march, default));
        Assert.Empty(await new SurveyMetrics(_db.DataSource) { UseCube = false }.QueryAsync("nps", "none", march, default));
    }

    [Fact]
    public async Task QuestionsAnsweredWhileTheCopyLoadsGiveTheFiguresOfTheLoadedCopy()
    {
        await new SurveyCube(_db.DataSource).RefreshAsync(default);
        var release = new TaskCompletionSource();
        var metrics = new SurveyMetrics(_db.DataSource);
        metrics.HoldCubeLoads(release.Task);
        var questions = (
            from type in new[] { "nps", "ces" }
            from groupBy in new[] { "none", "team", "agent", "reason", "channel", "month" }
            from interval in new[] { "none", "week" }
            from filter in new[] { new SurveyFilter(new Period(new(2026, 2, 1), new(2026, 3, 31))),
                new SurveyFilter(new Period(new(2026, 3, 1), new(2026, 3, 31)), Team: "T1", Channel: "phone") }
            select (type, groupBy, interval, filter)).ToList();
        var during = new List<IReadOnlyList<SurveyFigure>>();
        foreach (var (type, groupBy, interval, filter) in questions)
            during.Add(await metrics.QueryAsync(type, groupBy, filter, interval, default));
        var loading = metrics.LoadCubeAsync(default);
        Assert.False(loading.IsCompleted, "the copy was in before the questions: nothing was answered during a load");
        Assert.True(await metrics.CubeLoadingAsync(default)); // what /health/ready shows as survey-cube: Degraded

        release.SetResult();
        Assert.True(await loading);
        Assert.False(await metrics.CubeLoadingAsync(default));
        // With the cube and the rows gone from the database, what follows can only come from the copy in memory.
        await using (var cmd = _db.DataSource.CreateCommand("DELETE FROM survey_daily; DELETE FROM survey_responses"))
            await cmd.ExecuteNonQueryAsync();
        for (var i = 0; i < questions.Count; i++)
        {
            var (type, groupBy, interval, filter) = questions[i];
            Assert.Equal(during[i], await metrics.QueryAsync(type, groupBy, filter, interval, default));
        }
        Assert.True(during.Sum(d => d.Count) >= 30, $"only {during.Sum(d => d.Count)} groups compared");
    }

    [Fact]
    public async Task TheInMemoryCubeShowsARenamedReasonAtOnceWithoutARefresh()
    {
        await new SurveyCube(_db.DataSource).RefreshAsync(default);
        var metrics = new SurveyMetrics(_db.DataSource);
        var march = new SurveyFilter(new Period(new(2026, 3, 1), new(2026, 3, 31)));
        var before = (await metrics.QueryAsync("nps", "reason", march, default)).Single(f => f.Group == "VER-ADRES");
        await using (var cmd = _db.DataSource.CreateCommand("UPDATE contact_reasons SET name_nl = 'Verhuizing (nieuw)' WHERE code = 'VER-ADRES'"))
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        var after = (await metrics.QueryAsync("nps", "reason", march, default)).Single(f => f.Group == "VER-ADRES");
        Assert.NotEqual("Verhuizing (nieuw)", before.Name);
        Assert.Equal("Verhuizing (nieuw)", after.Name);
        Assert.Equal(before.N, after.N);
    }

    [Fact]
    public async Task ANewBatchMakesTheCubeStaleAndFiguresComeFromTheRowsUntilItIsRebuilt()
    {
        var cube = new SurveyCube(_db.DataSource);
        await cube.RefreshAsync(default);
        var metrics = new SurveyMetrics(_db.DataSource);
        var march = new SurveyFilter(new Period(new(2026, 3, 1), new(2026, 3, 31)));
        Assert.Equal(10, (await metrics.QueryAsync("nps", "none", march, default))[0].N);

        var csv = "response_id,type,score,responded_at,contact_id\nS99,nps,0,2026-03-20T10:00:00+01:00,K1\n";
        await _ingest.IngestAsync("surveys", Fixtures.Stream(csv), "late.csv", default);
        Assert.False(await cube.IsFreshAsync(default));
        Assert.Equal(11, (await metrics.QueryAsync("nps", "none", march, default))[0].N);
        Assert.True(await cube.RefreshIfStaleAsync(default));
        Assert.Equal(11, (await metrics.QueryAsync("nps", "none", march, default))[0].N);
        Assert.False(await cube.RefreshIfStaleAsync(default));
    }
}
