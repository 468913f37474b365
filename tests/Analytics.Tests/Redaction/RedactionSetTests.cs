using Analytics.Ingest.Redaction;
using Xunit.Abstractions;

namespace Analytics.Tests.Redaction;

public class RedactionSetTests(ITestOutputHelper output)
{
    private static readonly string SetPath = Path.Combine(AppContext.BaseDirectory, "Redaction", "redaction-set.tsv");

    [Fact]
    public void LabelledSetIsRedactedWithHighRecallAndPrecision()
    {
        var set = RedactionEvaluation.LoadTsv(SetPath);
        Assert.True(set.Count >= 450, $"the set has {set.Count} sentences");

        var score = RedactionEvaluation.Score(set, Redactor.ForAgents(RedactionEvaluation.LoadAgents(SetPath)));
        output.WriteLine(score.Describe());
        foreach (var m in score.Mistakes) output.WriteLine($"\n  text:     {m.Text}\n  expected: {m.Expected}\n  actual:   {m.Actual}");

        // Every type must be represented, or a perfect score would say nothing about it.
        Assert.All(score.PerType, t => Assert.True(t.Expected >= 10, $"{t.Type.Name()} has only {t.Expected} labelled spans"));
        // Numbers and addresses keep the bar they met before names came in; names have theirs, and so has the whole.
        var others = score.PerType.Where(t => !t.Type.IsName()).ToList();
        var otherRecall = (double)others.Sum(t => t.Correct) / others.Sum(t => t.Expected);
        var otherPrecision = (double)others.Sum(t => t.Correct) / others.Sum(t => t.Found);
        Assert.True(otherRecall >= 0.99, $"recall without names {otherRecall:F3}");
        Assert.True(otherPrecision >= 0.97, $"precision without names {otherPrecision:F3}");
        Assert.True(score.Names.Expected >= 150, $"only {score.Names.Expected} labelled names");
        Assert.True(score.Names.Recall >= 0.95, $"name recall {score.Names.Recall:F3}");
        Assert.True(score.Names.Precision >= 0.95, $"name precision {score.Names.Precision:F3}");
        Assert.True(score.Recall >= 0.95, $"recall {score.Recall:F3}");
        Assert.True(score.Precision >= 0.95, $"precision {score.Precision:F3}");
    }

    [Fact]
    public void SetHasNegativesForNamesThatAreAlsoWords()
    {
        // "de bakker op de hoek": word-names used as words, with nothing to redact.
        var set = RedactionEvaluation.LoadTsv(SetPath);
        var words = new[] { "bakker", "visser", "smit", "mulder", "koning", "bos", "vos", "kok", "brouwer", "prins" };
        var negatives = set.Count(e => e.Text == e.Expected && words.Any(w => e.Text.Contains(w, StringComparison.Ordinal)));
        Assert.True(negatives >= 10, $"only {negatives} sentences use a word-name as a word");
    }

    [Fact]
    public void SetHasSentencesWithoutPersonalData()
    {
        var set = RedactionEvaluation.LoadTsv(SetPath);
        var clean = set.Count(e => e.Text == e.Expected);
        Assert.True(clean >= 100, $"only {clean} sentences without personal data");
    }

    [Fact]
    public void EntitiesAreRecoveredFromTheRedactedText()
    {
        var spans = RedactionEvaluation.Entities("Mail a@b.nl of bel 0612345678.", "Mail [EMAIL] of bel [PHONE].");
        Assert.Equal([new RedactedSpan(PiiType.Email, 5, 11), new RedactedSpan(PiiType.Phone, 19, 29)], spans);
    }

    [Fact]
    public void EntitiesAreNullWhenTheLabelDoesNotFitTheText() =>
        Assert.Null(RedactionEvaluation.Entities("Mail a@b.nl", "Bel [PHONE]"));

    [Fact]
    public void ScoreCountsAWrongSpanAsAMissAndAFalseHit()
    {
        // The labels claim the whole number is a phone; the redactor (rightly) sees none, so recall is 0 of 1.
        var set = new[]
        {
            new RedactionExample("Bel 0612345678", "Bel [PHONE]"),
            new RedactionExample("Factuur 2026-001", "Factuur 2026-001"),
            new RedactionExample("Bel 06-1234567", "Bel [PHONE]"),
        };
        var score = RedactionEvaluation.Score(set, Redactor.Default);
        var phone = score.PerType.Single(t => t.Type == PiiType.Phone);
        Assert.Equal(2, phone.Expected);
        Assert.Equal(1, phone.Found);
        Assert.Equal(1, phone.Correct);
        Assert.Equal(0.5, phone.Recall);
        Assert.Equal(1.0, phone.Precision);
        Assert.Single(score.Mistakes);
    }
}
