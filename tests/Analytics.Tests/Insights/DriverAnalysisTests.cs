using Analytics.Insights.Behaviour;
using Analytics.Insights.Drivers;
using Analytics.Time;

namespace Analytics.Tests.Insights;

public sealed class DriverAnalysisTests
{
    private static readonly Period March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

    /// <summary>
    /// Planted: log-odds of a detractor = −2 + 1.1·[reason STO] + 0.4·earlier contacts + 0.6·transfers + 0·wait
    /// + 0.9·[interrupted] − 0.7·[summarised]. The analysis must find the signs and rough sizes.
    /// </summary>
    private static (List<DriverAnalysis.Row> Rows, Dictionary<long, BehaviourResult> Behaviours) Simulate(int n, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<DriverAnalysis.Row>();
        var behaviours = new Dictionary<long, BehaviourResult>();
        for (var i = 0; i < n; i++)
        {
            var reason = rng.NextDouble() switch { < 0.5 => "FAC", < 0.8 => "STO", < 0.99 => "VER", _ => "RARE" };
            int prior = rng.Next(0, 4), transfers = rng.NextDouble() < 0.2 ? rng.Next(1, 3) : 0;
            double wait = rng.NextDouble() * 6, handle = 2 + rng.NextDouble() * 10;
            bool interrupted = rng.NextDouble() < 0.25, summarised = rng.NextDouble() < 0.4;
            var eta = -2 + (reason == "STO" ? 1.1 : 0) + 0.4 * prior + 0.6 * transfers + (interrupted ? 0.9 : 0) - (summarised ? 0.7 : 0);
            var bad = rng.NextDouble() < 1 / (1 + Math.Exp(-eta));
            rows.Add(new DriverAnalysis.Row(i, bad, reason, prior, wait, handle, transfers));
            if (i % 2 == 0)
                behaviours[i] = new BehaviourResult(interrupted ? 1 : 0, 1, summarised, null, 1.2, 0, 150, false, []);
        }
        return (rows, behaviours);
    }

    [Fact]
    public void RecoversThePlantedContactDrivers()
    {
        var (rows, behaviours) = Simulate(30000, 11);
        var report = DriverAnalysis.Analyse(March, "nps", rows, behaviours, minimumPerReason: 30, repeatLookbackDays: 30);
        Assert.Equal("FAC", report.ReferenceReason);
        var e = report.Contacts!.Effects.ToDictionary(x => x.Feature);
        Assert.Equal(Math.Exp(1.1), e["reason STO"].OddsRatio, 0.4);
        Assert.True(e["reason STO"].Low > 1);
        Assert.Equal(Math.Exp(0.4), e["earlier contacts"].OddsRatio, 0.12);
        Assert.Equal(Math.Exp(0.6), e["transfers"].OddsRatio, 0.25);
        Assert.True(e["wait time"].Low < 1 && e["wait time"].High > 1, "wait has no planted effect: its interval must cover 1");
        Assert.True(e["reason VER"].Low < 1 && e["reason VER"].High > 1);
        Assert.True(e.ContainsKey("reason RARE")); // ~300 responses: enough for its own level
    }

    [Fact]
    public void RecoversThePlantedBehaviourDriversOnTheTranscribedHalf()
    {
        var (rows, behaviours) = Simulate(30000, 12);
        var report = DriverAnalysis.Analyse(March, "nps", rows, behaviours, 30, 30);
        var b = report.Behaviours!;
        Assert.Equal(15000, b.Responses);
        var e = b.Effects.ToDictionary(x => x.Feature);
        Assert.Equal(Math.Exp(0.9), e["agent interrupted"].OddsRatio, 0.5);
        Assert.True(e["agent interrupted"].Low > 1);
        Assert.Equal(Math.Exp(-0.7), e["summarised / checked understanding"].OddsRatio, 0.12);
        Assert.True(e["summarised / checked understanding"].High < 1);
        Assert.False(e.ContainsKey("open question asked")); // constant in this sample: not estimable, left out
    }

    [Fact]
    public void RareReasonsArePooledAndNoResponsesGiveNoModel()
    {
        var (rows, _) = Simulate(2000, 13);
        var report = DriverAnalysis.Analyse(March, "nps", rows, new Dictionary<long, BehaviourResult>(), minimumPerReason: 100, 30);
        var names = report.Contacts!.Effects.Select(x => x.Feature).ToList();
        Assert.DoesNotContain("reason RARE", names);   // ~20 responses < 100
        Assert.Contains("reason (other reason)", names);
        Assert.Null(report.Behaviours);
        Assert.Null(DriverAnalysis.Analyse(March, "nps", [], new Dictionary<long, BehaviourResult>(), 30, 30).Contacts);
    }
}
