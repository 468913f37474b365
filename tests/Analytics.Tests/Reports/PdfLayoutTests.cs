using Analytics.Reports.Pdf;
using SkiaSharp;

namespace Analytics.Tests.Reports;

public sealed class PdfLayoutTests
{
    [Theory]
    [InlineData("Vraag over jaarafrekening en aanpassing van het termijnbedrag", 80)]
    [InlineData("Klantenservice", 30)] // one word wider than the column
    public void WrappedLinesFitTheWidthAndLoseNoText(string text, float width)
    {
        using var font = new SKFont(PdfLayout.Regular, 8);
        var lines = PdfLayout.Wrap(text, font, width);
        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(font.MeasureText(l) <= width, $"'{l}' is {font.MeasureText(l)} wide"));
        Assert.Equal(text.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
        Assert.DoesNotContain(lines, l => l.Contains('…'));
    }

    [Fact]
    public void AHeaderWordTooWideForItsColumnIsSetSmallerUntilItFits()
    {
        var size = PdfLayout.SizeToFit("Vorige Vermijdbaar", PdfLayout.Bold, 8.5f, 45);
        Assert.True(size < 8.5f);
        using var font = new SKFont(PdfLayout.Bold, size);
        Assert.True(font.MeasureText("Vermijdbaar") <= 45);
        // Two words that each fit: the header wraps and keeps its size.
        Assert.Equal(8.5f, PdfLayout.SizeToFit("Vorige periode", PdfLayout.Bold, 8.5f, 45));
    }
}
