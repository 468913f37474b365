using System.Security.Cryptography;
using System.Text;
using Analytics.Classification;

namespace Analytics.Tests.Classification;

/// <summary>Trains small models once per class (fixed seeds) and checks what they can and cannot do.</summary>
public class TextClassifierTests : IClassFixture<TextClassifierTests.Trained>
{
    public sealed class Trained
    {
        public List<LabelledText> Train { get; } = Fixtures.ReasonNotes(perClass: 60, seed: 1);
        public List<LabelledText> Test { get; } = Fixtures.ReasonNotes(perClass: 15, seed: 2);
        public TextClassifier Reasons { get; }

        public Trained() =>
            Reasons = TextClassifier.Train(Train, new TextClassifierOptions { ValidationFraction = 0.2 }, ModelKinds.Reasons);
    }

    private readonly Trained _t;
    public TextClassifierTests(Trained t) => _t = t;

    [Fact]
    public void ReasonAccuracyIsFarAboveChance()
    {
        var predicted = _t.Reasons.PredictBatch(_t.Test.Select(x => x.Text)).Select(p => p.Label).ToList();
        var eval = Evaluation.Compute(_t.Test.Select(x => x.Label).ToList(), predicted);
        // Six classes: chance is 1/6.
        Assert.True(eval.Accuracy >= 0.9, $"accuracy {eval.Accuracy}");
        Assert.True(eval.MacroF1 >= 0.9, $"macro-F1 {eval.MacroF1}");
    }

    [Fact]
    public void CardDescribesTheModel()
    {
        var c = _t.Reasons.Card;
        Assert.Equal(["betaling", "factuur", "opzeggen", "storing", "verhuizing", "wachtwoord"], c.Labels);
        Assert.Equal(ModelKinds.Reasons, c.Kind);
        Assert.Equal(_t.Train.Count, c.TrainingRows + c.ValidationRows);
        Assert.Equal(72, c.ValidationRows); // 20% of 60 per class × 6
        Assert.InRange(c.Threshold, 0.01f, 0.99999f); // chosen, not the "no threshold" 0
        Assert.Equal("word1-2+char1-4/tfidf", c.Featurisation);
        Assert.Equal(64, c.DataHash.Length);
    }

    [Fact]
    public void OutOfScopeTextsAreFlaggedUnknown()
    {
        var oos = _t.Reasons.PredictBatch(Fixtures.OutOfScope);
        var inScope = _t.Reasons.PredictBatch(_t.Test.Select(x => x.Text));
        Assert.True(oos.Count(p => p.IsUnknown) >= 8, string.Join("; ", oos.Select(p => $"{p.Label} {p.Confidence:0.00}")));
        Assert.True(inScope.Count(p => p.IsUnknown) <= inScope.Count / 10, $"{inScope.Count(p => p.IsUnknown)} in-scope unknowns");
        Assert.All(oos.Where(p => p.IsUnknown), p => Assert.Equal(TextClassifier.UnknownLabel, p.LabelOrUnknown));
    }

    [Fact]
    public void ConfidenceIsAProbability()
    {
        var p = _t.Reasons.Predict("Internet werkt niet, modem knippert rood");
        Assert.Equal("storing", p.Label);
        Assert.InRange(p.Confidence, 0.5f, 1f);
        Assert.False(p.IsUnknown);
    }

    [Fact]
    public void SingleAndBatchPredictionsAgreeAlsoAcrossThreads()
    {
        var texts = _t.Test.Select(x => x.Text).ToArray();
        var batch = _t.Reasons.PredictBatch(texts);
        var parallel = new ClassPrediction[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = _t.Reasons.Predict(texts[i]));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(batch[i].Label, parallel[i].Label);
            Assert.Equal(batch[i].Confidence, parallel[i].Confidence, 4);
        }
    }

    [Fact]
    public void SavedModelLoadsWithTheSamePredictionsAndCard()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tc-" + Guid.NewGuid().ToString("N"));
        try
        {
            _t.Reasons.Save(dir);
            Assert.True(File.Exists(Path.Combine(dir, "model.zip")));
            var json = File.ReadAllText(Path.Combine(dir, "model.json"));
            Assert.Contains("\"threshold\":", json);
            Assert.Contains("\"data_hash\":", json);
            var loaded = TextClassifier.Load(dir);
            Assert.Equal(_t.Reasons.Card.Labels, loaded.Card.Labels);
            Assert.Equal(_t.Reasons.Card.Threshold, loaded.Card.Threshold);
            var texts = _t.Test.Take(20).Select(x => x.Text).ToList();
            Assert.Equal(_t.Reasons.PredictBatch(texts), loaded.PredictBatch(texts));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void L2ChoicesKeepTheModelMostAccurateOnValidationAndRecordEach()
    {
        // Every fourth label moved to the next class, as a poorly coded centre would have them.
        var classes = _t.Train.Select(x => x.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        var noisy = _t.Train.Select((x, i) => i % 4 == 0
            ? x with { Label = classes[(classes.IndexOf(x.Label) + 1) % classes.Count] } : x).ToList();
        var options = new TextClassifierOptions { ValidationFraction = 0.2, L2Choices = [1e6f, 1e-3f, 1f] };

        var model = TextClassifier.Train(noisy, options);

        var tried = model.Card.L2Choices!;
        Assert.Equal([1e-3f, 1f, 1e6f], tried.Select(c => c.L2)); // smallest first, so a tie keeps the lighter L2
        Assert.True(tried.Max(c => c.ValidationAccuracy) > tried.Min(c => c.ValidationAccuracy),
            string.Join(", ", tried)); // else this test could not tell which model was kept
        var best = tried.First(c => c.ValidationAccuracy == tried.Max(t => t.ValidationAccuracy));
        Assert.Equal(best.L2, model.Card.L2);
        // The model kept is the one chosen, not the last trained: its own validation figure is the chosen one's.
        Assert.Equal(best.ValidationAccuracy, model.Card.Validation.Accuracy, 4);
        var again = TextClassifier.Train(noisy, options with { L2Choices = null, L2 = best.L2 });
        var texts = _t.Test.Select(x => x.Text).ToList();
        Assert.Equal(again.PredictBatch(texts).Select(p => p.Label), model.PredictBatch(texts).Select(p => p.Label));
        Assert.Contains("\"l2_choices\":", model.Card.ToJson());
        Assert.Equal(tried, ModelCard.FromJson(model.Card.ToJson()).L2Choices);
    }

    [Fact]
    public void L2ChoicesAreForLbfgsOnly() =>
        Assert.Contains("LbfgsMaximumEntropy", Assert.Throws<ArgumentException>(() => TextClassifier.Train(_t.Train,
            new TextClassifierOptions { Trainer = TrainerKind.SdcaMaximumEntropy, L2Choices = [1f] })).Message);

    [Fact]
    public void DataHashIsSha256OfSortedNormalisedPairs()
    {
        LabelledText[] data = [new("Factuur TE hoog!", "factuur"), new("Modem kapot", "storing")];
        // Independently: normalised "text\u001flabel\u001e" lines, ordinal order, UTF-8, SHA-256, lower-case hex.
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            "factuur te hoog\u001ffactuur\u001e" + "modem kapot\u001fstoring\u001e")));
        Assert.Equal(expected, TextClassifier.DataHash(data));
        Assert.Equal(expected, TextClassifier.DataHash(data.Reverse()));
        Assert.NotEqual(expected, TextClassifier.DataHash([data[0], data[1] with { Label = "factuur" }]));
    }

    [Fact]
    public void AClassWithOneExampleIsAClearError()
    {
        var data = Fixtures.ReasonNotes(5, 3).Append(new LabelledText("iets heel anders", "eenling")).ToList();
        var e = Assert.Throws<ClassifierDataException>(() => TextClassifier.Train(data));
        Assert.Contains("'eenling'", e.Message);
        Assert.Contains("only 1 example", e.Message);
    }

    [Fact]
    public void NoDataOrOneClassIsAClearError()
    {
        Assert.Contains("no labelled rows", Assert.Throws<ClassifierDataException>(() => TextClassifier.Train([])).Message);
        Assert.Contains("two classes", Assert.Throws<ClassifierDataException>(() =>
            TextClassifier.Train([new("a", "x"), new("b", "x")])).Message);
    }

    [Fact]
    public void DutchSentimentIsLearnedFromExamples()
    {
        var train = Fixtures.DutchSentiment(perClass: 60, seed: 5);
        var model = TextClassifier.Train(train, kind: ModelKinds.Sentiment);
        Assert.Equal(SentimentLabels.All, model.Labels);
        (string Text, string Label)[] heldOut =
        [
            ("De bediening was echt heel vriendelijk en het eten heerlijk", SentimentLabels.Positive),
            ("Wat een geweldige service, top!", SentimentLabels.Positive),
            ("Het personeel was onbeleefd en de pizza vies", SentimentLabels.Negative),
            ("Veel te duur en slecht, een teleurstelling", SentimentLabels.Negative),
            ("De levering was zoals verwacht", SentimentLabels.Neutral),
            ("Het terras was redelijk, niet bijzonder", SentimentLabels.Neutral),
        ];
        var predicted = model.PredictBatch(heldOut.Select(h => h.Text));
        var correct = heldOut.Zip(predicted).Count(x => x.First.Label == x.Second.Label);
        Assert.True(correct >= 5, string.Join("; ", predicted.Select(p => p.Label)));
    }
}
