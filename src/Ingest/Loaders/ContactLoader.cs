using Analytics.Contacts;
using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Loaders;

/// <summary>One contact row, validated and redacted: what either plan writes, in its own layout.</summary>
internal readonly record struct ContactRow(string Id, string Channel, string? Queue, DateTime Started, DateTime? Ended, int Wait, int Talk,
    int Hold, int Acw, int Transfers, string? Outcome, string? Agent, string? AgentName, string? Team, string? TeamName, string? Customer,
    int? ReasonId, string? Notes, string? Language, long Hash);

/// <summary>
/// Contacts (calls, chats, e-mails) in our own CSV layout; agents, teams and customers come along. A file goes through
/// the stage, or straight into the table when <see cref="DirectContacts"/> applies: chosen once, in <see cref="PlanAsync"/>.
/// </summary>
public sealed class ContactLoader : KindLoader
{
    private static readonly string[] Outcomes = ["resolved", "transferred", "callback", "abandoned", "phantom", "other"];
    private int _id, _channel, _queue, _started, _ended, _wait, _talk, _hold, _acw, _transfers, _outcome,
        _agent, _agentName, _team, _teamName, _customer, _reason, _notes, _language;

    /// <summary>The contact-reason taxonomy by code (read in <see cref="PrepareAsync"/>).</summary>
    internal IReadOnlyDictionary<string, int> ReasonIds { get; set; } = new Dictionary<string, int>();

    public override string Kind => IngestKinds.Contacts;
    protected override bool StageRaw => false;

    public override async Task PrepareAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        // The taxonomy is small: checking codes while parsing lets the merge accept every staged row as it is, and
        // staging the id spares the merge a join per row.
        await using var cmd = new NpgsqlCommand("SELECT code, id FROM contact_reasons", conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct)) ids.Add(r.GetString(0), r.GetInt32(1));
        ReasonIds = ids;
    }

    public override async Task<LoadPlan> PlanAsync(NpgsqlDataSource db, NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx,
        long expectedRows, CancellationToken ct) =>
        await DirectContacts.TryStartAsync(this, db, conn, tx, ctx, expectedRows, ct) ?? await StagedPlanAsync(conn, tx, ct);

    public override string[] RequiredColumns => ["contact_id", "channel", "started_at"];
    protected override string StagingKey => "source_id";
    protected override string AnalyzedColumns => "source_id, agent_code, team_code, customer_key";
    protected override string StagingColumns =>
        // Keys compare bytes, as contacts.source_id and customers.key do: their joins can use those indexes, and grouping
        // and sorting the stage skip the locale.
        "source_id text COLLATE \"C\", channel text, queue text, started_utc timestamptz, ended_utc timestamptz, wait int, talk int, hold int, acw int, " +
        "transfers int, outcome text, agent_code text, agent_name text, team_code text, team_name text, customer_key text COLLATE \"C\", reason_id int, notes text, language text";

    public override void Bind(CsvRows rows)
    {
        _id = rows.Column("contact_id"); _channel = rows.Column("channel"); _queue = rows.Column("queue");
        _started = rows.Column("started_at"); _ended = rows.Column("ended_at"); _wait = rows.Column("wait_s");
        _talk = rows.Column("talk_s"); _hold = rows.Column("hold_s"); _acw = rows.Column("acw_s");
        _transfers = rows.Column("transfers"); _outcome = rows.Column("outcome"); _agent = rows.Column("agent_id");
        _agentName = rows.Column("agent_name"); _team = rows.Column("team_code"); _teamName = rows.Column("team_name");
        _customer = rows.Column("customer_key"); _reason = rows.Column("reason_code"); _notes = rows.Column("notes");
        _language = rows.Column("language");
    }

    /// <summary>Validates and redacts the current row (no database needed): null and the row, or every reason it is refused.</summary>
    internal string? Validate(CsvRows rows, LoadContext ctx, out ContactRow row)
    {
        row = default;
        var errors = new List<string>(0);
        var id = rows.Get(_id);
        if (id is null) errors.Add("contact_id is empty");
        var channelRaw = rows.Get(_channel);
        if (channelRaw is null) errors.Add("channel is empty");
        var channel = Fields.OneOf(channelRaw, "channel", Channels.All, errors);
        var startedRaw = rows.Get(_started);
        if (startedRaw is null) errors.Add("started_at is empty");
        var started = Fields.Timestamp(ctx.Zone, startedRaw, "started_at", errors);
        var ended = Fields.Timestamp(ctx.Zone, rows.Get(_ended), "ended_at", errors);
        if (started is not null && ended is not null && ended < started) errors.Add("ended_at is before started_at");
        var wait = Fields.Int(rows.Get(_wait), "wait_s", errors, 0, 86_400);
        var talk = Fields.Int(rows.Get(_talk), "talk_s", errors, 0, 86_400);
        var hold = Fields.Int(rows.Get(_hold), "hold_s", errors, 0, 86_400);
        var acw = Fields.Int(rows.Get(_acw), "acw_s", errors, 0, 86_400);
        var transfers = Fields.Int(rows.Get(_transfers), "transfers", errors, 0, 100);
        var outcome = Fields.OneOf(rows.Get(_outcome), "outcome", Outcomes, errors);
        var agent = Fields.MaxLength(rows.Get(_agent), "agent_id", 64, errors);
        var customer = Fields.MaxLength(rows.Get(_customer), "customer_key", 128, errors);
        var reason = rows.Get(_reason);
        int? reasonId = null;
        if (reason is not null)
        {
            if (ReasonIds.TryGetValue(reason, out var known)) reasonId = known;
            else errors.Add($"reason_code '{reason}' is not in the contact-reason taxonomy (ingest the reasons file first, or add the reason)");
        }
        var notes = Fields.MaxLength(rows.Get(_notes), "notes", 20_000, errors);
        // An export's own language column (IVR choice, chat locale) wins; without one the notes tell.
        var languageRaw = rows.Get(_language);
        if (!Languages.TryNormalize(languageRaw, out var language))
            errors.Add($"language '{languageRaw}' is not a language (use an ISO code such as nl or en, or a name such as Nederlands)");
        if (errors.Count > 0) return string.Join("; ", errors);

        var queue = rows.Get(_queue);
        string? agentName = rows.Get(_agentName), team = rows.Get(_team), teamName = rows.Get(_teamName);
        var hash = ContentHash.Start().Add(channel).Add(queue).Add(startedRaw).Add(rows.Get(_ended)).Add(wait ?? 0).Add(talk ?? 0)
            .Add(hold ?? 0).Add(acw ?? 0).Add(transfers ?? 0).Add(outcome).Add(agent).Add(agentName).Add(team).Add(teamName)
            .Add(customer).Add(reason).Add(notes);
        // Only a given language is content; a detected one follows from the notes (and files without the column keep their hashes).
        if (language is not null) hash = hash.Add(language);
        language ??= Languages.Detect(notes);
        // This row's agent is known before its notes are redacted; later rows know them too.
        ctx.Redactor.LearnAgent(agentName);
        row = new ContactRow(id!, channel!, queue, started!.Value, ended, wait ?? 0, talk ?? 0, hold ?? 0, acw ?? 0, transfers ?? 0,
            outcome, agent, agentName, team, teamName, customer, reasonId, RedactOrNull(ctx, notes), language, hash.Value);
        return null;
    }

    /// <summary>The staged layout: the agent, team and customer as text, for the merge to resolve.</summary>
    public override string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx)
    {
        if (Validate(rows, ctx, out var c) is { } error) return error;
        WriteHeader(importer, rows, c.Hash);
        importer.Write(c.Id, NpgsqlDbType.Text);
        importer.Write(c.Channel, NpgsqlDbType.Text);
        WriteNullable(importer, c.Queue);
        importer.Write(c.Started, NpgsqlDbType.TimestampTz);
        WriteNullable(importer, c.Ended);
        importer.Write(c.Wait, NpgsqlDbType.Integer);
        importer.Write(c.Talk, NpgsqlDbType.Integer);
        importer.Write(c.Hold, NpgsqlDbType.Integer);
        importer.Write(c.Acw, NpgsqlDbType.Integer);
        importer.Write(c.Transfers, NpgsqlDbType.Integer);
        WriteNullable(importer, c.Outcome);
        WriteNullable(importer, c.Agent);
        WriteNullable(importer, c.AgentName);
        WriteNullable(importer, c.Team);
        WriteNullable(importer, c.TeamName);
        WriteNullable(importer, c.Customer);
        WriteNullable(importer, c.ReasonId);
        WriteNullable(importer, c.Notes);
        WriteNullable(importer, c.Language);
        return null;
    }

    protected override async Task<MergeCounts> MergeStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, int staged, CancellationToken ct)
    {
        await ExecuteAsync(conn, tx, PeopleSql("stage", withIds: false) + """
            -- Keys in index order fill the key index page by page instead of a random page per key (about 25% faster).
            -- Known customers leave first in one anti-join: a day's export mostly repeats them, and ON CONFLICT costs a
            -- speculative check per key (100k contacts into 1M: 0.34 s). ON CONFLICT stays for a batch racing this one.
            INSERT INTO customers (key) SELECT s.customer_key FROM stage s
            WHERE s.customer_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.key = s.customer_key)
            GROUP BY s.customer_key ORDER BY s.customer_key
            ON CONFLICT (key) DO NOTHING;
            """, ctx, ct);

        var indexes = await BulkIndexes.PrepareAsync(conn, tx, "contacts", staged, ct);

        // Staged keys that contacts already holds leave the stage here, the changed ones updating their contact on the
        // way: one key lookup per row, and what stays behind is new. Update-then-insert instead of INSERT … ON CONFLICT:
        // for a million rows this costs far less than a speculative insertion per row. A concurrent batch inserting the
        // same key first makes the insert below fail: KindLoader runs this merge again from its savepoint.
        var (existing, updated) = await CountsAsync(conn, tx, """
            WITH existing AS (
                DELETE FROM stage s USING contacts c WHERE c.source = @source AND c.source_id = s.source_id
                RETURNING c.id, c.content_hash <> s.content_hash AS changed, s.*),
            changed AS (
                UPDATE contacts c SET channel = e.channel, queue = e.queue, started_utc = e.started_utc, ended_utc = e.ended_utc,
                    wait_seconds = e.wait, talk_seconds = e.talk, hold_seconds = e.hold, acw_seconds = e.acw, transfers = e.transfers,
                    outcome = e.outcome, agent_id = a.id, customer_id = cu.id, reason_id = e.reason_id, notes = e.notes, language = e.language, batch_id = @batch,
                    content_hash = e.content_hash
                FROM existing e
                LEFT JOIN agents a ON a.code = e.agent_code
                LEFT JOIN customers cu ON cu.key = e.customer_key
                WHERE e.changed AND c.id = e.id
                RETURNING 1)
            SELECT (SELECT count(*) FROM existing)::int, (SELECT count(*) FROM changed)::int
            """, ctx, ct);
        await indexes.DropAsync(conn, tx, ct);
        var inserted = await ExecuteCountAsync(conn, tx, """
            INSERT INTO contacts (source, source_id, channel, queue, started_utc, ended_utc, wait_seconds, talk_seconds, hold_seconds,
                acw_seconds, transfers, outcome, agent_id, customer_id, reason_id, notes, language, batch_id, content_hash)
            SELECT @source, s.source_id, s.channel, s.queue, s.started_utc, s.ended_utc, s.wait, s.talk, s.hold, s.acw, s.transfers, s.outcome,
                a.id, cu.id, s.reason_id, s.notes, s.language, @batch, s.content_hash
            FROM stage s
            LEFT JOIN agents a ON a.code = s.agent_code
            LEFT JOIN customers cu ON cu.key = s.customer_key
            """, ctx, ct);
        await indexes.RebuildAsync(conn, tx, ct);

        // Surveys that arrived before their contact get linked now, with the contact's dimensions. The stage holds only
        // the new contacts by now: a contact that was already there got its surveys when they arrived.
        await ExecuteAsync(conn, tx, $"""
            UPDATE survey_responses sr SET {SurveyDimensions}
            FROM contacts c, stage s
            WHERE sr.contact_id IS NULL AND sr.contact_ref = s.source_id AND c.source = @source AND c.source_id = s.source_id
            """, ctx, ct);
        // Surveys of contacts this batch changed follow the contact's new agent, reason, channel, queue or language.
        if (updated > 0)
            await ExecuteAsync(conn, tx, """
                UPDATE survey_responses sr SET agent_id = c.agent_id, reason_id = c.reason_id, channel = c.channel, queue = c.queue,
                    language = coalesce(c.language, sr.language)
                FROM contacts c
                WHERE c.batch_id = @batch AND sr.contact_id = c.id
                  AND (sr.agent_id, sr.reason_id, sr.channel, sr.queue, sr.language)
                      IS DISTINCT FROM (c.agent_id, c.reason_id, c.channel, c.queue, coalesce(c.language, sr.language))
                """, ctx, ct);
        return new MergeCounts(inserted, updated, existing - updated, 0);
    }

    /// <summary>What a survey takes over from the contact <c>c</c> it is linked to.</summary>
    internal const string SurveyDimensions =
        "contact_id = c.id, agent_id = c.agent_id, reason_id = c.reason_id, channel = c.channel, queue = c.queue, language = coalesce(c.language, sr.language)";

    /// <summary>
    /// Teams and agents from the (agent, team, names) rows of <paramref name="from"/>, into <c>stage_people</c> first:
    /// few of them, many rows. With <paramref name="withIds"/> the rows carry the agent_id to give a new agent.
    /// </summary>
    // A pseudonymised agent's name stays a code: an old file loaded again must not bring the name back.
    private const string AgentName = "CASE WHEN agents.pseudonymised_utc IS NULL THEN excluded.name ELSE agents.name END";

    internal static string PeopleSql(string from, bool withIds) => $"""
        CREATE TEMP TABLE stage_people ON COMMIT DROP AS
        SELECT agent_code, team_code, max(agent_name) AS agent_name, max(team_name) AS team_name{(withIds ? ", max(agent_id) AS agent_id" : "")}
        FROM {from} WHERE agent_code IS NOT NULL OR team_code IS NOT NULL GROUP BY agent_code, team_code;
        INSERT INTO teams (code, name)
        SELECT team_code, coalesce(max(team_name), team_code) FROM stage_people WHERE team_code IS NOT NULL GROUP BY team_code
        ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE teams.name IS DISTINCT FROM excluded.name;
        INSERT INTO agents ({(withIds ? "id, " : "")}code, name, team_id)
        SELECT {(withIds ? "g.agent_id, " : "")}g.agent_code, coalesce(g.agent_name, g.agent_code), t.id
        FROM (SELECT agent_code, max(agent_name) AS agent_name, max(team_code) AS team_code{(withIds ? ", max(agent_id) AS agent_id" : "")}
              FROM stage_people WHERE agent_code IS NOT NULL GROUP BY agent_code) g
        LEFT JOIN teams t ON t.code = g.team_code
        ON CONFLICT (code) DO UPDATE SET name = {AgentName}, team_id = coalesce(excluded.team_id, agents.team_id)
        WHERE (agents.name, agents.team_id) IS DISTINCT FROM ({AgentName}, coalesce(excluded.team_id, agents.team_id));

        """;
}
