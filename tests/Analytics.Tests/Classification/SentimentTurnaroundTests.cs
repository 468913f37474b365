using Analytics.Classification;

namespace Analytics.Tests.Classification;

public sealed class SentimentTurnaroundTests
{
    private static readonly TextClassifier Model = TextClassifier.Train(
        Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            new LabelledText($"dit is belachelijk slecht, ik ben boos {i}", "negative"),
            new LabelledText($"waardeloos, al weken geen internet, heel slecht {i}", "negative"),
            new LabelledText($"oké, dat is duidelijk {i}", "neutral"),
            new LabelledText($"ik begrijp het, prima zo {i}", "neutral"),
            new LabelledText($"super bedankt, heel fijn geholpen {i}", "positive"),
            new LabelledText($"geweldig, top service, dank je wel {i}", "positive"),
        }).ToList(), kind: "sentiment");

    [Fact]
    public void AConversationThatStartsAngryAndEndsThankfulTurnedAround()
    {
        var t = SentimentTurnaround.Of([
            ("agent", "Goedemorgen, waarmee kan ik u helpen?"),
            ("customer", "Dit is belachelijk slecht, al weken geen internet, ik ben boos"),
            ("agent", "Wat vervelend, ik kijk het direct na."),
            ("customer", "waardeloos gewoon"),
            ("agent", "De storing is opgelost."),
            ("customer", "Super, heel fijn geholpen"),
            ("customer", "geweldig, dank je wel"),
        ], Model);
        Assert.NotNull(t);
        Assert.Equal(("negative", "positive"), (t.Start, t.End));
        Assert.True(t.TurnedAround);
        Assert.False(t.Worsened);
    }

    [Fact]
    public void OneCustomerTurnHasNoStartAndEnd() =>
        Assert.Null(SentimentTurnaround.Of([("agent", "Hallo"), ("customer", "boos")], Model));
}
