using Analytics.Classification;

namespace Analytics.Tests.Classification;

/// <summary>
/// A made-up word is planted in every training note of one reason; a note of another reason that gets the word must
/// move towards the planted reason, and the explanation must name the word as the reason why.
/// </summary>
public class ExplanationTests : IClassFixture<ExplanationTests.Planted>
{
    public const string Plant = "flapdrol";
    public const string PlantedReason = "storing";

    public sealed class Planted
    {
        public TextClassifier Linear { get; }
        public TextClassifier Perceptron { get; }

        public Planted()
        {
            var train = Fixtures.ReasonNotes(perClass: 40, seed: 3)
                .Select(x => x.Label == PlantedReason ? x with { Text = x.Text + " " + Plant } : x).ToList();
            Linear = TextClassifier.Train(train, new TextClassifierOptions { ValidationFraction = 0.2 }, ModelKinds.Reasons);
            Perceptron = TextClassifier.Train(train,
                new TextClassifierOptions { ValidationFraction = 0.2, Trainer = TrainerKind.OvaAveragedPerceptron }, ModelKinds.Reasons);
        }
    }

    private readonly Planted _m;
    public ExplanationTests(Planted m) => _m = m;

    private const string Note = "klant wil het abonnement opzeggen";

    [Theory]
    [InlineData("linear")]
    [InlineData("occlusion")]
    public void APlantedWordMovesThePredictionAndIsNamed(string method)
    {
        var model = method == "linear" ? _m.Linear : _m.Perceptron;
        var storing = model.Labels.ToList().IndexOf(PlantedReason);
        var before = model.Explain(Note);
        var after = model.Explain($"{Note} {Plant} {Plant}");

        Assert.Equal(method, after.Method);
        Assert.Equal("opzeggen", before.Label);
        Assert.DoesNotContain(before.For, w => w.Word == Plant);
        Assert.True(model.Probabilities($"{Note} {Plant} {Plant}")[storing] > model.Probabilities(Note)[storing] + 0.2,
            $"storing {model.Probabilities(Note)[storing]:0.00} → {model.Probabilities($"{Note} {Plant} {Plant}")[storing]:0.00}");
        Assert.Equal(PlantedReason, after.Label is PlantedReason ? after.Label : after.RunnerUp);
        var forStoring = after.Label == PlantedReason ? after.For : model.Explain(Plant).For;
        Assert.Equal(Plant, forStoring[0].Word);
    }

    [Fact]
    public void EveryWordOfTheNormalisedTextGetsAWeightInOrder()
    {
        var e = _m.Linear.Explain("Modem knippert ROOD, al 3 dagen!");
        Assert.Equal(["modem", "knippert", "rood", "al", TextNormaliser.NumberToken, "dagen"], e.Words.Select(w => w.Word));
        Assert.Equal(PlantedReason, e.Label);
        Assert.Contains(e.For.Take(3), w => w.Word is "modem" or "knippert" or "rood");
        Assert.All(e.For, w => Assert.True(w.Weight > 0));
        Assert.All(e.Against, w => Assert.True(w.Weight < 0));
        Assert.NotEqual(e.Label, e.RunnerUp);
        Assert.InRange(e.RunnerUpConfidence, 0f, e.Confidence);
    }

    [Fact]
    public void TheLinearExplanationAddsUpToTheLogOdds()
    {
        // The summed word weights are the label's centred logit less its bias (and less the few n-grams of spaces and
        // markers alone, which belong to no word): between two texts they change as the calibrated log-odds do.
        var a = _m.Linear.Explain(Note);
        var b = _m.Linear.Explain($"{Note} {Plant}");
        Assert.Equal(a.Label, b.Label);
        var k = _m.Linear.Labels.ToList().IndexOf(a.Label);
        double Centred(string text) => _m.Linear.Probabilities(text) is var p ? Math.Log(p[k]) - p.Average(x => Math.Log(x)) : 0;
        var logOddsChange = Centred($"{Note} {Plant}") - Centred(Note);
        var weightChange = b.Words.Sum(w => w.Weight) - a.Words.Sum(w => w.Weight);
        Assert.True(Math.Abs(logOddsChange - weightChange) < 0.1 * Math.Abs(logOddsChange) + 0.05,
            $"log-odds {logOddsChange:0.000}, weights {weightChange:0.000}");
    }

    [Fact]
    public void IndicativeWordsOfTheClassIncludeThePlant()
    {
        var words = _m.Linear.IndicativeWords(5);
        Assert.Equal(_m.Linear.Labels, words.Select(w => w.Label));
        Assert.Contains(words.Single(w => w.Label == PlantedReason).Words, w => w.Word == Plant);
        Assert.DoesNotContain(words.Single(w => w.Label == "factuur").Words, w => w.Word == Plant);
    }
}
