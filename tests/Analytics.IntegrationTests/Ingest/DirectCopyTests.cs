using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>
/// A source's first big load into a small contacts table is copied straight into contacts (agent and customer ids
/// resolved while parsing); it must give exactly what the staging path gives for the same file.
/// </summary>
public sealed class DirectCopyTests : IAsyncLifetime
{
    private const int Rows = 60_000;
    private readonly TestDatabase _direct = new();
    private readonly TestDatabase _staged = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"analytics-direct-{Guid.NewGuid():N}.csv");

    private const string Contacts = """
        SELECT md5(string_agg(concat_ws('|', c.source_id, c.channel, c.queue, c.started_utc, c.ended_utc, c.wait_seconds, c.talk_seconds,
            c.hold_seconds, c.acw_seconds, c.transfers, c.outcome, c.notes, c.language, c.content_hash, r.code, a.code, a.name, t.code, t.name, cu.key,
            sr.source_id, sa.code, sr.channel, sr.language), ',' ORDER BY c.source_id))
        FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = a.team_id
        LEFT JOIN customers cu ON cu.id = c.customer_id LEFT JOIN contact_reasons r ON r.id = c.reason_id
        LEFT JOIN survey_responses sr ON sr.contact_id = c.id LEFT JOIN agents sa ON sa.id = sr.agent_id
        WHERE c.source = 'main'
        """;
    private const string People = """
        SELECT concat((SELECT string_agg(a.code || ':' || a.name || ':' || coalesce(t.code, '-'), ',' ORDER BY a.code) FROM agents a LEFT JOIN teams t ON t.id = a.team_id),
            ' / ', (SELECT string_agg(code || ':' || name, ',' ORDER BY code) FROM teams),
            ' / ', (SELECT md5(string_agg(key, ',' ORDER BY key)) FROM customers), ' ', (SELECT count(*) FROM customers))
        """;

    /// <summary>Primary and foreign keys of contacts and customers, as the catalog defines them.</summary>
    private const string Keys = """
        SELECT string_agg(conrelid::regclass || '.' || conname || ' ' || pg_get_constraintdef(oid) || ' validated=' || convalidated, E'\n' ORDER BY conrelid::regclass::text, conname)
        FROM pg_constraint WHERE contype IN ('p', 'f')
          AND (conrelid IN ('contacts'::regclass, 'customers'::regclass) OR confrelid IN ('contacts'::regclass, 'customers'::regclass))
        """;
    private const string KeyIndexes = "SELECT string_agg(conindid::text, ',' ORDER BY conname) FROM pg_constraint WHERE conname IN ('pk_contacts', 'pk_customers')";

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_direct.InitializeAsync(), _staged.InitializeAsync());
        await using var w = new StreamWriter(_file);
        await w.WriteLineAsync("contact_id,channel,queue,started_at,ended_at,wait_s,talk_s,agent_id,agent_name,team_code,team_name,customer_key,reason_code,notes,language");
        for (var i = 0; i < Rows; i++)
        {
            // Agents renamed within the file (the greatest name wins on both paths), rows with a team but no agent, rows
            // without a customer, and notes with a phone number to redact.
            var agent = i % 11 == 0 ? "" : $"A{i % 9}";
            var name = agent.Length == 0 ? "" : $"Agent {i % 9}{(i % 5 == 0 ? " (nieuw)" : "")}";
            // Customers mostly new (enough for their table's keys to be dropped too), some repeated within the file.
            var customer = i % 13 == 0 ? "" : $"K{i % 57_000}";
            var note = i % 17 == 0 ? $"terugbellen op 06-{12345678 + i}" : $"notitie {i}";
            await w.WriteLineAsync($"C{i},{(i % 3 == 0 ? "chat" : "phone")},q{i % 4},2026-03-{1 + i % 28:00}T09:{i % 60:00}:00,2026-03-{1 + i % 28:00}T10:{i % 60:00}:00," +
                                   $"{i % 300},{i % 900},{agent},{name},T{i % 4},Team {i % 4},{customer},{(i % 10 == 0 ? "R1" : "")},{note},{(i % 7 == 0 ? "English" : "")}");
        }
        await w.WriteLineAsync("C-bad,fax,q1,2026-03-07T09:06:00,,6,6,A6,Agent 6,T1,Team 1,K6,,kapot,");
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await Task.WhenAll(_direct.DisposeAsync(), _staged.DisposeAsync());
    }

    [Fact]
    public async Task ACopyStraightIntoContactsGivesTheSameRowsCountsPeopleAndSurveyLinksAsTheStagingPath()
    {
        // _staged holds as many contacts of another source as the file has rows: the staging path.
        await _staged.AddOtherSourceContactsAsync(Rows);
        foreach (var db in new[] { _direct, _staged })
        {
            // What the database knew before: a reason, a team and an agent under older names, customers, surveys waiting for their contact.
            await db.ExecAsync("""
                INSERT INTO contact_reasons (code, name_nl, name_en, department, avoidable) VALUES ('R1', 'Reden', 'Reason', 'operations', false);
                INSERT INTO teams (code, name) VALUES ('T2', 'Oude naam');
                INSERT INTO agents (code, name, team_id) SELECT 'A2', 'Oud', id FROM teams WHERE code = 'T2';
                INSERT INTO customers (key) VALUES ('K5'), ('K-elders');
                INSERT INTO survey_responses (source, source_id, type, score, responded_utc, contact_ref, content_hash)
                VALUES ('main', 'S1', 'nps', 9, now(), 'C42', 1), ('main', 'S2', 'csat', 4, now(), 'C0', 2), ('main', 'S3', 'nps', 3, now(), 'C-none', 3);
                """);
        }

        var keysBefore = await _direct.TextAsync(Keys);
        var keyIndexesBefore = await _direct.TextAsync(KeyIndexes);
        Assert.Contains("survey_responses.fk_survey_responses_contacts_contact_id", keysBefore);

        var directLog = new ListLogger<IngestService>();
        var stagedLog = new ListLogger<IngestService>();
        var direct = await new IngestService(_direct.DataSource, directLog).IngestFileAsync("contacts", _file, default);
        var staged = await new IngestService(_staged.DataSource, stagedLog).IngestFileAsync("contacts", _file, default);

        Assert.Contains(directLog.Messages, m => m.Contains("straight into", StringComparison.Ordinal));
        Assert.DoesNotContain(stagedLog.Messages, m => m.Contains("straight into", StringComparison.Ordinal));
        Assert.Equal((Rows + 1, Rows, 0, 0, 1), (direct.RowsRead, direct.Loaded, direct.Duplicates, direct.Updated, direct.Quarantined));
        Assert.Equal((staged.RowsRead, staged.Loaded, staged.Duplicates, staged.Updated, staged.Quarantined),
            (direct.RowsRead, direct.Loaded, direct.Duplicates, direct.Updated, direct.Quarantined));
        Assert.Equal(staged.Redactions, direct.Redactions);
        Assert.Equal(await _staged.TextAsync(Contacts), await _direct.TextAsync(Contacts));
        Assert.Equal(await _staged.TextAsync(People), await _direct.TextAsync(People));
        Assert.Equal(2, await _direct.ScalarAsync("SELECT count(*) FROM survey_responses WHERE contact_id IS NOT NULL"));
        // The customer the database already knew kept its id.
        Assert.Equal(1, await _direct.ScalarAsync("SELECT count(*) FROM contacts c JOIN customers cu ON cu.id = c.customer_id WHERE cu.key = 'K5' AND c.source_id = 'C5'"));
        Assert.Equal(0, await _direct.ScalarAsync("SELECT count(*) FROM contacts WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT id FROM customers)"));
        Assert.Equal(0, await _direct.ScalarAsync("SELECT count(*) FROM contacts WHERE agent_id IS NOT NULL AND agent_id NOT IN (SELECT id FROM agents)"));
        // Both primary keys were dropped for the copy and built again (new indexes), with every foreign key to them
        // added back and checked: the catalog reads as before.
        Assert.NotEqual(keyIndexesBefore, await _direct.TextAsync(KeyIndexes));
        Assert.Equal(keysBefore, await _direct.TextAsync(Keys));
        Assert.Equal(await _staged.TextAsync(Keys), await _direct.TextAsync(Keys));
        // The sequences were moved past the ids the batch gave out: rows added the ordinary way still get free ids.
        await _direct.ExecAsync("INSERT INTO customers (key) VALUES ('K-na')");
        await _direct.AddOtherSourceContactsAsync(1);
        await _direct.ExecAsync("INSERT INTO agents (code, name) VALUES ('A-na', 'Na')");

        // The same file again is all duplicates (the source now has contacts: through the stage).
        var again = await new IngestService(_direct.DataSource, directLog).IngestFileAsync("contacts", _file, default);
        Assert.Equal((0, Rows, 0, 1), (again.Loaded, again.Duplicates, again.Updated, again.Quarantined));
    }

    [Fact]
    public async Task AnotherTransactionHoldingATableThatReferencesContactsMakesTheLoadKeepItsKeysInsteadOfWaiting()
    {
        // Someone is writing transcript turns (and might go on to read contacts): dropping the foreign key there would
        // wait for them, and could deadlock with them. The load gives way and copies with the keys in place.
        await _direct.ExecAsync("INSERT INTO contact_reasons (code, name_nl, name_en, department, avoidable) VALUES ('R1', 'Reden', 'Reason', 'operations', false)");
        var keyIndexesBefore = await _direct.TextAsync(KeyIndexes);
        await using var other = await _direct.DataSource.OpenConnectionAsync();
        await using var otherTx = await other.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand("LOCK TABLE transcript_turns IN ROW EXCLUSIVE MODE", other, otherTx))
            await hold.ExecuteNonQueryAsync();

        var log = new ListLogger<IngestService>();
        // Waiting for the other transaction would never end (it ends after the load): a time-out is the failure.
        var result = await new IngestService(_direct.DataSource, log).IngestFileAsync("contacts", _file, default).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains(log.Messages, m => m.Contains("straight into", StringComparison.Ordinal));
        Assert.Equal((Rows + 1, Rows, 1), (result.RowsRead, result.Loaded, result.Quarantined));
        Assert.Equal(keyIndexesBefore, await _direct.TextAsync(KeyIndexes));
        await otherTx.RollbackAsync();
    }
}
