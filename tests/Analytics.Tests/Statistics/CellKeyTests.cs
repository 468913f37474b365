using Analytics.Statistics;

namespace Analytics.Tests.Statistics;

public sealed class CellKeyTests
{
    private static readonly CellKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void TheSameCellAlwaysGetsTheSameNoiseAndAnotherKeyOtherNoise()
    {
        var cells = Enumerable.Range(0, 200).Select(i => $"nps|2026-03-01..2026-03-31||team=T{i}").ToList();
        Assert.Equal(cells.Select(c => Key.Noise(c, "n")), cells.Select(c => Key.Noise(c, "n")));
        var other = new CellKey(new byte[32]);
        Assert.NotEqual(cells.Select(c => Key.Noise(c, "n")), cells.Select(c => other.Noise(c, "n")));
    }

    [Fact]
    public void NoiseFollowsItsTableWithMeanZero()
    {
        var noise = Enumerable.Range(0, 20_000).Select(i => Key.Noise($"cell{i}", "n")).ToList();
        Assert.InRange(noise.Average(), -0.05, 0.05);
        Assert.InRange(noise.Count(n => n == 0) / 20_000.0, 0.37, 0.43);
        Assert.InRange(noise.Count(n => n == 2) / 20_000.0, 0.08, 0.12);
        Assert.All(noise, n => Assert.InRange(n, -2, 2));
    }

    [Fact]
    public void ZeroStaysZeroAndNothingElseBecomesZero()
    {
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(0, Key.Perturb(0, $"cell{i}", "n"));
            Assert.True(Key.Perturb(1, $"cell{i}", "n") >= 1);
        }
    }
}
