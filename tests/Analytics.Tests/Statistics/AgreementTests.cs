using Analytics.Statistics;

namespace Analytics.Tests.Statistics;

public sealed class AgreementTests
{
    [Fact]
    public void KappaOfAHandComputedTableIsPointFour()
    {
        // yes/yes 4, yes/no 2, no/yes 1, no/no 3: observed 0.7; A says yes 6/10, B 5/10, chance 0.6*0.5 + 0.4*0.5 = 0.5;
        // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
        var pairs = Enumerable.Repeat(("yes", "yes"), 4).Concat(Enumerable.Repeat(("yes", "no"), 2))
            .Concat(Enumerable.Repeat(("no", "yes"), 1)).Concat(Enumerable.Repeat(("no", "no"), 3)).ToList();
        Assert.Equal(0.4, Agreement.CohensKappa(pairs)!.Value, 10);
    }

    [Fact]
    public void KappaIsUndefinedWhenBothRatersAlwaysSayTheSameSingleValue() =>
        Assert.Null(Agreement.CohensKappa([("yes", "yes"), ("yes", "yes")]));

    [Fact]
    public void NominalAlphaOfAHandComputedCaseIsOneThird()
    {
        // Units [1,1,1] [1,1,0] [0,0,0] [1,0]: coincidences o11 = 3 + 1 = 4, o00 = 3, o10 = o01 = 1 + 1 = 2;
        // n1 = 6, n0 = 5, n = 11; alpha = 1 - (n - 1) * (o10 + o01) / (2 * n1 * n0) = 1 - 10 * 4 / 60 = 1/3.
        double[][] units = [[1, 1, 1], [1, 1, 0], [0, 0, 0], [1, 0], [1]];
        Assert.Equal(1.0 / 3, Agreement.KrippendorffAlpha(units)!.Value, 10);
    }

    [Fact]
    public void IntervalAlphaWeighsDisagreementBySquaredDistance()
    {
        // [4,4,2] [5,5,5]: observed 16/2 = 8; expected over 2,4,4,5,5,5: 2*(1*2*4 + 1*3*9 + 2*3*1) = 82;
        // alpha = 1 - 5 * 8 / 82.
        double[][] units = [[4, 4, 2], [5, 5, 5]];
        Assert.Equal(1 - 40.0 / 82, Agreement.KrippendorffAlpha(units, interval: true)!.Value, 10);
        Assert.Equal(1.0, Agreement.KrippendorffAlpha([[1, 1], [3, 3]], interval: true)!.Value, 10);
    }

    [Fact]
    public void AlphaIsUndefinedWithoutExpectedDisagreementOrPairableValues()
    {
        Assert.Null(Agreement.KrippendorffAlpha([[1, 1], [1, 1]]));
        Assert.Null(Agreement.KrippendorffAlpha([[1], [0]]));
    }
}
