using Analytics.Ingestion.Feeds;

namespace Analytics.Tests.Ingestion;

public sealed class FeedWatchTests
{
    private static readonly FeedOptions Options = new();
    // A Wednesday, 15:00 Amsterdam (summer time).
    private static readonly DateTime Now = new(2026, 6, 10, 13, 0, 0, DateTimeKind.Utc);

    /// <summary>Eight weeks of a feed delivering <paramref name="rows"/> rows at every hour where <paramref name="when"/> holds.</summary>
    private static List<Delivery> History(Func<DateTime, bool> when, Func<DateTime, int> rows, int weeks = 8)
    {
        var list = new List<Delivery>();
        for (var t = Now.AddDays(-7 * weeks - 1); t < Now; t = t.AddHours(1))
            if (when(t)) list.Add(new Delivery(t.AddMinutes(5), rows(t)));
        return list;
    }

    private static FeedJudgement Judge(List<Delivery> d) => FeedWatch.Judge(d, d.Min(x => x.Utc), Now, Options);

    [Fact]
    public void AHourlyFeedThatKeepsComingIsOk()
    {
        var j = Judge(History(_ => true, _ => 100));
        Assert.Equal(FeedWatch.Ok, j.State);
        Assert.Equal(2400, j.UsualRows);
        Assert.Equal(2400, j.RecentRows);
    }

    [Fact]
    public void AHourlyFeedThatWentQuietThreeHoursAgoIsLate()
    {
        var j = Judge(History(t => t < Now.AddHours(-3), _ => 100));
        Assert.Equal(FeedWatch.Late, j.State);
        Assert.Equal(3, j.MissedDeliveries);
        Assert.Equal(Now.AddHours(-4).AddMinutes(5), j.LastDeliveryUtc);
    }

    [Fact]
    public void OneMissedHourIsNotYetLate()
    {
        var j = Judge(History(t => t < Now.AddHours(-1), _ => 100));
        Assert.Equal(1, j.MissedDeliveries);
        Assert.Equal(FeedWatch.Ok, j.State);
    }

    [Fact]
    public void AFeedThatHalvedIsLowVolume()
    {
        var j = Judge(History(_ => true, t => t >= Now.AddDays(-1) ? 50 : 100));
        Assert.Equal(FeedWatch.LowVolume, j.State);
        Assert.Equal((2400, 1200), (j.UsualRows, j.RecentRows));
    }

    [Fact]
    public void AFeedAFifthBelowUsualIsStillOk() =>
        Assert.Equal(FeedWatch.Ok, Judge(History(_ => true, t => t >= Now.AddDays(-1) ? 80 : 100)).State);

    [Fact]
    public void AFeedThatNeverDeliversAtNightIsNotLateInTheMorning()
    {
        // Working hours only, 08:00-18:00 Amsterdam; at 09:00 the last delivery was at 17:00 the day before.
        static bool Office(DateTime utc) => Analytics.Time.Amsterdam.ToLocal(utc).Hour is >= 8 and < 18;
        var morning = new DateTime(2026, 6, 10, 7, 0, 0, DateTimeKind.Utc);
        var d = History(t => Office(t) && t < morning.AddHours(-1), _ => 100);
        var j = FeedWatch.Judge(d, d.Min(x => x.Utc), morning, Options);
        Assert.Equal(1, j.MissedDeliveries); // only 08:00 has passed
        Assert.Equal(FeedWatch.Ok, j.State);
    }

    [Fact]
    public void AYoungFeedIsStillLearning()
    {
        var d = History(_ => true, _ => 100, weeks: 1);
        Assert.Equal(FeedWatch.Learning, Judge(d).State);
    }

    [Fact]
    public void AFeedSilentForLongerThanTheHistoryIsLate()
    {
        var d = new List<Delivery> { new(Now.AddDays(-100), 100), new(Now.AddDays(-90), 100) };
        Assert.Equal(FeedWatch.Late, Judge(d).State);
    }
}
