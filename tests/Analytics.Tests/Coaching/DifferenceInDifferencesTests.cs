using Analytics.Coaching;

namespace Analytics.Tests.Coaching;

/// <summary>
/// Synthetic centres with a known effect: every agent's scores drift the same way over the weeks, the coached agent
/// takes a harder reason mix after the session (a new product launch lands on their queue), and the coaching adds a
/// known amount on top.
/// </summary>
public sealed class DifferenceInDifferencesTests
{
    private static readonly (string Code, double Effect)[] Reasons = [("EASY", 10), ("USUAL", 0), ("HARD", -30), ("RARE", 5)];

    private static List<Observation> Centre(double effect, int seed, int perAgentWeek = 12, bool mixShift = true)
    {
        var r = new Random(seed);
        var rows = new List<Observation>();
        for (var agent = 0; agent < 15; agent++)
        for (var week = -8; week < 8; week++)
        for (var i = 0; i < perAgentWeek; i++)
        {
            var coached = agent == 0;
            // After the session the coached agent gets the hard reason half the time; others a tenth of the time.
            var hardShare = coached && week >= 0 && mixShift ? 0.5 : 0.1;
            var u = r.NextDouble();
            var reason = u < hardShare ? Reasons[2] : u < hardShare + 0.02 ? Reasons[3] : u < 0.6 ? Reasons[0] : Reasons[1];
            var channel = r.NextDouble() < 0.7 ? "phone" : "chat";
            var wait = r.Next(0, 900);
            var transfers = r.NextDouble() < 0.1 ? 1 : 0;
            var prior = r.NextDouble() < 0.2 ? 1 : 0;
            var value = 20 + reason.Effect + 1.5 * week - 0.02 * wait - 8 * transfers - 6 * prior + (coached ? -5 : 0)
                        + (coached && week >= 0 ? effect : 0) + 25 * Normal(r);
            rows.Add(new Observation(coached, week, value, reason.Code, channel, wait, transfers, prior));
        }
        return rows;
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Theory]
    [InlineData(12, 1)]
    [InlineData(12, 2)]
    [InlineData(-15, 3)]
    public void TheIntervalHoldsThePlantedEffectDespiteTheCoachedAgentsHarderMix(double planted, int seed)
    {
        var e = DifferenceInDifferences.Estimate("nps", Centre(planted, seed), minimum: 30);
        Assert.Equal(EffectStatus.Estimated, e.Status);
        Assert.InRange(planted, e.Low!.Value, e.High!.Value);
        Assert.InRange(e.Effect!.Value, planted - 7, planted + 7);
        Assert.True(e.Low > 0 == planted > 0 && e.High < 0 == planted < 0, $"interval {e.Low}..{e.High} should exclude 0");
        Assert.Equal(8 * 12, e.CoachedBefore);
        Assert.Equal(14 * 16 * 12, e.Comparison);
    }

    [Fact]
    public void WithoutCaseMixTheHarderMixWouldHaveHiddenTheEffect()
    {
        var rows = Centre(12, 4);
        double Mean(bool coached, bool after) => rows.Where(o => o.Coached == coached && o.After == after).Average(o => o.Value);
        var naive = Mean(true, true) - Mean(true, false) - (Mean(false, true) - Mean(false, false));
        var e = DifferenceInDifferences.Estimate("nps", rows, minimum: 30);
        Assert.True(naive < 4, $"naive difference-in-differences {naive}");
        Assert.InRange(12, e.Low!.Value, e.High!.Value);
        Assert.True(e.Low > 0, $"adjusted interval {e.Low}..{e.High}");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void APlaceboSessionFindsNothing(int seed)
    {
        var e = DifferenceInDifferences.Estimate("nps", Centre(0, seed, mixShift: false), minimum: 30);
        Assert.InRange(0, e.Low!.Value, e.High!.Value);
        Assert.True(e.High - e.Low < 30, $"interval {e.Low}..{e.High} too wide to mean anything");
    }

    [Fact]
    public void BelowTheMinimumItIsTooEarlyToTell()
    {
        var rows = Centre(12, 7).Where(o => !o.Coached || o.Week < 2).ToList(); // two weeks after: 24 observations
        var e = DifferenceInDifferences.Estimate("nps", rows, minimum: 30);
        Assert.Equal(EffectStatus.TooEarly, e.Status);
        Assert.Equal((96, 24), (e.CoachedBefore, e.CoachedAfter));
        Assert.Null(e.Effect);
        Assert.Null(e.Low);
        Assert.NotNull(e.MeanAfter);
    }

    [Theory]
    [InlineData("2026-04-02", 0)]
    [InlineData("2026-04-08", 0)]
    [InlineData("2026-04-09", 1)]
    [InlineData("2026-03-31", -1)]
    [InlineData("2026-03-25", -1)]
    [InlineData("2026-03-24", -2)]
    public void WeeksCountWholeWeeksFromTheSessionDay(string day, int week) =>
        Assert.Equal(week, CoachingEffects.Week(DateOnly.Parse(day), new DateOnly(2026, 4, 1)));
}
