using System.Text;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.IntegrationTests.Ingest;

public sealed class MappingProfileTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private IngestService _ingest = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _ingest = new IngestService(_db.DataSource, NullLogger<IngestService>.Instance);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [DatasetFact("technion-anonymous-bank-callcentre-aug1999")]
    public async Task TheRealTechnionCallLogLoadsThroughItsProfileWithTheDocumentedCounts()
    {
        var file = SharedData.Path("technion-anonymous-bank-callcentre-aug1999", "calls_august_1999.csv");
        var result = await _ingest.IngestFileAsync("contacts", file, default, profile: MappingProfile.Load("technion-1999"));

        Assert.Equal((42_078, 42_078, 0), (result.RowsRead, result.Loaded, result.Quarantined));
        var kpi = Assert.Single(await new ContactMetrics(_db.DataSource).QueryAsync(null, source: "technion"));
        // SOURCE.md: AGENT 31,402, HANG 10,366, PHANTOM 310, 31 named agents; mean ser_time of served calls 184 s.
        Assert.Equal((31_402, 10_366, 310, 31), (kpi.Served, kpi.Abandoned, kpi.Phantom, kpi.Agents));
        Assert.Equal(41_768, kpi.Contacts);
        Assert.Equal(100.0 * 10_366 / 41_768, kpi.AbandonmentRate.Value, 9);   // 24.82%
        Assert.Equal(184.3975542959, kpi.AverageHandleTimeSeconds, 6);
        Assert.Equal(73.8074963378, kpi.AverageSpeedOfAnswerSeconds, 6);       // mean q_time of served calls, computed independently
        // Local Israeli time (IDT, UTC+3 in August): the first call, 1 Aug 0:10:10, is 31 Jul 21:10:10 UTC.
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE source_id = 'AA0204-43678' AND started_utc = '1999-07-31 21:10:10+00'"));

        var again = await _ingest.IngestFileAsync("contacts", file, default, profile: MappingProfile.Load("technion-1999"));
        Assert.Equal((0, 42_078), (again.Loaded, again.Duplicates));
    }

    [Fact]
    public async Task ADutchTelephonyExcelExportLoadsThroughItsProfile()
    {
        await _ingest.IngestAsync("reasons", Fixtures.Stream(Fixtures.Reasons), "reasons.csv", default);
        var csv = "Gespreks-ID;Kanaal;Wachtrij;Begintijd;Eindtijd;Wachttijd (s);Gesprekstijd (s);Wachtstand (s);Nawerktijd (s);Doorverbonden;Resultaat;Medewerker-ID;Medewerker;Team;Klantnummer;Contactreden;Notitie\r\n" +
                  "G-1;Telefoon;Facturen;29-03-2026 03:15;29-03-2026 03:20;12,0;300;0;20;0;Afgehandeld;A9;José;T9;K-77;FAC-ONDUID;klant vond factuur onduidelijk, uitleg gegeven\r\n" +
                  "G-2;Chat;Storingen;25-10-2026 02:30;;5;200;0;10;1;Doorverbonden;n.v.t.;n.v.t.;-;K-78;STO-INT;storing gemeld\r\n" +
                  "G-3;Fax;Storingen;25-10-2026 09:00;;5;200;0;10;1;Afgehandeld;A9;José;T9;K-78;STO-INT;fax\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var result = await _ingest.IngestAsync("contacts", new MemoryStream(Encoding.GetEncoding(1252).GetBytes(csv)), "export.csv", default,
            profile: MappingProfile.Load("nl-telefonie-export"));

        Assert.Equal((3, 2, 1), (result.RowsRead, result.Loaded, result.Quarantined));
        await using var db = _db.NewDbContext();
        var g1 = db.Contacts.Single(c => c.SourceId == "G-1");
        Assert.Equal(new DateTime(2026, 3, 29, 1, 15, 0, DateTimeKind.Utc), g1.StartedUtc);   // after spring-forward: CEST
        Assert.Equal(("phone", 12, "resolved"), (g1.Channel, g1.WaitSeconds, g1.Outcome));
        var g2 = db.Contacts.Single(c => c.SourceId == "G-2");
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), g2.StartedUtc); // ambiguous hour: first (CEST)
        Assert.Null(g2.AgentId);
        Assert.Equal("José", db.Agents.Single().Name);
        Assert.Contains("Fax", db.QuarantinedRows.Single().Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AFileThatDoesNotMatchTheProfileIsRejectedNamingTheMissingColumns()
    {
        var result = await _ingest.IngestAsync("contacts", Fixtures.Stream(Fixtures.Contacts), "contacts.csv", default,
            profile: MappingProfile.Load("technion-1999"));
        Assert.Equal("failed", result.State);
        Assert.Contains("missing column(s) vru+line", result.Error);
    }
}
