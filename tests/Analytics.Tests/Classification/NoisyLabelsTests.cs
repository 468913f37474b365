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

    [Theory]
    [InlineData("fix:3:0.3:0.7", NoisyLabelAction.Fix, 0.3, 0.7, 1)]
    [InlineData("fix:5:cl:0.8:x2", NoisyLabelAction.Fix, 0.5, 0.8, 2)]
    [InlineData("drop:3:0.3:x2", NoisyLabelAction.Drop, 0.3, 0.8, 2)]
    [InlineData("weight:3:0.3", NoisyLabelAction.Weight, 0.3, 0.8, 1)]
    public void TheNewOptionsReadBackTheSame(string text, NoisyLabelAction action, double minimum, double relabel,
        int rounds)
    {
        var p = NoisyLabels.Parse(text);
        Assert.Equal((action, minimum, relabel, rounds),
            (p.Action, p.MinimumConfidence, p.RelabelConfidence, p.Rounds));
        Assert.Equal(text, p.ToString());
    }

    [Theory]
    [InlineData("drop:3:0.3:0.7")]
    [InlineData("weight:3:0.3:x2")]
    [InlineData("drop:3:0.3:x0")]
    [InlineData("fix:3:0.3:1.5")]
    [InlineData("fix:3:0.3:0.7:0.8")]
    [InlineData("3:0.3")]
    public void OptionsThatSayNothingSensibleAreRefused(string text) =>
        Assert.Throws<ArgumentException>(() => NoisyLabels.Parse(text));

    [Fact]
    public void FixingRelabelsAConfidentSuggestionAndDropsAnUnsureOne()
    {
        // Row 4 reads as b at 0.78; row 9, an a-row, as b at only 0.45.
        var (rows, scores) = Judged([.. Rows, ("a", [0.35f, 0.45f, 0.2f])]);
        var cleaned = NoisyLabels.Parse("fix:3:0.3:0.7").Apply(rows, _ => scores);
        Assert.Equal((1, 1, 2), (cleaned.Dropped, cleaned.Relabelled, cleaned.Changed));
        Assert.Equal("b", cleaned.Rows.Single(r => r.Text == "text 4").Label);
        Assert.DoesNotContain(cleaned.Rows, r => r.Text == "text 9");
        Assert.Null(cleaned.Weights);
        // Relabelling from 0.4 keeps both, as b.
        var lenient = NoisyLabels.Parse("fix:3:0.3:0.4").Apply(rows, _ => scores);
        Assert.Equal((0, 2), (lenient.Dropped, lenient.Relabelled));
    }

    [Fact]
    public void WeightingKeepsADoubtedRowWithTheProbabilityOfItsOwnLabel()
    {
        var (rows, scores) = Judged([.. Rows, ("a", [0.35f, 0.45f, 0.2f])]);
        var cleaned = NoisyLabels.Parse("weight:3:0.3").Apply(rows, _ => scores);
        Assert.Equal(rows, cleaned.Rows);
        Assert.Equal((0, 0, 2), (cleaned.Dropped, cleaned.Relabelled, cleaned.Changed));
        Assert.Equal(new[] { 1f, 1f, 1f, 1f, 0.1f, 1f, 1f, 1f, 1f, 0.35f }, cleaned.Weights);
    }

    [Fact]
    public void ASecondRoundFlagsARowTheFirstRoundsCorrectionsTurned()
    {
        // "x y" (coded b) reads as its word-sharing neighbours vote: four x-rows coded a, one x-row miscoded b, three
        // y-rows coded b. Round one sees a 4:4 tie for it and relabels only the miscoded x-row (a at 0.8); with that
        // row now a, round two sees a at 5/8 and relabels "x y" too.
        List<LabelledText> rows =
        [
            new("x", "a"), new("x", "a"), new("x", "a"), new("x", "a"), new("x", "b"),
            new("y", "b"), new("y", "b"), new("y", "b"), new("x y", "b"),
        ];
        var once = NoisyLabels.Parse("fix:3:0.6:0.6").Apply(rows, LeaveOneOutByWords);
        Assert.Equal(new[] { "a", "a", "a", "a", "a", "b", "b", "b", "b" }, once.Rows.Select(r => r.Label));
        var twice = NoisyLabels.Parse("fix:3:0.6:0.6:x2").Apply(rows, LeaveOneOutByWords);
        Assert.Equal(new[] { "a", "a", "a", "a", "a", "b", "b", "b", "a" }, twice.Rows.Select(r => r.Label));
        Assert.Equal((2, 2), (twice.Changed, twice.Relabelled));
    }

    /// <summary>A judge that never sees a row's own label: it votes with the other rows sharing a word.</summary>
    private static OutOfFoldScores LeaveOneOutByWords(IReadOnlyList<LabelledText> rows)
    {
        var labels = rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var p = rows.Select((row, i) =>
        {
            var words = row.Text.Split(' ');
            var votes = rows.Where((other, j) => j != i && other.Text.Split(' ').Intersect(words).Any())
                .Select(o => o.Label).ToList();
            return votes.Count == 0 ? null : labels.Select(l => votes.Count(v => v == l) / (float)votes.Count).ToArray();
        }).ToArray();
        return new OutOfFoldScores(labels, p);
    }
}
