using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

public sealed class CsvIngestTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private IngestService _ingest = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _ingest = new IngestService(_db.DataSource, NullLogger<IngestService>.Instance);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task EveryRowIsLoadedOrQuarantinedAndCountsAddUp()
    {
        await _ingest.IngestAsync("reasons", Fixtures.Stream(Fixtures.Reasons), "reasons.csv", default);
        await _ingest.IngestAsync("contacts", Fixtures.Stream(Fixtures.Contacts), "contacts.csv", default);
        var surveys = await _ingest.IngestAsync("surveys", Fixtures.Stream(Fixtures.Surveys), "surveys.csv", default);

        Assert.Equal("completed", surveys.State);
        Assert.Equal(13, surveys.RowsRead);
        Assert.Equal(12, surveys.Loaded);
        Assert.Equal(1, surveys.Quarantined);
        Assert.Equal(surveys.RowsRead, surveys.Loaded + surveys.Duplicates + surveys.Updated + surveys.Quarantined);
        Assert.Equal(12, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
        Assert.Equal(9, await _db.ScalarAsync("SELECT count(*) FROM contacts"));
        Assert.Equal(3, await _db.ScalarAsync("SELECT count(*) FROM agents"));
        Assert.Equal(2, await _db.ScalarAsync("SELECT count(*) FROM teams"));
        // Every survey found its contact.
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM survey_responses WHERE contact_id IS NULL"));
    }

    [Fact]
    public async Task ABadRowIsQuarantinedWithItsLineAndAReasonAndTheRestLands()
    {
        await _ingest.IngestAsync("reasons", Fixtures.Stream(Fixtures.Reasons), "reasons.csv", default);
        var csv = """
            contact_id,channel,started_at,agent_id,reason_code
            X1,phone,2026-03-02T09:00:00+01:00,A1,STO-INT
            X2,fax,2026-03-02T09:00:00+01:00,A1,STO-INT
            X3,chat,not a date,A1,STO-INT
            X4,email,2026-03-02 10:00,A1,UNKNOWN-REASON
            X5,chat,02-03-2026 10:15,A1,
            """;
        var result = await _ingest.IngestAsync("contacts", Fixtures.Stream(csv), "bad.csv", default);

        Assert.Equal(5, result.RowsRead);
        Assert.Equal(2, result.Loaded);
        Assert.Equal(3, result.Quarantined);
        await using var db = _db.NewDbContext();
        var rows = db.QuarantinedRows.OrderBy(q => q.LineNumber).ToList();
        Assert.Equal([3, 4, 5], rows.Select(r => r.LineNumber));
        Assert.Contains("channel 'fax'", rows[0].Reason);
        Assert.Contains("started_at", rows[1].Reason);
        Assert.Contains("UNKNOWN-REASON", rows[2].Reason);
        Assert.Equal("X2,fax,2026-03-02T09:00:00+01:00,A1,STO-INT", rows[0].RawText);
        Assert.All(rows, r => Assert.Equal("bad.csv", r.SourceFile));
        // The Dutch dd-MM-yyyy local time is stored as UTC (CET = UTC+1 on 2 March).
        var x5 = db.Contacts.Single(c => c.SourceId == "X5");
        Assert.Equal(new DateTime(2026, 3, 2, 9, 15, 0, DateTimeKind.Utc), x5.StartedUtc);
    }

    [Fact]
    public async Task ReingestingTheSameFileAddsNothingAndAChangedRowCountsAsUpdated()
    {
        await Fixtures.LoadAllAsync(_ingest);
        var again = await _ingest.IngestAsync("contacts", Fixtures.Stream(Fixtures.Contacts), "contacts.csv", default);
        Assert.Equal(0, again.Loaded);
        Assert.Equal(9, again.Duplicates);
        Assert.Equal(9, await _db.ScalarAsync("SELECT count(*) FROM contacts"));

        var changed = Fixtures.Contacts.Replace("modem herstart", "modem vervangen");
        var third = await _ingest.IngestAsync("contacts", Fixtures.Stream(changed), "contacts.csv", default);
        Assert.Equal((0, 8, 1), (third.Loaded, third.Duplicates, third.Updated));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes = 'modem vervangen'"));
        Assert.Equal(3, await _db.ScalarAsync("SELECT count(*) FROM ingest_batches WHERE kind = 'contacts' AND state = 'completed'"));
    }

    [Fact]
    public async Task ARepeatedKeyInsideOneFileIsLoadedOnceLastLineWins()
    {
        await _ingest.IngestAsync("reasons", Fixtures.Stream(Fixtures.Reasons), "reasons.csv", default);
        var csv = """
            contact_id,channel,started_at,notes
            D1,phone,2026-03-02T09:00:00+01:00,eerste
            D1,phone,2026-03-02T09:00:00+01:00,eerste
            D1,phone,2026-03-02T09:00:00+01:00,laatste
            """;
        var r = await _ingest.IngestAsync("contacts", Fixtures.Stream(csv), "dups.csv", default);
        Assert.Equal((3, 1, 1, 1), (r.RowsRead, r.Loaded, r.Duplicates, r.Updated));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes = 'laatste'"));
    }

    [Fact]
    public async Task BrokenQuotingIsQuarantinedNotSilentlyRepairedAndNoLineDisappears()
    {
        var csv = "contact_id,channel,started_at,notes\n" +
                  "M1,phone,2026-06-15T10:00:00+02:00,ok\n" +
                  "M2,phone,2026-06-15T10:00:00+02:00,\"kapotte \"quote\" hier\n" +
                  "M3,phone,2026-06-15T10:00:00+02:00,ok,extra veld\n" +
                  "M4,chat,2026-06-15T10:00:00+02:00,\"open quote nooit dicht\n" +
                  "M5,phone,2026-06-15T10:00:00+02:00,laatste\n";
        var r = await _ingest.IngestAsync("contacts", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "broken.csv", default);
        Assert.Equal((1, 3), (r.Loaded, r.Quarantined));
        await using var db = _db.NewDbContext();
        var q = db.QuarantinedRows.OrderBy(x => x.LineNumber).ToList();
        Assert.Equal([3, 4, 5], q.Select(x => x.LineNumber));
        Assert.Contains("after a closing quote", q[0].Reason);
        Assert.Contains("the header's 4 fields", q[1].Reason);
        Assert.Equal("M3,phone,2026-06-15T10:00:00+02:00,ok,extra veld", q[1].RawText);
        Assert.Equal(4, r.RowsRead); // records: M5 is inside M4's unclosed quote, and so inside its quarantined raw text
        Assert.Contains("never closed", q[2].Reason);
        Assert.Contains("M5,phone", q[2].RawText); // the swallowed line is kept, not lost
    }

    [Fact]
    public async Task AFileOfTheWrongKindIsRejectedWhole()
    {
        var r = await _ingest.IngestAsync("surveys", Fixtures.Stream(Fixtures.Contacts), "contacts.csv", default);
        Assert.Equal("failed", r.State);
        Assert.Contains("missing column(s) response_id", r.Error);
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM ingest_batches WHERE state = 'failed'"));
    }

    [Fact]
    public async Task ASemicolonWindows1252ExportLoads()
    {
        await _ingest.IngestAsync("reasons", Fixtures.Stream(Fixtures.Reasons), "reasons.csv", default);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var csv = "contact_id;channel;started_at;wait_s;notes\r\nW1;phone;02-03-2026 09:00;12,0;klant was ontevreden over café-actie\r\n";
        var bytes = System.Text.Encoding.GetEncoding(1252).GetBytes(csv);
        var r = await _ingest.IngestAsync("contacts", new MemoryStream(bytes), "excel.csv", default);
        Assert.Equal(1, r.Loaded);
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes LIKE '%café-actie%' AND wait_seconds = 12"));
    }

    [Fact]
    public async Task AWindows1252ExportWhoseFirstAccentComesAfter64KiBIsNotReadAsUtf8()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var sb = new System.Text.StringBuilder("contact_id;channel;started_at;notes\r\n");
        for (var i = 0; i < 2000; i++) sb.Append($"L{i};phone;02-03-2026 09:00;gewone notitie zonder accenten nummer {i}\r\n");
        sb.Append("L-late;phone;02-03-2026 09:00;klant wilde een crème brûlée\r\n");
        var bytes = System.Text.Encoding.GetEncoding(1252).GetBytes(sb.ToString());
        Assert.True(bytes.Length > 64 * 1024);

        var r = await _ingest.IngestAsync("contacts", new MemoryStream(bytes), "late-accent.csv", default);

        Assert.Equal(2001, r.Loaded);
        Assert.Equal("klant wilde een crème brûlée", await _db.TextAsync("SELECT notes FROM contacts WHERE source_id = 'L-late'"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes LIKE '%' || chr(65533) || '%'"));
    }

    [Fact]
    public async Task AnUnreadableByteInAStreamThatCannotBeRewoundIsCountedNotStoredSilently()
    {
        // A stream that cannot seek is decoded as UTF-8 in one pass: a broken byte cannot be stored as U+FFFD unnoticed.
        var bytes = System.Text.Encoding.UTF8.GetBytes("contact_id,channel,started_at,notes\nU1,phone,2026-03-02T09:00:00+01:00,goed\n")
            .Concat(System.Text.Encoding.UTF8.GetBytes("U2,phone,2026-03-02T09:00:00+01:00,caf")).Concat(new byte[] { 0xE9 })
            .Concat(System.Text.Encoding.UTF8.GetBytes("\n")).ToArray();
        var r = await _ingest.IngestAsync("contacts", new ForwardOnly(bytes), "pipe.csv", default);

        Assert.Equal((1, 1), (r.Loaded, r.Quarantined));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes LIKE '%' || chr(65533) || '%'"));
        Assert.Contains("UTF-8", await _db.TextAsync("SELECT reason FROM quarantined_rows WHERE line_number = 3"));
    }

    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
