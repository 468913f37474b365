using Analytics.Classification;

namespace Analytics.Tests.Classification;

public sealed class NoisyLabelsTests
{
    private static readonly string[] Labels = ["a", "b", "c"];

    /// <summary>Rows with out-of-fold probabilities (a, b, c) as given; the fifth is an a-row whose text reads as b.</summary>
    private static (List<LabelledText> Rows, OutOfFoldScores Scores) Judged(params (string Label, float[] P)[] rows) =>
        (rows.Select((r, i) => new LabelledText($"text {i}", r.Label)).ToList(), new OutOfFoldScores(Labels, [.. rows.Select(r => r.P)]));

    private static readonly (string, float[])[] Rows =
    [
        ("a", [0.9f, 0.05f, 0.05f]), ("a", [0.8f, 0.1f, 0.1f]), ("a", [0.7f, 0.2f, 0.1f]), ("a", [0.6f, 0.3f, 0.1f]),
        ("a", [0.1f, 0.78f, 0.12f]),
        ("b", [0.1f, 0.8f, 0.1f]), ("b", [0.2f, 0.7f, 0.1f]), ("b", [0.05f, 0.9f, 0.05f]),
        ("c", [0.05f, 0.05f, 0.9f]),
    ];

    [Theory]
    [InlineData("drop:5:cl", 5, NoisyLabelRule.ConfidentJoint, NoisyLabelAction.Drop)]
    [InlineData("relabel:3:pbnr", 3, NoisyLabelRule.PruneByNoiseRate, NoisyLabelAction.Relabel)]
    [InlineData("drop:3:0.3", 3, NoisyLabelRule.Confidence, NoisyLabelAction.Drop)]
    public void TheOptionTextNamesTheRuleAndReadsBackTheSame(string text, int folds, NoisyLabelRule rule, NoisyLabelAction action)
    {
        var parsed = NoisyLabels.Parse(text);
        Assert.Equal((folds, rule, action), (parsed.Folds, parsed.Rule, parsed.Action));
        Assert.Equal(text, parsed.ToString());
        Assert.Throws<ArgumentException>(() => NoisyLabels.Parse("drop:3:cleanlab"));
    }

    [Fact]
    public void ConfidentLearningFlagsARowAnotherClassClaimsOverThatClasssOwnThreshold()
    {
        var (rows, scores) = Judged(Rows);
        // b's threshold is its rows' mean confidence (0.8): the a-row at 0.78 on b stays …
        Assert.Empty(new NoisyLabels(Rule: NoisyLabelRule.ConfidentJoint).Flag(rows, scores));
        // … until b's own rows are less sure of themselves (mean 0.75), as they are when some of them were flipped.
        rows[7] = rows[7] with { Label = "a" };
        scores.Probabilities[7] = [0.2f, 0.76f, 0.04f];
        var flagged = new NoisyLabels(Rule: NoisyLabelRule.ConfidentJoint).Flag(rows, scores);
        Assert.Equal(new Dictionary<int, string> { [4] = "b", [7] = "b" }, flagged);
        // A fixed minimum of 0.8 on another class flags neither.
        Assert.Empty(new NoisyLabels(MinimumConfidence: 0.8).Flag(rows, scores));
    }

    [Fact]
    public void PruningByNoiseRateTakesAsManyRowsAsTheJointCountsWithTheLargestMargins()
    {
        var (rows, scores) = Judged([.. Rows, ("a", [0.0f, 0.7f, 0.3f])]);
        scores.Probabilities[7] = [0.05f, 0.75f, 0.2f];
        // The joint counts the a-row at 0.78 on b (b's threshold is 0.75); the last a-row, at 0.7, is under it …
        Assert.Equal(new Dictionary<int, string> { [4] = "b" }, new NoisyLabels(Rule: NoisyLabelRule.ConfidentJoint).Flag(rows, scores));
        // … but has the larger margin of b over a (0.7 against 0.68): pruning takes the one row the joint counts from there.
        Assert.Equal(new Dictionary<int, string> { [9] = "b" }, new NoisyLabels(Rule: NoisyLabelRule.PruneByNoiseRate).Flag(rows, scores));
    }
}
