using Analytics.Statistics;

namespace Analytics.Tests.Insights;

public sealed class PoissonCusumTests
{
    [Fact]
    public void ReferenceValueIsTheLikelihoodRatioBoundary() =>
        Assert.Equal(5 / Math.Log(2), PoissonCusum.ReferenceValue(5, 10), 12);

    [Fact]
    public void RunLengthOfATinyChainMatchesAHandComputation()
    {
        // λ = 1, k = 1, h = 1 (one state, S = 0): stay only when x ≤ 1, so ARL = 1 / P(x ≥ 2) = 1 / (1 − 2/e).
        Assert.Equal(1 / (1 - 2 / Math.E), PoissonCusum.AverageRunLength(1, 1, 1), 9);
    }

    [Fact]
    public void MarkovRunLengthAgreesWithSimulation()
    {
        double lambda = 4, k = PoissonCusum.ReferenceValue(4, 6), h = 4;
        var exact = PoissonCusum.AverageRunLength(lambda, k, h);
        var rng = new Random(3);
        const int runs = 4000;
        var simulated = Simulate(lambda, k, h, runs, rng);
        Assert.InRange(simulated / exact, 0.93, 1.07);
    }

    private static double Simulate(double lambda, double k, double h, int runs, Random rng)
    {
        var kk = Math.Round(k * PoissonCusum.Resolution) / PoissonCusum.Resolution;
        double total = 0;
        for (var r = 0; r < runs; r++)
        {
            double s = 0;
            var t = 0;
            do { t++; s = Math.Max(0, s + Poisson(rng, lambda) - kk); } while (s < h - 1e-9);
            total += t;
        }
        return total / runs;
    }

    private static int Poisson(Random rng, double lambda)
    {
        double l = Math.Exp(-lambda), p = 1;
        var k = 0;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }

    [Fact]
    public void ThresholdIsTheSmallestReachingTheTargetRunLength()
    {
        var k = PoissonCusum.ReferenceValue(5, 7.5);
        var h = PoissonCusum.Threshold(5, k, 500);
        Assert.True(PoissonCusum.AverageRunLength(5, k, h) >= 500);
        Assert.True(PoissonCusum.AverageRunLength(5, k, h - 0.1) < 500);
        // A doubling of the count is caught within about a week at that threshold.
        Assert.InRange(PoissonCusum.AverageRunLength(10, k, h), 1, 7);
    }

    [Fact]
    public void APlantedRiseAlarmsSoonAfterItStartsAndNotBefore()
    {
        var rng = new Random(5);
        var counts = Enumerable.Range(0, 120).Select(d => Poisson(rng, d < 100 ? 5 : 10)).ToList();
        var k = PoissonCusum.ReferenceValue(5, 7.5);
        var h = PoissonCusum.Threshold(5, k, 1000);
        var path = PoissonCusum.Run(counts, k, h);
        var first = path.Select((p, i) => (p, i)).First(x => x.p.Alarm).i;
        Assert.InRange(first, 100, 108);
    }
}

public sealed class PoissonCusumLargeCountTests
{
    [Fact]
    public void TheNormalApproximationAgreesWithTheExactChainWhereBothWork()
    {
        // λ0 = 30 is the switch-over point; both methods must give a similar threshold there.
        var k = PoissonCusum.ReferenceValue(30, 45);
        var exactH = 0.0;
        int lo = 1, hi = PoissonCusum.Resolution;
        while (PoissonCusum.AverageRunLength(30, k, (double)hi / PoissonCusum.Resolution) < 1000) { lo = hi; hi *= 2; }
        while (lo < hi) { var mid = (lo + hi) / 2; if (PoissonCusum.AverageRunLength(30, k, (double)mid / PoissonCusum.Resolution) >= 1000) hi = mid; else lo = mid + 1; }
        exactH = (double)hi / PoissonCusum.Resolution;
        var normalH = PoissonCusum.NormalThreshold(30, k, 1000);
        Assert.InRange(normalH / exactH, 0.8, 1.25);
    }

    [Fact]
    public void ABusyReasonWithHundredsOfContactsADayStillGetsAThreshold()
    {
        var k = PoissonCusum.ReferenceValue(200, 300);
        var h = PoissonCusum.Threshold(200, k, 1000);
        Assert.True(h is > 0 and < 1000, $"h = {h}");
        // In control (200/day) no alarm in 60 days of exactly the mean; a jump to 300/day alarms within days.
        Assert.DoesNotContain(PoissonCusum.Run(Enumerable.Repeat(200, 60), k, h), p => p.Alarm);
        var path = PoissonCusum.Run(Enumerable.Repeat(300, 10), k, h);
        Assert.Contains(path.Take(5), p => p.Alarm);
    }
}
