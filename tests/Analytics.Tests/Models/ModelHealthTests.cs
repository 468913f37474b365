using Analytics.Classification;
using Analytics.Models;
using Analytics.Statistics;

namespace Analytics.Tests.Models;

public class ModelHealthTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    // 1,000 validation predictions: 97% accepted, of which the given share right; deciles at 0.1, 0.2, … 0.9.
    private static ValidationYardstick Validation(double acceptedAccuracy, double unknownRate = 0.03, ConfidenceDeciles? deciles = null) =>
        new(acceptedAccuracy, 970, unknownRate, 1000, deciles);

    private static List<(string, string)> Sample(int right, int wrong, int unknown, string reason = "factuur") =>
        [.. Enumerable.Repeat((reason, reason), right), .. Enumerable.Repeat(("storing", reason), wrong),
            .. Enumerable.Repeat(("unknown", reason), unknown)];

    [Fact]
    public void LiveAccuracyIsTheAcceptedShareWithItsWilsonInterval()
    {
        // 45 of 50 accepted predictions right; 3 more went to review and do not count, as on validation.
        var r = ModelHealth.Review(November, 60, Sample(45, 5, 3), Validation(0.92), "unknown");
        Assert.Equal(53, r.Labelled);
        Assert.Equal(3, r.Unknown);
        Assert.Equal(50, r.Accuracy.N);
        Assert.Equal(90, r.Accuracy.Value, 6);
        // Wilson 95%: (0.9 + z²/2n ± z·√(0.9·0.1/n + z²/4n²)) / (1 + z²/n) with n = 50.
        Assert.Equal(78.64, r.Accuracy.Low, 2);
        Assert.Equal(95.65, r.Accuracy.High, 2);
        Assert.False(r.Alert); // 92% on validation: p well above 5%
        Assert.True(r.P > 0.5, $"p = {r.P}");
    }

    [Fact]
    public void LiveAccuracyThatMovesFromValidationIsAnAlertByATwoProportionTest()
    {
        var drop = ModelHealth.Review(November, 50, Sample(35, 15, 0), Validation(0.95), "unknown");
        Assert.True(drop.Alert);
        // 70% of 50 against 95% of 970: z = (0.70 − 0.95) / √(p̂(1 − p̂)(1/50 + 1/970)), p̂ = (35 + 921.5) / 1020.
        Assert.Equal(Normal.TwoSidedP(-0.25 / Math.Sqrt(956.5 / 1020 * (1 - 956.5 / 1020) * (1.0 / 50 + 1.0 / 970))),
            drop.P!.Value, 3);
        Assert.False(ModelHealth.Review(November, 50, Sample(35, 15, 0), Validation(0.75), "unknown").Alert);
        // Too few labelled to test: no p, no verdict, however far off the figure looks.
        var few = ModelHealth.Review(November, 20, Sample(10, 10, 0), Validation(0.95), "unknown");
        Assert.Null(few.P);
        Assert.False(few.Alert);
        Assert.False(ModelHealth.Review(November, 50, [], Validation(0.95), "unknown").Alert);
    }

    [Fact]
    public void PerReasonAccuracyOnlyWhereTheSampleAllows()
    {
        var labelled = Sample(9, 1, 0, "factuur").Concat(Sample(5, 3, 0, "verhuizing")).ToList();
        var r = ModelHealth.Review(November, 18, labelled, Validation(0.9), "unknown");
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
        var health = ModelHealth.Weeks(weeks, Validation(0.9));
        Assert.Equal([false, false, false, false, false, false, true, false], health.Select(w => w.Alert));
        Assert.Equal(10, health[6].UnknownShare.Value, 6);
        Assert.Equal((true, false), (health[6].UnknownShareAlert, health[6].ConfidenceAlert));
        Assert.True(health[6].P < 1e-6, $"p = {health[6].P}");
        Assert.Equal(0.8, health[0].ConfidenceMedian);
    }

    [Fact]
    public void AWeekWhoseConfidencesShiftFromValidationIsAnAlertAndOrdinaryWeeksAreNot()
    {
        var deciles = new ConfidenceDeciles([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], 1000);
        var rng = new Random(3);
        // Weeks of 400 confidences drawn as validation's (uniform); week 5 planted: every confidence squared (lower).
        var weeks = Enumerable.Range(0, 8).Select(i =>
        {
            var confidences = Enumerable.Range(0, 400).Select(_ => rng.NextDouble()).Select(c => i == 5 ? c * c : c).ToList();
            return new WeekCounts(new DateOnly(2026, 9, 7).AddDays(7 * i), 400, 12, 0.3, 0.5, 0.7,
                deciles.Edges.Select(e => confidences.Count(c => c < e)).ToList());
        }).ToList();
        var health = ModelHealth.Weeks(weeks, Validation(0.9, 0.03, deciles));
        Assert.Equal([false, false, false, false, false, true, false, false], health.Select(w => w.Alert));
        // Squared uniforms: P(c² < 0.5) = √0.5 ≈ 0.71, against 0.5 on validation, so the distance is about 0.21.
        Assert.InRange(health[5].ConfidenceShift!.Value, 0.18, 0.32);
        Assert.Equal((false, true), (health[5].UnknownShareAlert, health[5].ConfidenceAlert));
        Assert.True(health[5].ConfidenceP < 1e-4, $"p = {health[5].ConfidenceP}");
        Assert.All(health.Where((_, i) => i != 5), w => Assert.True(w.ConfidenceShift < 0.1));
        // The unknown share (12 of 400 against 3% of 1,000) is ordinary in every week.
        Assert.All(health, w => Assert.True(w.P > 0.5));
    }

    [Fact]
    public void FindingsNameTheMeasureAndPeriodOfEveryTestedFigureAndOnlyThose()
    {
        // Week one: 40 of 400 unknown (10% against 3%); week two: 20 predictions, too few to test.
        var weeks = ModelHealth.Weeks([new WeekCounts(new DateOnly(2026, 9, 7), 400, 40, 0.6, 0.8, 0.9),
            new WeekCounts(new DateOnly(2026, 9, 14), 20, 10, 0.6, 0.8, 0.9)], Validation(0.95));
        var drop = ModelHealth.Review(November, 50, Sample(35, 15, 0), Validation(0.95), "unknown");
        var ordinary = ModelHealth.Review(November.AddMonths(-1), 50, Sample(47, 3, 0), Validation(0.95), "unknown");
        var findings = HealthFindings.Of([ordinary, drop], weeks, 0.95, 0.03);
        Assert.Equal(["live-accuracy:2026-10", "live-accuracy:2026-11", "unknown-share:2026-09-07"],
            findings.Select(f => f.Code));
        Assert.Equal([false, true, true], findings.Select(f => f.Alert));
        Assert.Equal(["live accuracy", "live accuracy", "unknown share"], findings.Select(f => f.Measure));
        // Wilson 95% for 40 of 400: 7.43–13.33.
        Assert.Equal("week of 2026-09-07 (n=400): unknown share 10% (7.4–13.3) against 3% on validation (p<0.0001)",
            findings[2].Text);
        Assert.StartsWith("2026-11: live accuracy 70% (", findings[1].Text);
        const string code = "unknown-share:2026-09-07";
        Assert.Equal(("unknown share", "2026-09-07"), (HealthFindings.MeasureOf(code), HealthFindings.PeriodOf(code)));
    }

    [Fact]
    public void AWeekUnderTheMinimumIsNotTested()
    {
        var deciles = new ConfidenceDeciles([0.5], [0.5], 1000);
        var week = new WeekCounts(new DateOnly(2026, 9, 7), 20, 20, 0.1, 0.1, 0.1, [20]);
        var health = Assert.Single(ModelHealth.Weeks([week], Validation(0.9, 0.03, deciles)));
        Assert.Null(health.P);
        Assert.Null(health.ConfidenceP);
        Assert.Equal(0.5, health.ConfidenceShift!.Value, 6);
        Assert.False(health.Alert);
    }

    [Fact]
    public void KolmogorovSmirnovPMatchesTheTable()
    {
        // Critical distance at 5% for n1 = n2 = 400: 1.358 · √(2/400) ≈ 0.096 (Kolmogorov's limit).
        Assert.InRange(ModelHealth.KolmogorovSmirnovP(0.096, 400, 400), 0.04, 0.06);
        Assert.Equal(1, ModelHealth.KolmogorovSmirnovP(0, 400, 400));
        Assert.True(ModelHealth.KolmogorovSmirnovP(0.3, 400, 400) < 1e-10);
    }

    [Fact]
    public void ValidationDecilesCountTiesBelowThemHonestly()
    {
        // Half the validation confidences are exactly 1: the top deciles sit at 1 with half below.
        var d = ConfidenceDeciles.Of([.. Enumerable.Range(0, 100).Select(i => i < 50 ? i / 100.0 : 1.0)])!;
        Assert.Equal(9, d.Edges.Count);
        Assert.Equal(0.1, d.ShareBelow[0], 6);
        Assert.Equal(1.0, d.Edges[^1]);
        Assert.Equal(0.5, d.ShareBelow[^1], 6);
        Assert.Equal(100, d.N);
    }
}
