using System.Runtime.InteropServices;
using Analytics.Ingest.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Loaders;

/// <summary>
/// A source's first big load into a small contacts table goes straight into <c>contacts</c> with one binary COPY,
/// instead of COPY into a stage and INSERT … SELECT from it (1M rows: the stage's ANALYZE, repeat check, customer
/// insert and the INSERT took about 9 s of a 19 s load). Agent and customer ids are resolved while parsing: the
/// agents and customers the database holds are read up front, new ones get ids from their sequences (agents on a side
/// connection, customers numbered on under this batch's lock; a sequence is not transactional, a rollback only leaves a
/// gap) and are inserted after the COPY.
/// </summary>
/// <remarks>
/// Optimistic: with no contact of this source in the table, a key can only clash with another line of the same file.
/// The unique key index, built again after the COPY, is the check: if it fails, everything since the savepoint taken
/// before the indexes were dropped is rolled back and this plan loads the file through the stage instead, which
/// resolves in-file repeats (last line wins). Everything runs in the ingest transaction, under the ACCESS EXCLUSIVE
/// lock <see cref="BulkIndexes"/> takes on contacts, so nobody else adds a contact of this source meanwhile.
/// </remarks>
internal sealed class DirectContacts : LoadPlan
{
    public override string Name => "straight into contacts";

    public override string CopyCommand =>
        "COPY contacts (id, source_id, channel, queue, started_utc, ended_utc, wait_seconds, talk_seconds, hold_seconds, acw_seconds, transfers, " +
        "outcome, agent_id, customer_id, reason_id, notes, language, source, batch_id, content_hash) FROM STDIN (FORMAT BINARY)";

    private const string Savepoint = "direct_contacts";
    private const string KeyLocks = "direct_contacts_keys";
    /// <summary>Below PostgreSQL's default deadlock_timeout (1 s): in a lock cycle this batch gives way before anyone is cancelled.</summary>
    private static readonly TimeSpan KeyLockTimeout = TimeSpan.FromMilliseconds(500);
    /// <summary>Customers read up front must fit in memory comfortably; beyond this the stage resolves them.</summary>
    private const int MaxKnownCustomers = 2_000_000;

    private readonly ContactLoader _loader;
    private readonly NpgsqlDataSource _db;
    private readonly BulkIndexes _indexes;
    private readonly Dictionary<string, int> _agents;
    private readonly KeyIds _customers;
    /// <summary>New customers as COPY rows (id, key), sent after the contacts.</summary>
    private readonly CopyRows _newCustomers = CopyRows.Deferred();
    private int _newCustomerCount;
    private readonly HashSet<(string? Agent, string? Team, string? AgentName, string? TeamName)> _people = [];
    private readonly Dictionary<string, (int Id, string? Team, string? Name, string? TeamName)> _lastPeople = new(StringComparer.Ordinal);
    private readonly Queue<long> _freeAgentIds = new();
    private long _nextCustomerId, _nextContactId;

    private DirectContacts(ContactLoader loader, NpgsqlDataSource db, BulkIndexes indexes, Dictionary<string, int> agents, KeyIds customers,
        long firstCustomerId, long firstContactId) =>
        (_loader, _db, _indexes, _agents, _customers, _nextCustomerId, _nextContactId) =
        (loader, db, indexes, agents, customers, firstCustomerId, firstContactId);

    /// <summary>The direct path when it applies (its indexes dropped, a savepoint taken before that); otherwise null.</summary>
    public static async Task<DirectContacts?> TryStartAsync(ContactLoader loader, NpgsqlDataSource db, NpgsqlConnection conn,
        NpgsqlTransaction tx, LoadContext ctx, long expectedRows, CancellationToken ct)
    {
        if (expectedRows < BulkIndexes.MinimumRows) return null;
        // Locks taken after a savepoint go when it is rolled back: if this path does not apply, or the file turns out to
        // repeat a key, nothing of it stays, the locks included. Customers first, then contacts: the order in which the
        // staging merges and the survey loader take them, so no two batches wait for each other.
        await tx.SaveAsync(Savepoint, ct);
        var direct = await StartAsync(loader, db, conn, tx, ctx, expectedRows, ct);
        if (direct is null) await tx.RollbackAsync(Savepoint, ct);
        return direct;
    }

    private static async Task<DirectContacts?> StartAsync(ContactLoader loader, NpgsqlDataSource db, NpgsqlConnection conn,
        NpgsqlTransaction tx, LoadContext ctx, long expectedRows, CancellationToken ct)
    {
        // The customers this batch adds are copied in without ON CONFLICT (and their key index may be rebuilt): no other
        // batch may add one meanwhile. Readers wait too, as they wait for contacts.
        await using (var lockCmd = new NpgsqlCommand("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE", conn, tx) { CommandTimeout = 0 })
            await lockCmd.ExecuteNonQueryAsync(ct);
        var indexes = await KeyDroppingIndexesAsync(conn, tx, ctx, expectedRows, ct)
                      ?? await BulkIndexes.PrepareAsync(conn, tx, "contacts", expectedRows, ct);
        if (!indexes.Drops) return null;
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM contacts WHERE source = @source)", conn, tx))
        {
            any.Parameters.AddWithValue("source", ctx.Source);
            if ((bool)(await any.ExecuteScalarAsync(ct))!) return null;
        }
        var agents = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT code, id FROM agents", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) agents.Add(r.GetString(0), r.GetInt32(1));
        // Room for a customer per eight rows to begin with; the table doubles when it is half full (a few milliseconds),
        // so memory follows the customers, not the file's length.
        var customers = new KeyIds((int)Math.Min(expectedRows / 8, 1_000_000));
        await using (var cmd = new NpgsqlCommand($"SELECT key, id FROM customers LIMIT {MaxKnownCustomers + 1}", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) customers.Add(r.GetString(0), r.GetInt64(1));
        if (customers.Count > MaxKnownCustomers) return null;
        // With both tables locked nobody else takes ids from their sequences until this batch ends: new customers and
        // contacts are numbered on from here and the sequences moved past them once (nextval per customer key cost about
        // 2 s for 300k keys; the identity default per contact about 1 s of the server's work per million rows).
        var firstCustomerId = await NextValAsync(conn, tx, "customers", ct);
        var firstContactId = await NextValAsync(conn, tx, "contacts", ct);

        await indexes.DropAsync(conn, tx, ct);
        return new DirectContacts(loader, db, indexes, agents, customers, firstCustomerId, firstContactId);
    }

    /// <summary>
    /// The contacts' indexes with their primary key (and the customers' key later, see <see cref="FinishAsync"/>), when
    /// every table with a foreign key to either is small too; null to go on without dropping keys.
    /// </summary>
    /// <remarks>
    /// Dropping a foreign key locks its table, so those tables are locked before contacts: the other way round this batch
    /// would hold contacts while waiting for, say, transcript_turns, and a transcript load holding transcript_turns while
    /// waiting to read contacts would deadlock with it. Other work may still hold one of them while it waits for contacts
    /// or customers (a follow-up reading contacts before writing contact_search): with a short lock timeout this batch is
    /// the one that gives way, rolls its key locks back and loads with the keys in place.
    /// </remarks>
    private static async Task<BulkIndexes?> KeyDroppingIndexesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx,
        long expectedRows, CancellationToken ct)
    {
        var referencing = (await BulkIndexes.ReferencingTablesAsync(conn, tx, "contacts", ct))
            .Union(await BulkIndexes.ReferencingTablesAsync(conn, tx, "customers", ct))
            .Where(t => t is not ("contacts" or "customers")).Order(StringComparer.Ordinal).ToList();
        foreach (var table in referencing.Append("contacts"))
            if (await BulkIndexes.EstimatedRowsAsync(conn, tx, table, ct) * 2 > expectedRows) return null;
        await tx.SaveAsync(KeyLocks, ct);
        try
        {
            await Exec(conn, tx, ctx, $"SET LOCAL lock_timeout = '{KeyLockTimeout.TotalMilliseconds:F0}ms'", ct);
            if (referencing.Count > 0)
                await Exec(conn, tx, ctx, $"LOCK TABLE {string.Join(", ", referencing)} IN ACCESS EXCLUSIVE MODE", ct);
            var indexes = await BulkIndexes.PrepareAsync(conn, tx, "contacts", expectedRows, ct, dropKey: true);
            await Exec(conn, tx, ctx, "SET LOCAL lock_timeout TO DEFAULT", ct);
            if (indexes.DropsKey)
            {
                await tx.ReleaseAsync(KeyLocks, ct);
                return indexes;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
        }
        // Not worth it (a referencing table is not small after all) or not now (someone holds a lock): without the keys'
        // locks, as before.
        await tx.RollbackAsync(KeyLocks, ct);
        return null;
    }

    private static async Task<long> NextValAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, CancellationToken ct)
    {
        await using var next = new NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))", conn, tx);
        return (long)(await next.ExecuteScalarAsync(ct))!;
    }

    /// <summary>This plan's layout: ids numbered here, the agent and customer resolved to theirs while parsing.</summary>
    public override string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx)
    {
        if (_loader.Validate(rows, ctx, out var c) is { } error) return error;
        importer.StartRow();
        importer.Write(_nextContactId++, NpgsqlDbType.Bigint);
        importer.Write(c.Id, NpgsqlDbType.Text);
        importer.Write(c.Channel, NpgsqlDbType.Text);
        KindLoader.WriteNullable(importer, c.Queue);
        importer.Write(c.Started, NpgsqlDbType.TimestampTz);
        KindLoader.WriteNullable(importer, c.Ended);
        importer.Write(c.Wait, NpgsqlDbType.Integer);
        importer.Write(c.Talk, NpgsqlDbType.Integer);
        importer.Write(c.Hold, NpgsqlDbType.Integer);
        importer.Write(c.Acw, NpgsqlDbType.Integer);
        importer.Write(c.Transfers, NpgsqlDbType.Integer);
        KindLoader.WriteNullable(importer, c.Outcome);
        KindLoader.WriteNullable(importer, Agent(c.Agent, c.AgentName, c.Team, c.TeamName));
        if (Customer(c.Customer) is { } customerId) importer.Write(customerId, NpgsqlDbType.Bigint); else importer.WriteNull();
        KindLoader.WriteNullable(importer, c.ReasonId);
        KindLoader.WriteNullable(importer, c.Notes);
        KindLoader.WriteNullable(importer, c.Language);
        importer.Write(ctx.Source, NpgsqlDbType.Text);
        importer.Write(ctx.BatchId, NpgsqlDbType.Bigint);
        importer.Write(c.Hash, NpgsqlDbType.Bigint);
        return null;
    }

    /// <summary>The agent's id (reserving one for a code the database does not know yet); remembers who works in which team.</summary>
    private int? Agent(string? code, string? name, string? team, string? teamName)
    {
        if (code is null)
        {
            if (team is not null) _people.Add((code, team, name, teamName));
            return null;
        }
        // An agent's rows nearly always repeat their team and names: comparing with the agent's last row is cheaper
        // than hashing four strings into the set for every row.
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastPeople, code, out var seen);
        if (!seen)
        {
            if (!_agents.TryGetValue(code, out var id))
                _agents.Add(code, id = checked((int)NextId(_freeAgentIds, "agents", 16)));
            last.Id = id;
        }
        else if (last.Team == team && last.Name == name && last.TeamName == teamName) return last.Id;
        (last.Team, last.Name, last.TeamName) = (team, name, teamName);
        _people.Add((code, team, name, teamName));
        return last.Id;
    }

    private long? Customer(string? key)
    {
        if (key is null) return null;
        var id = _customers.GetOrAdd(key, _nextCustomerId, out var isNew);
        if (isNew)
        {
            _nextCustomerId++;
            _newCustomerCount++;
            _newCustomers.StartRow();
            _newCustomers.Write(id, NpgsqlDbType.Bigint);
            _newCustomers.Write(key, NpgsqlDbType.Text);
        }
        return id;
    }

    private long NextId(Queue<long> free, string table, int block)
    {
        if (free.Count == 0)
        {
            // Not the ingest connection: it is busy with the COPY. Ids taken here and never used are only a gap.
            using var conn = _db.OpenConnection();
            using var cmd = new NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, {block})", conn);
            using var r = cmd.ExecuteReader();
            while (r.Read()) free.Enqueue(r.GetInt64(0));
        }
        return free.Dequeue();
    }

    /// <summary>
    /// After the COPY: indexes, agents, teams, customers and survey links. When the file repeats a key, all of this plan
    /// is rolled back and the file is loaded through the stage.
    /// </summary>
    public override async Task<LoadOutcome> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, CopyResult copy,
        CopyAgain copyAgain, CancellationToken ct)
    {
        try
        {
            await _indexes.RebuildAsync(conn, tx, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackAsync(Savepoint, ct);
            _newCustomers.Dispose();
            var staged = await _loader.StagedPlanAsync(conn, tx, ct);
            return await staged.MergeAsync(conn, tx, ctx, copyAgain(staged), copyAgain, ct);
        }
        var copied = copy.Copied;
        if (copied > 0) await Exec(conn, tx, ctx, $"SELECT setval(pg_get_serial_sequence('contacts', 'id'), {_nextContactId - 1})", ct);

        await Exec(conn, tx, ctx, "CREATE TEMP TABLE direct_people (agent_code text, agent_id int, team_code text, agent_name text, team_name text) ON COMMIT DROP", ct);
        using (var people = conn.BeginBinaryImport("COPY direct_people FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (agent, team, agentName, teamName) in _people)
                people.WriteRow(agent, agent is null ? null : _agents[agent], team, agentName, teamName);
            people.Complete();
        }
        await Exec(conn, tx, ctx, ContactLoader.PeopleSql("direct_people", withIds: true), ct);

        // Under this batch's lock no other customer can have arrived: a plain COPY, in id order (the primary key's order),
        // the key index built afterwards when the new keys at least double the table (300k keys: 3.5 s with ON CONFLICT
        // and both indexes kept up, under 1 s this way).
        // The customers' primary key may go too when the contacts' did: survey_responses, the table that references it, is
        // locked and small.
        var customerIndexes = await BulkIndexes.PrepareAsync(conn, tx, "customers", _newCustomerCount, ct, dropKey: _indexes.DropsKey);
        await customerIndexes.DropAsync(conn, tx, ct);
        using (_newCustomers) _newCustomers.CopyTo(conn, "COPY customers (id, key) FROM STDIN (FORMAT BINARY)");
        await customerIndexes.RebuildAsync(conn, tx, ct);
        if (_newCustomerCount > 0)
            await Exec(conn, tx, ctx, $"SELECT setval(pg_get_serial_sequence('customers', 'id'), {_nextCustomerId - 1})", ct);
        // Another batch may have added an agent with the same code since they were read (agents are not locked): this
        // batch's contacts then follow that agent's id (a scan of the new contacts, only in that race).
        await using (var raced = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM stage_people p JOIN agents a ON a.code = p.agent_code WHERE a.id <> p.agent_id)", conn, tx))
            if ((bool)(await raced.ExecuteScalarAsync(ct))!)
                await Exec(conn, tx, ctx, """
                    UPDATE contacts c SET agent_id = a.id FROM stage_people p JOIN agents a ON a.code = p.agent_code
                    WHERE a.id <> p.agent_id AND c.agent_id = p.agent_id AND c.batch_id = @batch
                    """, ct);
        // Surveys that arrived before their contact: every contact of this batch is new.
        await Exec(conn, tx, ctx, $"""
            UPDATE survey_responses sr SET {ContactLoader.SurveyDimensions}
            FROM contacts c
            WHERE sr.contact_id IS NULL AND c.source = @source AND c.source_id = sr.contact_ref AND c.batch_id = @batch
            """, ct);
        await tx.ReleaseAsync(Savepoint, ct);
        return new LoadOutcome(copy, new MergeCounts(copied, 0, 0, 0));
    }

    private static Task<int> Exec(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, string sql, CancellationToken ct) =>
        KindLoader.ExecuteCountAsync(conn, tx, sql, ctx, ct);
}
