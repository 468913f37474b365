using Analytics.Contacts;
using Analytics.IntegrationTests.Infrastructure;
using CsvHelper;
using Xunit.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>The language detector on real text nobody here wrote: Dutch restaurant reviews and English banking questions.</summary>
public sealed class LanguageDetectionTests(ITestOutputHelper output)
{
    // The text column's position (CsvReader.FromText takes the first line as the header).
    private static List<string> Texts(string dataset, string file, int column)
    {
        using var csv = CsvReader.FromText(File.ReadAllText(SharedData.Path(dataset, file)));
        var texts = new List<string>();
        while (csv.Read()) texts.Add(csv.GetString(column));
        return texts;
    }

    private (double Accuracy, double Unknown) Score(IReadOnlyList<string> texts, string expected, string name)
    {
        // Sentences of three words or more: shorter ones ("Niet goedkoop!") carry too little to call, and say so (null).
        var eligible = texts.Where(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3).ToList();
        var detected = eligible.Select(Languages.Detect).ToList();
        var unknown = detected.Count(d => d is null);
        var called = detected.Where(d => d is not null).ToList();
        var accuracy = called.Count(d => d == expected) / (double)called.Count;
        var misses = eligible.Zip(detected).Where(p => p.Second is not null && p.Second != expected).Take(8).Select(p => p.First);
        output.WriteLine($"{name}: {eligible.Count} texts, accuracy {accuracy:P2} of those called, {unknown} unknown ({unknown / (double)eligible.Count:P2}); wrong e.g. {string.Join(" | ", misses)}");
        return (accuracy, unknown / (double)eligible.Count);
    }

    [DatasetFact("semeval2016-absa-dutch-restaurants")]
    public void DutchReviewsAreDutch()
    {
        var (accuracy, unknown) = Score(Texts("semeval2016-absa-dutch-restaurants", "sentences.csv", 2), Languages.Dutch, "Dutch reviews");
        Assert.True(accuracy >= 0.98, $"accuracy {accuracy:P2}");
        Assert.True(unknown <= 0.05, $"unknown {unknown:P2}");
    }

    [DatasetFact("banking77")]
    public void EnglishBankingQuestionsAreEnglish()
    {
        var (accuracy, unknown) = Score(Texts("banking77", "test.csv", 0), Languages.English, "English banking questions");
        Assert.True(accuracy >= 0.98, $"accuracy {accuracy:P2}");
        Assert.True(unknown <= 0.05, $"unknown {unknown:P2}");
    }

    [Theory]
    [InlineData("Klant belt over factuur, uitgelegd. Akkoord.", "nl")]
    [InlineData("Customer called about the invoice, explained. Resolved.", "en")]
    [InlineData("12345 / 2026-03-01", null)]
    [InlineData("", null)]
    public void NotesOfAContactCentre(string text, string? expected) => Assert.Equal(expected, Languages.Detect(text));

    [Theory]
    [InlineData("NL", true, "nl")]
    [InlineData("nl-BE", true, "nl")]
    [InlineData("en_GB", true, "en")]
    [InlineData("Nederlands", true, "nl")]
    [InlineData("English", true, "en")]
    [InlineData(" ", true, null)]
    [InlineData("Klingon please", false, null)]
    [InlineData("1", false, null)]
    public void SourceValuesBecomeIsoCodes(string value, bool ok, string? code)
    {
        Assert.Equal(ok, Languages.TryNormalize(value, out var normalized));
        Assert.Equal(code, normalized);
    }
}
