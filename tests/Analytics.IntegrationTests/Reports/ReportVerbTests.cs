using Analytics.IntegrationTests.Infrastructure;
using Analytics.IntegrationTests.Privacy;
using Analytics.Reports;

namespace Analytics.IntegrationTests.Reports;

/// <summary>`./analytics report`: several families and languages in one process (the demo's reports), as the real host.</summary>
public sealed class ReportVerbTests : SeededApiTests
{
    [Fact]
    public async Task AllFamiliesInBothLanguagesAreWrittenByOneRun()
    {
        var folder = Path.Combine(Host.ReportDirectory, "cli");
        var (code, output) = await PrivacyFixture.CliAsync(Db, null,
            "report", "all", "--from", "2026-03-01", "--to", "2026-03-31", "--lang", "nl,en", "--agent", "A1",
            "--out", folder);

        Assert.True(code == 0, output);
        var written = Directory.GetFiles(folder, "*.pdf");
        Assert.Equal(ReportJobs.Families.Length * 2, written.Length);
        foreach (var family in ReportJobs.Families)
            Assert.Equal(2, written.Count(f => Path.GetFileName(f).StartsWith(family, StringComparison.Ordinal)));
        Assert.All(written, f => Assert.True(new FileInfo(f).Length > 1000, f));
    }

    [Fact]
    public async Task AnUnknownFamilyOrOneFileForSeveralReportsIsAUsageError()
    {
        var (code, output) = await PrivacyFixture.CliAsync(Db, null, "report", "quality,nope", "--from", "2026-03-01");
        Assert.NotEqual(0, code);
        Assert.Contains("unknown report 'nope'", output, StringComparison.Ordinal);

        (code, output) = await PrivacyFixture.CliAsync(Db, null, "report", "reasons", "--lang", "nl,en", "--out", "x.pdf");
        Assert.NotEqual(0, code);
        Assert.Contains("--out names one file", output, StringComparison.Ordinal);

        // The coaching report is about one agent: without --agent it says which option is missing.
        (code, output) = await PrivacyFixture.CliAsync(Db, null, "report", "coaching", "--from", "2026-03-01");
        Assert.NotEqual(0, code);
        Assert.Contains("agent: the coaching report is about one agent", output, StringComparison.Ordinal);
    }
}
