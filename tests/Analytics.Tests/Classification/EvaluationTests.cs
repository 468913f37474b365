using Analytics.Classification;

namespace Analytics.Tests.Classification;

public class EvaluationTests
{
    // actual:    a a a b b c
    // predicted: a a b b c c
    // confusion (rows actual, columns predicted, order a b c):
    //   a: 2 1 0    b: 0 1 1    c: 0 0 1
    // a: P 2/2, R 2/3, F1 0.8;  b: P 1/2, R 1/2, F1 0.5;  c: P 1/2, R 1/1, F1 2/3;  macro-F1 = (0.8 + 0.5 + 2/3) / 3
    private static readonly string[] Actual = ["a", "a", "a", "b", "b", "c"];
    private static readonly string[] Predicted = ["a", "a", "b", "b", "c", "c"];

    [Fact]
    public void AccuracyAndMacroF1MatchTheHandComputedMatrix()
    {
        var r = Evaluation.Compute(Actual, Predicted);
        Assert.Equal(4.0 / 6, r.Accuracy, 10);
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, r.MacroF1, 10);
        Assert.Equal(6, r.N);
    }

    [Fact]
    public void PerClassPrecisionRecallF1AndSupport()
    {
        var r = Evaluation.Compute(Actual, Predicted).PerClass.ToDictionary(m => m.Label);
        Assert.Equal((1.0, 2.0 / 3, 0.8, 3), (r["a"].Precision, r["a"].Recall, Math.Round(r["a"].F1, 10), r["a"].Support));
        Assert.Equal((0.5, 0.5, 0.5, 2), (r["b"].Precision, r["b"].Recall, r["b"].F1, r["b"].Support));
        Assert.Equal(0.5, r["c"].Precision);
        Assert.Equal(1.0, r["c"].Recall);
        Assert.Equal(2.0 / 3, r["c"].F1, 10);
        Assert.Equal(1, r["c"].Support);
    }

    [Fact]
    public void ConfusionMatrixIsActualByPredicted()
    {
        var r = Evaluation.Compute(Actual, Predicted);
        Assert.Equal(["a", "b", "c"], r.Labels);
        int[,] expected = { { 2, 1, 0 }, { 0, 1, 1 }, { 0, 0, 1 } };
        Assert.Equal(expected, r.Confusion);
        Assert.Equal("actual\\predicted,a,b,c\na,2,1,0\nb,0,1,1\nc,0,0,1\n", r.ConfusionCsv());
    }

    [Fact]
    public void AClassOnlyPredictedCountsWithF1ZeroInTheMacroAverage()
    {
        var r = Evaluation.Compute(["a", "a"], ["a", "b"]);
        var b = r.PerClass.Single(m => m.Label == "b");
        Assert.Equal((0.0, 0.0, 0.0, 0), (b.Precision, b.Recall, b.F1, b.Support));
        // a: P 1, R 1/2, F1 2/3; b: 0.
        Assert.Equal((2.0 / 3 + 0) / 2, r.MacroF1, 10);
        Assert.Equal(0.5, r.Accuracy);
    }

    [Fact]
    public void LabelsWithCommasAreQuotedInTheCsv()
    {
        var r = Evaluation.Compute(["x,y"], ["x,y"]);
        Assert.Equal("actual\\predicted,\"x,y\"\n\"x,y\",1\n", r.ConfusionCsv());
    }

    [Fact]
    public void MismatchedLengthsAreRejected() =>
        Assert.Throws<ArgumentException>(() => Evaluation.Compute(["a"], ["a", "b"]));
}
