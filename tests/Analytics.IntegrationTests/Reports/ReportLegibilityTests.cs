using Analytics.IntegrationTests.Infrastructure;
using Analytics.Reports;
using Analytics.Reports.Pdf;

namespace Analytics.IntegrationTests.Reports;

/// <summary>
/// What a newcomer meets in a report: every table header and headline label whole, and every label in the report's
/// own language. Rendered from the samples, whose long Dutch names and real drivers are what used to be cut short or
/// printed in English.
/// </summary>
[Collection(SampleReports.Collection)]
public sealed class ReportLegibilityTests(SampleReports samples)
{
    public static TheoryData<string, string> EveryReport()
    {
        var data = new TheoryData<string, string>();
        foreach (var family in ReportJobs.Families)
        foreach (var language in new[] { "nl", "en" })
            data.Add(family, language);
        return data;
    }

    // The table headers and headline (KPI) labels of each family, as keys of ReportLanguage.
    private static readonly Dictionary<string, string[]> Labels = new()
    {
        ["reasons"] = ["reason", "department", "contacts", "share", "cumulative", "previous", "change", "avoidable",
            "kpi.total", "kpi.avoidable", "kpi.top3"],
        ["quality"] = ["team", "interval", "agent", "raw", "shrunk", "tier"],
        ["management"] = ["reason", "department", "contacts", "share", "cumulative", "mgmt.driver", "mgmt.odds",
            "interval", "mgmt.volume", "mgmt.fcr", "mgmt.naive", "mgmt.abandon", "mgmt.vsprev"],
        ["audit"] = ["audit.looks", "audit.refusals", "audit.exports", "audit.keys", "audit.h.bykey", "audit.h.byagent",
            "audit.h.switches", "audit.h.privacy"],
        ["coaching"] = ["coaching.kpi.disputes", "coaching.kpi.sessions", "coaching.outcome", "coaching.effect",
            "interval", "coaching.beforeafter", "coaching.counts", "coaching.sessions", "coaching.comments"],
    };

    // What the Dutch reports used to print in English: driver units, comparisons, pooled reasons, department codes.
    private static readonly string[] EnglishLabels =
    [
        "per transfer", "(vs ", "reason (", "reason ", "per minute", "per earlier contact", "earlier contacts",
        "wait time", "handling time", "transfers", "other reason", "vs prev", "compared with", "odds ratio", "too few",
        "shrunk", "clearly", "in line", "billing", "operations", "customer-service",
    ];

    [Theory]
    [MemberData(nameof(EveryReport))]
    public void NoHeaderOrLabelIsCutShort(string family, string language)
    {
        var report = samples.Report(family, language);
        var lang = ReportLanguage.Parse(language);
        // Intervals read "−3,0 tot 12,5", so an ellipsis anywhere outside a customer's comment is text cut short.
        Assert.DoesNotContain("…", report.TextWithoutComments);
        // Headers may wrap over two lines, so each of their words must be there whole.
        foreach (var key in Labels[family])
        foreach (var word in lang[key].Split(' '))
            Assert.True(report.Words.Contains(word), $"{family}/{language}: '{word}' of \"{lang[key]}\" is missing");
    }

    [Theory]
    [InlineData("reasons")]
    [InlineData("quality")]
    [InlineData("management")]
    [InlineData("audit")]
    [InlineData("coaching")]
    public void DutchReportsPrintNoEnglishLabels(string family)
    {
        var text = samples.Report(family, "nl").TextWithoutComments;
        foreach (var english in EnglishLabels)
            Assert.False(text.Contains(english, StringComparison.OrdinalIgnoreCase),
                $"{family}: \"{english}\" in: {text}");
    }

    [Fact]
    public void TheDriversOfDetractorsAreListedInBothLanguages()
    {
        // Without rows the Dutch check above would pass on an empty table: the samples have planted drivers.
        Assert.Matches(@"Oorzaak Kansverhouding 95%-interval\n.*\d(,\d+)? \d(,\d+)? tot \d(,\d+)?",
            samples.Report("management", "nl").Text);
        Assert.Matches(@"Driver Odds ratio 95% interval\n.*\d(\.\d+)? \d(\.\d+)? to \d(\.\d+)?",
            samples.Report("management", "en").Text);
        Assert.Matches(@"(Reden: .+ \(t\.o\.v\. .+\)|Per )", samples.Report("management", "nl").Text);
    }

    [Fact]
    public void TheCheckSeesAnEllipsisWhenThereIsOne()
    {
        // The tests above would pass vacuously if the PDFs' text could not carry "…" back out.
        var layout = new PdfLayout();
        layout.Text("Contact… Aand…");
        var path = samples.Host.PdfPath("ellipsis");
        using (var file = File.Create(path)) layout.Save(file, "t", "t", (p, n) => $"{p}/{n}");
        Assert.Contains("…", PdfContent.Read(path).TextWithoutComments);
    }
}
