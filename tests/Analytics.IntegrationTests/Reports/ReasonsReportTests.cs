using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reports;
using Analytics.Time;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Analytics.IntegrationTests.Reports;

public sealed class ReasonsReportTests : SeededApiTests
{

    private async Task<string> RenderAsync(string family, Period period, ReportLanguage lang, string path)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReportJobs>().RenderAsync(family, period, lang, path, default)).Path;
    }

    private static string Text(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task TheDutchPdfReadsBackWithTheRightTotals()
    {
        var path = await RenderAsync("reasons", new Period(new(2026, 3, 1), new(2026, 3, 31)),
            ReportLanguage.Nl, Host.PdfPath("r"));
        var text = Text(path);
        // March: 8 contacts; FAC-ONDUID 3 (37,5%), STO-INT 3, VER-ADRES 2 (25,0%); February had 1 (FAC-ONDUID).
        Assert.Contains("Contactredenen", text);
        Assert.Contains("Onduidelijke factuur", text);
        Assert.Matches(@"Totaal 8 100,0%", text);
        Assert.Contains("37,5%", text);
        Assert.Contains("25,0%", text);
        Assert.Contains("1 maart 2026 – 31 maart 2026", text);
        Assert.Contains("Pagina 1 van 1", text);
    }

    [Fact]
    public async Task TheEnglishPdfUsesEnglishLabelsAndDecimalPoints()
    {
        var path = await RenderAsync("reasons", new Period(new(2026, 3, 1), new(2026, 3, 31)),
            ReportLanguage.En, Host.PdfPath("r"));
        var text = Text(path);
        Assert.Contains("Unclear invoice", text);
        Assert.Contains("Total 8 100.0%", text);
        Assert.Contains("37.5%", text);
    }

    [Fact]
    public async Task APeriodWithoutDataSaysSoPlainly()
    {
        var path = await RenderAsync("reasons", new Period(new(2025, 1, 1), new(2025, 1, 31)),
            ReportLanguage.En, Host.PdfPath("r"));
        var text = Text(path);
        Assert.Contains("There are no contacts in this period", text);
        Assert.DoesNotContain("contacts per reason", text);
    }
}
