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
        var fromCube = new SurveyMetrics(_db.DataSource) { UseCube = true };
        var fromRows = new SurveyMetrics(_db.DataSource) { UseCube = false };
        foreach (var period in new[] { new Period(new(2026, 2, 1), new(2026, 3, 31)), new Period(new(2026, 3, 9), new(2026, 3, 9)) })
        foreach (var groupBy in new[] { "none", "team", "agent", "reason", "month" })
        foreach (var filter in new[] { new SurveyFilter(period), new SurveyFilter(period, Team: "T1"), new SurveyFilter(period, Reason: "VER-ADRES") })
        {
            var a = await fromCube.QueryAsync(type, groupBy, filter with { Period = period }, default);
            var b = await fromRows.QueryAsync(type, groupBy, filter with { Period = period }, default);
            Assert.Equal(b, a);
        }
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
