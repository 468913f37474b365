using Analytics.Insights.Calendar;
using Analytics.Insights.Repeats;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Time;

namespace Analytics.IntegrationTests.Insights;

public sealed class FcrTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private RepeatAnalysis _fcr = null!;
    private InsightsSeed _seed = null!;
    private static readonly Period April = new(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30));
    private static readonly DateOnly AsOf = new(2026, 5, 6);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _fcr = new RepeatAnalysis(_db.DataSource, new DutchCalendar());
        var ctx = _db.NewDbContext();
        _seed = new InsightsSeed(ctx);
        var s = _seed;
        s.Contact("K1", "C1", new(2026, 4, 2, 10, 0, 0), "FAC");              // repeated by K2 on the 5th working day (Good Friday works)
        s.Contact("K2", "C1", new(2026, 4, 10, 9, 0, 0), "FAC");
        s.Contact("K3", "C2", new(2026, 4, 7, 9, 0, 0), "STO", channel: "chat"); // repeated only in any-reason mode (K4)
        s.Contact("K4", "C2", new(2026, 4, 8, 9, 0, 0), "FAC");
        s.Contact("K10", "C2", new(2026, 4, 8, 10, 0, 0), "STO", outcome: "phantom"); // never a contact
        s.Contact("K5", "C3", new(2026, 4, 13, 10, 0, 0), "FAC");            // repeated by K6, 5th working day
        s.Contact("K6", "C3", new(2026, 4, 20, 10, 0, 0), "FAC");
        s.Contact("K7", "C4", new(2026, 4, 24, 10, 0, 0), "FAC");            // King's Day: 4 May is the 5th working day
        s.Contact("K8", "C4", new(2026, 5, 4, 10, 0, 0), "FAC");             // May: a repeat, not a subject
        s.Contact("K9", "C5", new(2026, 4, 30, 10, 0, 0), "VER");            // window ends 7 May, after AsOf: pending
        s.Contact("K11", "C6", new(2026, 4, 15, 10, 0, 0), null, outcome: "abandoned");
        s.Contact("K12", null, new(2026, 4, 15, 11, 0, 0), "FAC");           // unknown customer: cannot be judged
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<FcrFigure> AllAsync(RepeatOptions o) => Assert.Single(await _fcr.FcrAsync(April, "none", o, AsOf));

    [Fact]
    public async Task SameReasonWithinFiveWorkingDays()
    {
        var f = await AllAsync(new RepeatOptions());
        Assert.Equal((8, 1, 7, 4, 3), (f.Contacts, f.Pending, f.Decided, f.Resolved, f.Repeated));
        Assert.Equal(100.0 * 4 / 7, f.Fcr.Value, 9);
        Assert.Equal(100.0 * 3 / 7, f.RepeatRate.Value, 9);
        Assert.True(f.Fcr.Low < f.Fcr.Value && f.Fcr.High > f.Fcr.Value);
        Assert.True(f.TooFewContacts);
    }

    [Fact]
    public async Task AnyReasonCountsTheOtherReasonAsARepeat()
    {
        var f = await AllAsync(new RepeatOptions(RepeatScope.AnyReason));
        Assert.Equal((3, 4), (f.Resolved, f.Repeated));
    }

    [Fact]
    public async Task SevenCalendarDaysMissTheRepeatsAcrossHolidaysAndWeekends()
    {
        var f = await AllAsync(new RepeatOptions(Window: RepeatWindow.CalendarDays, Days: 7));
        Assert.Equal((1, 6, 1), (f.Pending, f.Resolved, f.Repeated));
    }

    [Fact]
    public async Task NaiveFcrSeesNoRepeatsAtAll()
    {
        var f = await AllAsync(new RepeatOptions());
        Assert.Equal(100.0, f.NaiveFcr.Value);
        Assert.Equal(8, f.NaiveFcr.N);
        Assert.True(f.NaiveFcr.Value > f.Fcr.Value);
    }

    [Fact]
    public async Task PerReasonSplitsAndAReasonWithOnlyPendingContactsHasNoFigure()
    {
        var rows = (await _fcr.FcrAsync(April, "reason", new RepeatOptions(), AsOf)).ToDictionary(r => r.Group);
        Assert.Equal((6, 3, 3), (rows["FAC"].Decided, rows["FAC"].Resolved, rows["FAC"].Repeated));
        Assert.Equal((1, 1), (rows["STO"].Decided, rows["STO"].Resolved));
        Assert.Equal(0, rows["VER"].Decided);
        Assert.True(double.IsNaN(rows["VER"].Fcr.Value));
    }

    [Fact]
    public async Task ChainOfAContactComesFromTheDatabase()
    {
        var chains = new RepeatChains(_db.DataSource, new DutchCalendar());
        var chain = await chains.ForContactAsync(_seed.Id("K6"), new RepeatOptions(), 10);
        Assert.NotNull(chain);
        Assert.Equal([_seed.Id("K5"), _seed.Id("K6")], chain.Chain.Select(c => c.Id));
        Assert.Null(await chains.ForContactAsync(999_999, new RepeatOptions()));
    }
}
