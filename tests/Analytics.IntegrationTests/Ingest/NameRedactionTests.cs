using System.Text.Json;
using Analytics.Api.Cli;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>
/// Names never reach storage: agents' names (from the agents table and the file's own agent column) become [AGENT],
/// customers' names [NAME]; text stored before that is re-redacted by `redact-names`, once, counted and audited.
/// </summary>
public sealed class NameRedactionTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task IngestRedactsAgentsFromTheFilesAgentColumnAndCustomersByPhrasing()
    {
        var ingest = _host.Service<IngestService>();
        // Kees is only in this file's agent column; the note naming him comes on a later row than his own.
        var contacts = await ingest.IngestAsync("contacts", Fixtures.Stream("""
            contact_id,channel,started_at,agent_id,agent_name,notes
            C1,phone,2026-03-02T09:00:00+01:00,A1,Kees de Boer,Mevrouw Jansen wil termijnbedrag omlaag.
            C2,phone,2026-03-02T10:00:00+01:00,A2,Sanne de Vries,Klant vroeg naar Kees; de bakker op de hoek is ook klant.
            """), "contacts.csv", default);
        var transcripts = await ingest.IngestAsync("transcripts", Fixtures.Stream("""
            contact_id,seq,speaker,text
            C1,1,agent,"Goedemiddag, u spreekt met Kees van Energie Direct."
            C1,2,customer,"Met mevrouw Jansen, ik bel over mijn factuur."
            """), "transcripts.csv", default);

        Assert.Equal(new Dictionary<string, int> { ["AGENT"] = 1, ["NAME"] = 1 }, contacts.Redactions);
        Assert.Equal(new Dictionary<string, int> { ["AGENT"] = 1, ["NAME"] = 1 }, transcripts.Redactions);
        Assert.Equal("Mevrouw [NAME] wil termijnbedrag omlaag.", await _db.TextAsync("SELECT notes FROM contacts WHERE source_id = 'C1'"));
        Assert.Equal("Klant vroeg naar [AGENT]; de bakker op de hoek is ook klant.",
            await _db.TextAsync("SELECT notes FROM contacts WHERE source_id = 'C2'"));
        Assert.Equal("Goedemiddag, u spreekt met [AGENT] van Energie Direct. Met mevrouw [NAME], ik bel over mijn factuur.",
            await _db.TextAsync("SELECT string_agg(text, ' ' ORDER BY seq) FROM transcript_turns"));
        // The contact keeps its agent as a link, not as text.
        Assert.Equal("Kees de Boer", await _db.TextAsync(
            "SELECT a.name FROM contacts c JOIN agents a ON a.id = c.agent_id WHERE c.source_id = 'C1'"));
        var json = await _db.TextAsync($"SELECT redactions_json::text FROM ingest_batches WHERE id = {transcripts.BatchId}");
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("AGENT").GetInt32());
    }

    [Fact]
    public async Task RedactNamesReRedactsTextStoredBeforeOnceAndAuditsIt()
    {
        // Stored the old way: straight into the tables, names and all, with their search documents.
        await _db.ExecAsync("""
            INSERT INTO agents (code, name) VALUES ('A1', 'Kees de Boer');
            INSERT INTO contacts (source, source_id, channel, started_utc, wait_seconds, talk_seconds, hold_seconds, acw_seconds,
                transfers, content_hash, agent_id, notes)
            SELECT 'main', 'C' || g, 'phone', now(), 0, 0, 0, 0, 0, 0, (SELECT id FROM agents),
                   CASE WHEN g % 2 = 0 THEN 'Kees heeft mevrouw Jansen teruggebeld.' ELSE 'Factuur uitgelegd.' END
            FROM generate_series(1, 5) g;
            INSERT INTO transcript_turns (contact_id, seq, speaker, start_ms, end_ms, text, content_hash)
            SELECT c.id, s, 'agent', 0, 0, CASE WHEN s = 1 THEN 'U spreekt met Kees.' ELSE 'Een ogenblikje.' END, 0
            FROM contacts c, generate_series(1, 2) s WHERE c.source_id = 'C1';
            INSERT INTO survey_responses (source, source_id, type, score, comment, responded_utc, contact_ref, content_hash)
            VALUES ('main', 'S1', 'nps', 9, 'Kees was top. Groeten, Marieke Prins', now(), 'C1', 0),
                   ('main', 'S2', 'nps', 3, NULL, now(), 'C2', 0);
            """);
        await new Analytics.Search.SearchIndexer(_db.DataSource).IndexMissingAsync(default);
        const string FindsJansen = "SELECT count(*) FROM contact_search WHERE vector @@ to_tsquery('dutch', 'jansen')";
        Assert.Equal(2, await _db.ScalarAsync(FindsJansen));

        // Pages of two rows: the walk over each table's key must not skip or repeat a row.
        Assert.Equal(0, await new RedactNamesVerb().RunAsync(new CliArgs(["--batch", "2"]), _host.Services, default));

        Assert.Equal(2, await _db.ScalarAsync("SELECT count(*) FROM contacts WHERE notes = '[AGENT] heeft mevrouw [NAME] teruggebeld.'"));
        Assert.Equal("U spreekt met [AGENT]. Een ogenblikje.", await _db.TextAsync("SELECT string_agg(text, ' ' ORDER BY seq) FROM transcript_turns"));
        Assert.Equal("[AGENT] was top. Groeten, [NAME]", await _db.TextAsync("SELECT comment FROM survey_responses WHERE source_id = 'S1'"));
        Assert.Equal(0, await _db.ScalarAsync(FindsJansen));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM contact_search WHERE vector @@ to_tsquery('dutch', 'kees')"));

        Assert.Equal(0, await new RedactNamesVerb().RunAsync(new CliArgs([]), _host.Services, default));
        await using var db = _db.NewDbContext();
        var audit = await db.AuditLog.Where(a => a.Path == "redact-names").OrderBy(a => a.Id).Select(a => a.Query).ToListAsync();
        Assert.Equal(
        [
            "contacts=2&transcript_turns=1&survey_responses=1&AGENT=4&NAME=3&search=3",
            "contacts=0&transcript_turns=0&survey_responses=0&search=0",
        ], audit);
    }
}
