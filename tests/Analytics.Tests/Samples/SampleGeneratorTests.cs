using Analytics.Ingest.Samples;

namespace Analytics.Tests.Samples;

public sealed class SampleGeneratorTests : IClassFixture<DefaultSamples>
{
    private static readonly string[] Files =
        [SampleGenerator.ReasonsFile, SampleGenerator.ContactsFile, SampleGenerator.TranscriptsFile, SampleGenerator.SurveysFile];

    private readonly GeneratedSamples _d;

    public SampleGeneratorTests(DefaultSamples fixture) => _d = fixture.Data;

    [Fact]
    public void SameOptionsWriteByteIdenticalFiles()
    {
        var o = new SampleOptions(Contacts: 3000, Seed: 42);
        using var a = new GeneratedSamples(o);
        using var b = new GeneratedSamples(o);
        foreach (var f in Files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Dir, f)), File.ReadAllBytes(Path.Combine(b.Dir, f)));
    }

    [Fact]
    public void AnotherSeedWritesOtherContactsSurveysAndTranscripts()
    {
        using var a = new GeneratedSamples(new SampleOptions(Contacts: 3000, Seed: 42));
        using var b = new GeneratedSamples(new SampleOptions(Contacts: 3000, Seed: 43));
        foreach (var f in new[] { SampleGenerator.ContactsFile, SampleGenerator.TranscriptsFile, SampleGenerator.SurveysFile })
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Dir, f)), File.ReadAllBytes(Path.Combine(b.Dir, f)));
        // The taxonomy is fixed, not random.
        Assert.Equal(File.ReadAllBytes(Path.Combine(a.Dir, SampleGenerator.ReasonsFile)), File.ReadAllBytes(Path.Combine(b.Dir, SampleGenerator.ReasonsFile)));
    }

    [Fact]
    public void TranscriptShareDoesNotChangeContactsOrSurveys()
    {
        using var with = new GeneratedSamples(new SampleOptions(Contacts: 3000, TranscriptShare: 0.35));
        using var without = new GeneratedSamples(new SampleOptions(Contacts: 3000, TranscriptShare: 0));
        Assert.Equal(File.ReadAllBytes(Path.Combine(with.Dir, SampleGenerator.ContactsFile)), File.ReadAllBytes(Path.Combine(without.Dir, SampleGenerator.ContactsFile)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(with.Dir, SampleGenerator.SurveysFile)), File.ReadAllBytes(Path.Combine(without.Dir, SampleGenerator.SurveysFile)));
        Assert.Empty(without.Transcripts.Rows);
        Assert.NotEmpty(with.Transcripts.Rows);
    }

    [Fact]
    public void CommittedSamplesEqualAFreshGenerationWithDefaults()
    {
        var committed = Path.Combine(RepoRoot.Find(), "samples");
        foreach (var f in Files)
        {
            var expected = File.ReadAllBytes(Path.Combine(_d.Dir, f));
            var actual = File.ReadAllBytes(Path.Combine(committed, f));
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"samples/{f} differs from a fresh `samples --out samples`; regenerate it ({actual.Length} bytes committed, {expected.Length} generated)");
        }
    }

    [Fact]
    public void CommittedSamplesStayUnderFiveMegabytes()
    {
        var dir = Path.Combine(RepoRoot.Find(), "samples");
        var total = Files.Sum(f => new FileInfo(Path.Combine(dir, f)).Length);
        Assert.InRange(total, 1_000_000, 5_000_000);
    }

    [Fact]
    public void HeadersAreExactlyTheAgreedColumns()
    {
        Assert.Equal(["code", "parent_code", "name_nl", "name_en", "department", "avoidable"], _d.Reasons.Header);
        Assert.Equal(
            ["contact_id", "channel", "queue", "started_at", "ended_at", "wait_s", "talk_s", "hold_s", "acw_s", "transfers", "outcome",
             "agent_id", "agent_name", "team_code", "team_name", "customer_key", "reason_code", "notes"],
            _d.Contacts.Header);
        Assert.Equal(["contact_id", "seq", "speaker", "start_ms", "end_ms", "text"], _d.Transcripts.Header);
        Assert.Equal(["response_id", "type", "score", "comment", "responded_at", "contact_id", "customer_key"], _d.Surveys.Header);
    }

    [Fact]
    public void FilesAreUtf8WithoutBomWithLineFeedsOnly()
    {
        foreach (var f in Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_d.Dir, f));
            Assert.False(bytes.AsSpan().StartsWith("\xEF\xBB\xBF"u8), $"{f} starts with a BOM");
            Assert.Equal(-1, bytes.AsSpan().IndexOf((byte)'\r'));
            Assert.Equal((byte)'\n', bytes[^1]);
        }
        // Non-ASCII survives as UTF-8: an agent name with a diaeresis.
        Assert.Contains("Zoë Maas", File.ReadAllText(Path.Combine(_d.Dir, SampleGenerator.ContactsFile)));
    }

    [Fact]
    public void WritesExactlyTheRequestedNumberOfContactsAndReportsTheCounts()
    {
        Assert.Equal(8000, _d.Contacts.Rows.Count);
        Assert.Equal(_d.Contacts.Rows.Count, _d.Summary.Contacts);
        Assert.Equal(_d.Surveys.Rows.Count, _d.Summary.Surveys);
        Assert.Equal(_d.Transcripts.Rows.Count, _d.Summary.TranscriptTurns);
        Assert.Equal(_d.Transcripts.Column("contact_id").Distinct().Count(), _d.Summary.TranscriptContacts);
        Assert.Equal(_d.Contacts.Rows.Count, _d.Contacts.Column("contact_id").Distinct().Count());
        Assert.Equal(_d.Surveys.Rows.Count, _d.Surveys.Column("response_id").Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    public void SmallRunsStillWriteExactlyTheRequestedContacts(int contacts)
    {
        using var d = new GeneratedSamples(new SampleOptions(Contacts: contacts, Months: 1));
        Assert.Equal(contacts, d.Contacts.Rows.Count);
    }

    [Fact]
    public void RejectsATranscriptShareOutsideZeroToOne()
    {
        var dir = Path.Combine(Path.GetTempPath(), "analytics-samples-" + Path.GetRandomFileName());
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleGenerator.Generate(new SampleOptions(TranscriptShare: 1.5), dir));
        Assert.False(Directory.Exists(dir));
    }
}
