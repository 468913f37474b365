using Analytics.Insights.Drivers;
using Analytics.Reports;
using Analytics.Reports.Management;

namespace Analytics.Tests.Reports;

public sealed class ReportLanguageTests
{
    private static Driver Feature(string feature, int lookback = 30) =>
        new(feature, null, "Storing internet", lookback, 1, 1, 1);

    [Fact]
    public void EveryDriverFeatureHasALabelOfItsOwnInBothLanguages()
    {
        foreach (var lang in new[] { ReportLanguage.Nl, ReportLanguage.En })
        {
            var labels = DriverFeatures.Fixed.Select(f => lang.DriverLabel(Feature(f))).ToList();
            // A feature without a label would print its English key.
            Assert.All(DriverFeatures.Fixed,
                f => Assert.True(lang.Has("driver." + f) || f == DriverFeatures.OtherReason, f));
            Assert.All(DriverFeatures.Fixed.Zip(labels), x => Assert.NotEqual(x.First, x.Second));
            Assert.Equal(labels.Count, labels.Distinct().Count());
        }
        var dutch = DriverFeatures.Fixed.Select(f => ReportLanguage.Nl.DriverLabel(Feature(f)));
        var english = DriverFeatures.Fixed.Select(f => ReportLanguage.En.DriverLabel(Feature(f)));
        Assert.Empty(dutch.Intersect(english));
    }

    [Fact]
    public void AReasonDriverNamesTheReasonAndWhatItIsComparedWith()
    {
        var moving = new Driver(DriverFeatures.ReasonPrefix + "VER-VERHUIZING", "Verhuizing", "Storing internet", 30,
            2, 1.5, 3);
        Assert.Equal("Reden: Verhuizing (t.o.v. Storing internet)", ReportLanguage.Nl.DriverLabel(moving));
        var english = moving with { Reason = "Moving house", Reference = "Internet outage" };
        Assert.Equal("Reason: Moving house (compared with Internet outage)", ReportLanguage.En.DriverLabel(english));
        Assert.Equal("Reden: overige redenen (t.o.v. Storing internet)",
            ReportLanguage.Nl.DriverLabel(Feature(DriverFeatures.OtherReason)));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(14)]
    public void TheRepeatWindowIsTheOneTheAnalysisUsed(int days)
    {
        Assert.Contains($" {days} dagen", ReportLanguage.Nl.DriverLabel(Feature(DriverFeatures.EarlierContacts, days)));
        Assert.Contains($" {days} days", ReportLanguage.En.DriverLabel(Feature(DriverFeatures.EarlierContacts, days)));
    }

    [Fact]
    public void ReasonCodesAreReadFromReasonFeaturesOnly()
    {
        Assert.Equal("STO-INT", DriverFeatures.ReasonCode(DriverFeatures.ReasonPrefix + "STO-INT"));
        Assert.Null(DriverFeatures.ReasonCode(DriverFeatures.OtherReason));
        Assert.Null(DriverFeatures.ReasonCode(DriverFeatures.Transfers));
    }

    [Fact]
    public void KnownDepartmentsAreTranslatedAndOthersKeptAsLoaded()
    {
        Assert.Equal("Klantenservice", ReportLanguage.Nl.Department("customer-service"));
        Assert.Equal("Customer service", ReportLanguage.En.Department("customer-service"));
        Assert.Equal("Juridische zaken", ReportLanguage.Nl.Department("Juridische zaken"));
    }

    [Fact]
    public void AnIntervalReadsAsARangeNotAsTextCutShort()
    {
        Assert.Equal("-3,0 tot +12,5", ReportLanguage.Nl.Range("-3,0", "+12,5"));
        Assert.Equal("-3.0 to +12.5", ReportLanguage.En.Range("-3.0", "+12.5"));
    }
}
