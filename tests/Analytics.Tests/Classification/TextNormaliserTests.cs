using Analytics.Classification;

namespace Analytics.Tests.Classification;

public class TextNormaliserTests
{
    [Theory]
    [InlineData("Hallo Wereld", "hallo wereld")]
    [InlineData("Café naïef coördinatie Überweisung", "cafe naief coordinatie uberweisung")]
    [InlineData("ĳsje ﬁets", "ijsje fiets")]
    [InlineData("Straße", "strasse")]
    [InlineData("auto's en don't", "autos en dont")]
    [InlineData("  veel   spaties\t\nen regels  ", "veel spaties en regels")]
    [InlineData("Wat?! Nee... (echt)", "wat nee echt")]
    public void FoldsCaseDiacriticsAndPunctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData("betaald op 12-03-2024", "betaald op [num] [num] [num]")]
    [InlineData("€ 1.250,00 te veel", "[num] te veel")]
    [InlineData("om 12:30 gebeld", "om [num] gebeld")]
    [InlineData("order123", "order [num]")]
    public void ReplacesEveryNumberWithOneToken(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData("Betaling via [IBAN] mislukt", "betaling via [iban] mislukt")]
    [InlineData("mail naar [EMAIL], bel [PHONE]!", "mail naar [email] bel [phone]")]
    [InlineData("[POSTCODE_NL]", "[postcode_nl]")]
    public void KeepsRedactionPlaceholdersAsTokens(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData("zie [bijlage]", "zie bijlage")]
    [InlineData("[A] en [ ]", "a en")]
    public void TreatsOtherBracketsAsPunctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!...")]
    public void EmptyOrPunctuationOnlyIsEmpty(string? input) => Assert.Equal("", TextNormaliser.Normalise(input));
}
