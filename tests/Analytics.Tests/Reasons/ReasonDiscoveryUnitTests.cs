using Analytics.Classification;
using Analytics.Reasons;
using Analytics.Tests.Classification;

namespace Analytics.Tests.Reasons;

public sealed class ReasonDiscoveryUnitTests
{
    [Fact]
    public void PlaceholdersStopWordsAndWrapUpPhrasesAreNoWords()
    {
        var tokens = DiscoveryWords.Tokens("Klant belt over [NAME]: kan niet inloggen op 12-03, mail naar [EMAIL]. Opgelost.").ToList();
        Assert.Equal(["inloggen"], tokens);
    }

    [Fact]
    public void AGroupIsNamedByWhatSetsItApartNotByWhatEveryoneSays()
    {
        var background = Fixtures.ReasonNotes(30, seed: 3).Select(r => r.Text).ToList();
        var members = Enumerable.Range(0, 20).Select(i => $"Klant belt over [NAME]: slimme meter geeft storing, display {i} leeg. Opgelost.").ToList();
        var words = DiscoveryWords.Distinctive(members, background);
        Assert.Contains(words, w => w.Contains("slimme meter", StringComparison.Ordinal));
        Assert.DoesNotContain(words, w => w.Contains("klant", StringComparison.Ordinal) || w.Contains('['));
    }

    [Fact]
    public void ACandidateNameHoldsNoWordTwice()
    {
        string[] ranked = ["factuur", "factuur factuur", "nota factuur", "nota", "factuur digitaal", "digitaal", "betaling",
            "factuur betaling", "termijn", "betaling nota", "slimme", "meter storing", "slimme meter"];
        Assert.Equal(["nota factuur digitaal", "betaling", "termijn", "slimme", "meter storing"], DiscoveryWords.DistinctTerms(ranked, 5));
        Assert.Equal(["nota factuur digitaal", "betaling", "termijn", "slimme meter storing"], DiscoveryWords.DistinctTerms(ranked[..^3].Append("meter storing").Append("slimme meter"), 5));
    }

    [Fact]
    public void OverlappingPhrasesInTheNotesDoNotRepeatAWordInTheName()
    {
        var background = Fixtures.ReasonNotes(30, seed: 3).Select(r => r.Text).ToList();
        var members = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? $"Factuur factuur nota {i} klopt niet, factuur digitaal ontvangen"
            : $"Nota factuur digitaal niet ontvangen, factuur factuur {i}").ToList();
        var words = DiscoveryWords.Distinctive(members, background).SelectMany(w => w.Split(' ')).ToList();
        Assert.Contains("factuur", words);
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ClustersSeparateTwoNewReasonsFromNoise()
    {
        var rng = new Random(5);
        string[] meter = ["slimme meter geeft geen standen door", "display slimme meter is leeg", "slimme meter storing na plaatsing"];
        string[] solar = ["terugleververgoeding zonnepanelen klopt niet", "saldering zonnepanelen onduidelijk", "zonnepanelen teruglevering te laag"];
        var texts = new List<string>();
        var truth = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var (label, phrases) = (i % 3) switch { 0 => ("meter", meter), 1 => ("solar", solar), _ => ("noise", Fixtures.OutOfScope) };
            texts.Add("Klant belt over " + phrases[rng.Next(phrases.Length)] + ". Opgelost.");
            truth.Add(label);
        }
        var clusters = new TextClusters { MembersPerCluster = 10 }.Find(texts, Fixtures.ReasonNotes(20, 1).Select(r => r.Text).ToList());
        foreach (var label in new[] { "meter", "solar" })
        {
            var best = clusters.OrderByDescending(c => c.Members.Count(m => truth[m] == label)).First();
            Assert.True(best.Members.Count(m => truth[m] == label) >= 0.7 * best.Members.Count, $"{label}: {string.Join(",", best.Members.Select(m => truth[m]))}");
        }
    }

    [Fact]
    public void ARerunsClusterKeepsTheIdOfTheCandidateItSharesMostMembersWith()
    {
        IReadOnlyList<(int, HashSet<long>, IReadOnlyList<string>)> earlier =
        [
            (7, [1, 2, 3, 4, 5, 6], ["slimme meter", "display"]),
            (9, [20, 21, 22, 23], ["zonnepanelen", "saldering"]),
        ];
        var result = CandidateMatching.Match(
        [
            ([2, 3, 4, 5, 6, 30], ["slimme meter"]),      // most members shared with 7
            ([40, 41, 42], ["zonnepanelen", "saldering"]), // same words as 9, members from another period
            ([50, 51, 52], ["contract", "verlengen"]),     // nothing shared: new
            ([1, 2, 60, 61, 62, 63], ["display"]),         // also near 7, but 7 is taken by a closer cluster
        ], earlier);
        Assert.Equal([7, 9, null, null], result);
    }

    [Fact]
    public void CrossFittingFindsPlantedMiscodesAndNamesTheirTrueReason()
    {
        var rows = Fixtures.ReasonNotes(40, seed: 11);
        var labels = rows.Select(r => r.Label).Distinct().Order().ToArray();
        var rng = new Random(2);
        var planted = new Dictionary<int, string>();
        for (var i = 0; i < rows.Count; i += 20)
        {
            planted[i] = rows[i].Label;
            rows[i] = rows[i] with { Label = labels.First(l => l != rows[i].Label && rng.Next(2) == 0 || l == labels[^1] && l != rows[i].Label) };
        }
        var found = new CrossFittedMiscodes { MinimumConfidence = 0.6 }.Find(rows);
        var right = found.Count(m => planted.ContainsKey(m.Index));
        Assert.True(right >= 0.75 * planted.Count, $"found {right} of {planted.Count} planted");
        Assert.True(right >= 0.75 * found.Count, $"{found.Count - right} of {found.Count} flagged were coded right");
        Assert.All(found.Where(m => planted.ContainsKey(m.Index)), m => Assert.Equal(planted[m.Index], m.Suggested));
    }
}
