using Analytics.Ingest.Redaction;

namespace Analytics.Tests.Redaction;

public class NameRedactionTests
{
    private static readonly string[] Agents = ["Kees de Boer", "Ben Mulder", "Sanne de Vries"];

    private static string Redact(string text, Redactor? redactor = null) =>
        (redactor ?? Redactor.ForAgents(Agents)).Redact(text, new RedactionCounts());

    [Theory]
    [InlineData("Goedemiddag, u spreekt met Kees van Energie Direct.", "Goedemiddag, u spreekt met [AGENT] van Energie Direct.")]
    [InlineData("Klacht over Sanne de Vries, klant voelde zich niet gehoord.", "Klacht over [AGENT], klant voelde zich niet gehoord.")]
    [InlineData("KEES heeft teruggebeld.", "KEES heeft teruggebeld.")]
    [InlineData("Ik ben Ben, waarmee kan ik helpen?", "Ik ben [AGENT], waarmee kan ik helpen?")]
    [InlineData("Ben je daar nog?", "Ben je daar nog?")]
    [InlineData("Collega de Vries belt terug.", "Collega [AGENT] belt terug.")]
    public void KnownAgentsAreRedactedAsAgents(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("Mijn naam is Pieter Jansen, ik bel over mijn factuur.", "Mijn naam is [NAME], ik bel over mijn factuur.")]
    [InlineData("Mevrouw de Vries belt namens haar moeder.", "Mevrouw [NAME] belt namens haar moeder.")]
    [InlineData("Brief t.a.v. dhr. J.M. van der Linden verstuurd.", "Brief t.a.v. dhr. [NAME] verstuurd.")]
    [InlineData("Met vriendelijke groet,\nMarieke Prins", "Met vriendelijke groet,\n[NAME]")]
    [InlineData("Met Bakker, goedemiddag.", "Met [NAME], goedemiddag.")]
    [InlineData("Klant zegt dat Visser de vorige bewoner was.", "Klant zegt dat [NAME] de vorige bewoner was.")]
    [InlineData("Mr. O'Brien asked for a copy.", "Mr. [NAME] asked for a copy.")]
    public void CustomersNamesAreRedactedByTheirPhrasing(string text, string expected) =>
        Assert.Equal(expected, Redact(text, Redactor.Default));

    [Theory]
    [InlineData("De bakker op de hoek heeft ook zonnepanelen.")]
    [InlineData("Klant is visser en zit twee weken op zee.")]
    [InlineData("Bakker van beroep, overdag niet bereikbaar.")]
    [InlineData("I'm Dutch but I live in Belgium now.")]
    [InlineData("Met vriendelijke groet, Energie Direct Klantenservice")]
    [InlineData("Mark the invoice as disputed.")]
    public void WordsThatAreAlsoNamesStay(string text) => Assert.Same(text, Redact(text));

    [Fact]
    public void AnAgentLearnedWhileLoadingIsKnownFromThenOn()
    {
        var redactor = Redactor.ForAgents([]);
        Assert.Equal("Femke belde terug.", Redact("Femke belde terug.", redactor));
        redactor.LearnAgent("Femke Peters");
        Assert.Equal("[AGENT] belde terug.", Redact("Femke belde terug.", redactor));
        Assert.Equal(1, redactor.KnownAgents);
    }

    [Fact]
    public void NamesAreCountedPerKind()
    {
        var counts = new RedactionCounts();
        Redactor.ForAgents(Agents).Redact("U spreekt met Kees. Met mevrouw Jansen, ik bel voor meneer Smit.", counts);
        Assert.Equal(1, counts[PiiType.Agent]);
        Assert.Equal(2, counts[PiiType.Name]);
    }

    [Fact]
    public void TheSharedRedactorLearnsNoAgents() =>
        Assert.Throws<InvalidOperationException>(() => Redactor.Default.LearnAgent("Kees de Boer"));
}
