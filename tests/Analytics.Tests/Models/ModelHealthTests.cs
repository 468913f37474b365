using Analytics.Models;

namespace Analytics.Tests.Models;

public class ModelHealthTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    private static List<(string, string)> Sample(int right, int wrong, int unknown, string reason = "factuur") =>
        [.. Enumerable.Repeat((reason, reason), right), .. Enumerable.Repeat(("storing", reason), wrong),
            .. Enumerable.Repeat(("unknown", reason), unknown)];

    [Fact]
    public void LiveAccuracyIsTheAcceptedShareWithItsWilsonInterval()
    {
        // 45 of 50 accepted predictions right; 3 more went to review and do not count, as on validation.
        var r = ModelHealth.Review(November, 60, Sample(45, 5, 3), 0.92, "unknown");
        Assert.Equal(53, r.Labelled);
        Assert.Equal(3, r.Unknown);
        Assert.Equal(50, r.Accuracy.N);
        Assert.Equal(90, r.Accuracy.Value, 6);
        // Wilson 95%: (0.9 + z²/2n ± z·√(0.9·0.1/n + z²/4n²)) / (1 + z²/n) with n = 50.
        Assert.Equal(78.64, r.Accuracy.Low, 2);
        Assert.Equal(95.65, r.Accuracy.High, 2);
        Assert.False(r.Alert); // 92% on validation lies inside
    }

    [Fact]
    public void AValidationFigureOutsideTheLiveIntervalIsAnAlert()
    {
        Assert.True(ModelHealth.Review(November, 50, Sample(35, 15, 0), 0.95, "unknown").Alert);
        Assert.False(ModelHealth.Review(November, 50, Sample(35, 15, 0), 0.75, "unknown").Alert);
        Assert.False(ModelHealth.Review(November, 50, [], 0.95, "unknown").Alert); // nothing labelled yet: no verdict
    }

    [Fact]
    public void PerReasonAccuracyOnlyWhereTheSampleAllows()
    {
        var labelled = Sample(9, 1, 0, "factuur").Concat(Sample(5, 3, 0, "verhuizing")).ToList();
        var r = ModelHealth.Review(November, 18, labelled, 0.9, "unknown");
        var only = Assert.Single(r.PerReason);
        Assert.Equal("factuur", only.Label);
        Assert.Equal(90, only.Accuracy.Value, 6);
        Assert.Equal(10, only.Accuracy.N);
    }

    [Fact]
    public void AWeekWhoseUnknownShareJumpsIsAnAlertAndOrdinaryWeeksAreNot()
    {
        // Validation sent 3% to review; weeks of 400 predictions with 10–14 unknowns are ordinary, 40 (10%) is not.
        var weeks = Enumerable.Range(0, 8).Select(i => new WeekCounts(new DateOnly(2026, 9, 7).AddDays(7 * i), 400,
            i == 6 ? 40 : 10 + i % 5, 0.6, 0.8, 0.9)).ToList();
        var health = ModelHealth.Weeks(weeks, 0.03);
        Assert.Equal([false, false, false, false, false, false, true, false], health.Select(w => w.Alert));
        Assert.Equal(10, health[6].UnknownShare.Value, 6);
        Assert.True(health[6].P < 1e-6, $"p = {health[6].P}");
        Assert.Equal(0.8, health[0].ConfidenceMedian);
    }
}
