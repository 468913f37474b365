using Analytics.Ingest.Pipeline;

namespace Analytics.Tests.Ingest;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2026-03-02T09:00:00+01:00", "2026-03-02T08:00:00Z")]
    [InlineData("2026-07-01T09:00:00Z", "2026-07-01T09:00:00Z")]
    [InlineData("02-03-2026 09:00", "2026-03-02T08:00:00Z")]     // winter: UTC+1
    [InlineData("01-07-2026 09:00", "2026-07-01T07:00:00Z")]     // summer: UTC+2
    [InlineData("2026-03-29 01:59", "2026-03-29T00:59:00Z")]     // last minute before spring-forward
    [InlineData("2026-03-29 03:00", "2026-03-29T01:00:00Z")]     // first minute after it
    [InlineData("2026-10-25 02:30", "2026-10-25T00:30:00Z")]     // ambiguous autumn hour: first occurrence (CEST)
    [InlineData("2026-10-25 03:00", "2026-10-25T02:00:00Z")]
    public void LocalTimesAreAmsterdamAndStoredAsUtc(string input, string expectedUtc)
    {
        Assert.True(Timestamps.TryParseUtc(input, out var utc, out var error), error);
        Assert.Equal(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void ATimeInsideTheSpringForwardGapIsRefusedWithAReason()
    {
        Assert.False(Timestamps.TryParseUtc("2026-03-29 02:30", out _, out var error));
        Assert.Contains("does not exist", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gisteren")]
    [InlineData("31-02-2026 10:00")]
    public void NonDatesAreRefused(string input) => Assert.False(Timestamps.TryParseUtc(input, out _, out _));

    [Fact]
    public void ContentHashIsStableAndSeparatesFields()
    {
        var a = ContentHash.Start().Add("ab").Add("c").Value;
        var b = ContentHash.Start().Add("a").Add("bc").Value;
        Assert.NotEqual(a, b);
        Assert.Equal(a, ContentHash.Start().Add("ab").Add("c").Value);
        // FNV-1a computed independently (Python). The hash must not change between processes or releases, or every re-ingest becomes an update.
        Assert.Equal(-3_679_937_922_835_276_267L, ContentHash.Start().Add("K1").Add(42).Value);
    }
}

public sealed class TimestampShapesTests
{
    [Fact]
    public void EveryQuarterHourOfAYearReadsTheSameInEveryShapeAndMatchesTheZoneRules()
    {
        var zone = Analytics.Time.Amsterdam.Zone;
        for (var local = new DateTime(2026, 1, 1); local.Year == 2026; local = local.AddMinutes(15))
        {
            var iso = local.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            var dutch = local.ToString("dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            var ok = Timestamps.TryParseUtc(iso, zone, out var utc, out var error);
            Assert.Equal(ok, Timestamps.TryParseUtc(dutch, zone, out var utcDutch, out _));
            if (zone.IsInvalidTime(local))
            {
                Assert.False(ok, iso);
                Assert.Contains("does not exist", error);
                continue;
            }
            var expected = zone.IsAmbiguousTime(local)
                ? local - zone.GetAmbiguousTimeOffsets(local).Max()
                : TimeZoneInfo.ConvertTimeToUtc(local, zone);
            Assert.True(ok, iso);
            Assert.Equal(expected, utc);
            Assert.Equal(utc, utcDutch);
            Assert.Equal(DateTimeKind.Utc, utc.Kind);
        }
    }

    [Theory]
    [InlineData("2026-03-02T09:00:00-02:30", "2026-03-02T11:30:00Z")]
    [InlineData("2026-03-02 09:00+01:00", "2026-03-02T08:00:00Z")]
    [InlineData("2026-03-02T09:00:00.5Z", "2026-03-02T09:00:00.5Z")]
    public void OffsetsAndFractionsAreHonoured(string input, string expectedUtc)
    {
        Assert.True(Timestamps.TryParseUtc(input, out var utc, out var error), error);
        Assert.Equal(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), utc);
    }

    [Theory]
    [InlineData("2026-13-02T09:00:00")]
    [InlineData("2026-02-29T09:00:00")]
    [InlineData("2026-02-28T24:00:00")]
    [InlineData("2026-02-28T09:60")]
    [InlineData("2026-02-28T09:00:00+15:00")]
    [InlineData("2026-02-28T09:00:0")]
    public void ImpossibleIsoValuesAreRefused(string input) => Assert.False(Timestamps.TryParseUtc(input, out _, out _));
}
