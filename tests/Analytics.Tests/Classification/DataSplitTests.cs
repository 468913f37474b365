using Analytics.Classification;

namespace Analytics.Tests.Classification;

public class DataSplitTests
{
    [Fact]
    public void StratifiedHoldsOutEveryClassButNeverItsLastExamples()
    {
        var rows = Enumerable.Range(0, 100).Select(i => ("a", i))
            .Concat(Enumerable.Range(0, 2).Select(i => ("b", i)))
            .Concat([("c", 0)]).ToList();
        var (train, hold) = DataSplit.Stratified(rows, r => r.Item1, 0.1, seed: 1);
        Assert.Equal(10, hold.Count(r => r.Item1 == "a"));
        Assert.Equal(1, hold.Count(r => r.Item1 == "b"));
        Assert.Equal(0, hold.Count(r => r.Item1 == "c"));
        Assert.Equal(rows.Count, train.Count + hold.Count);
        Assert.Empty(train.Intersect(hold));

        var (train2, hold2) = DataSplit.Stratified(rows, r => r.Item1, 0.1, seed: 1, keep: 2);
        Assert.Equal(0, hold2.Count(r => r.Item1 == "b"));
        Assert.Equal(2, train2.Count(r => r.Item1 == "b"));
    }

    [Fact]
    public void StratifiedIsDeterministicForASeed()
    {
        var rows = Enumerable.Range(0, 50).Select(i => (i % 3 == 0 ? "x" : "y", i)).ToList();
        Assert.Equal(DataSplit.Stratified(rows, r => r.Item1, 0.2, 4).Holdout, DataSplit.Stratified(rows, r => r.Item1, 0.2, 4).Holdout);
    }

    [Fact]
    public void ByGroupKeepsEachGroupOnOneSide()
    {
        var rows = Enumerable.Range(0, 200).Select(i => (Group: $"review{i / 5}", i)).ToList();
        var (train, hold) = DataSplit.ByGroup(rows, r => r.Group, 0.2, seed: 1);
        Assert.Empty(train.Select(r => r.Group).Intersect(hold.Select(r => r.Group)));
        Assert.Equal(8, hold.Select(r => r.Group).Distinct().Count()); // 20% of 40 reviews
        Assert.Equal(40, hold.Count);
    }
}
