using Analytics.Statistics;

namespace Analytics.Tests.Insights;

public sealed class EmpiricalBayesTests
{
    [Fact]
    public void AgentsWhoseDifferenceIsNoiseCollapseOntoTheTeam()
    {
        // A: 2 P, 1 Pa, 1 D (NPS 25); B: 1 P, 1 Pa, 2 D (NPS −25). Within SS = 2 × (30000 − 4·625) = 55000, σ² = 55000/6.
        // Q = 4·25² + 4·25² = 5000 < (K − T)σ² = 9166.7, so τ² = 0 and both sit on the team mean 0.
        var r = EmpiricalBayes.ShrinkNps([new("A", "T", 2, 1, 1), new("B", "T", 1, 1, 2)]);
        Assert.Equal(55000.0 / 6, r.WithinVariance, 6);
        Assert.Equal(0, r.BetweenVariance);
        Assert.All(r.Units, u => Assert.Equal(0, u.Shrunk.Value, 9));
        Assert.Equal(25, r.Units[0].Raw.Value, 9);
    }

    [Fact]
    public void ShrinkageMatchesTheHandComputedMethodOfMoments()
    {
        // A: 10 promoters (100), B: 10 detractors (−100), C: 5 P + 5 D (0). N = 30, K = 3, T = 1.
        // σ² = 100000/27; μ = 0; Q = 10·100² + 10·100² = 200000; D = 30 − 300/30 = 20; τ² = (200000 − 2σ²)/20.
        double sigma2 = 100000.0 / 27, tau2 = (200000 - 2 * sigma2) / 20, w = tau2 / (tau2 + sigma2 / 10);
        var r = EmpiricalBayes.ShrinkNps([new("A", "T", 10, 0, 0), new("B", "T", 0, 0, 10), new("C", "T", 5, 0, 5)]);
        Assert.Equal(sigma2, r.WithinVariance, 6);
        Assert.Equal(tau2, r.BetweenVariance, 6);
        var a = r.Units.Single(u => u.Counts.Unit == "A");
        Assert.Equal(w, a.Weight, 9);
        Assert.Equal(100 * w, a.Shrunk.Value, 6);
        // Interval: w σ²/n + (1 − w)² Var(μ), Var(μ) = τ²·300/900 + σ²/30.
        var half = Normal.Z95 * Math.Sqrt(w * sigma2 / 10 + (1 - w) * (1 - w) * (tau2 / 3 + sigma2 / 30));
        Assert.Equal(Math.Min(100, 100 * w + half), a.Shrunk.High, 6);
        Assert.Equal(100 * w - half, a.Shrunk.Low, 6);
    }

    [Fact]
    public void SixLuckySurveysDoNotBeatSixtyGoodOnes()
    {
        var team = new List<GroupedCounts>
        {
            new("lucky", "T", 6, 0, 0),          // raw NPS 100 on 6 surveys
            new("steady", "T", 50, 6, 4),        // raw NPS 76.7 on 60
            new("x", "T", 20, 20, 20), new("y", "T", 25, 20, 15), new("z", "T", 15, 25, 20),
        };
        var r = EmpiricalBayes.ShrinkNps(team);
        var lucky = r.Units.Single(u => u.Counts.Unit == "lucky");
        var steady = r.Units.Single(u => u.Counts.Unit == "steady");
        Assert.True(lucky.Raw.Value > steady.Raw.Value);
        Assert.True(lucky.Shrunk.Value < steady.Shrunk.Value, $"lucky {lucky.Shrunk.Value} vs steady {steady.Shrunk.Value}");
        Assert.True(lucky.Weight < steady.Weight);
    }

    [Fact]
    public void ShrinkageIsTowardTheAgentsOwnTeam()
    {
        var r = EmpiricalBayes.ShrinkNps([
            new("a1", "good", 30, 5, 5), new("a2", "good", 28, 6, 6), new("a3", "good", 2, 0, 0),
            new("b1", "bad", 5, 5, 30), new("b2", "bad", 6, 6, 28), new("b3", "bad", 2, 0, 0)]);
        var a3 = r.Units.Single(u => u.Counts.Unit == "a3");
        var b3 = r.Units.Single(u => u.Counts.Unit == "b3");
        Assert.True(a3.Shrunk.Value > b3.Shrunk.Value + 50, $"{a3.Shrunk.Value} vs {b3.Shrunk.Value}");
    }

    [Fact]
    public void NoResponsesNoUnitsAndOneResponseIsNotShrunkWithoutPeers()
    {
        Assert.Empty(EmpiricalBayes.ShrinkNps([new("A", "T", 0, 0, 0)]).Units);
        var single = Assert.Single(EmpiricalBayes.ShrinkNps([new("A", "T", 1, 0, 0)]).Units);
        Assert.Equal(100, single.Shrunk.Value);
    }

    [Fact]
    public void NpsDifferenceUsesTheTrinomialVariance()
    {
        var c = NpsComparison.Difference((60, 20, 20), (20, 20, 60));
        Assert.Equal(80, c.Difference, 9);
        var (v1, var1) = NpsComparison.Adjusted((60, 20, 20));
        var (v0, var0) = NpsComparison.Adjusted((20, 20, 60));
        // hand: n+3 = 103, p+ = 60.75/103, p− = 20.75/103
        double pp = 60.75 / 103, pd = 20.75 / 103;
        Assert.Equal(10000 * (pp + pd - (pp - pd) * (pp - pd)) / 103, var1, 9);
        Assert.Equal(v1 - v0 + Normal.Z95 * Math.Sqrt(var1 + var0), c.High, 9);
        Assert.True(c.P < 1e-6);
        Assert.True(NpsComparison.Difference((5, 3, 2), (4, 3, 3)).P > 0.5);
    }

    [Fact]
    public void NormalTailAndBenjaminiHochberg()
    {
        Assert.Equal(0.05, Normal.TwoSidedP(1.959963984540054), 6);
        Assert.Equal(0.975, Normal.Cdf(1.959963984540054), 6);
        // p sorted: 0.001 (≤ 0.0125), 0.012 (≤ 0.025), 0.04 (> 0.0375), 0.8: two discoveries.
        Assert.Equal([true, false, true, false], Normal.BenjaminiHochberg([0.012, 0.04, 0.001, 0.8]));
    }
}
