using Analytics.Contacts;
using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;
using Analytics.Surveys;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Loaders;

/// <summary>NPS/CES/CSAT responses; linked to their contact when it is known (now or when it arrives later).</summary>
public sealed class SurveyLoader : KindLoader
{
    private static readonly string[] Types = [SurveyTypes.Nps, SurveyTypes.Ces, SurveyTypes.Csat];
    private int _id, _type, _score, _comment, _responded, _contact, _customer;

    public override string Kind => IngestKinds.Surveys;
    public override string[] RequiredColumns => ["response_id", "type", "score", "responded_at"];
    protected override string StagingKey => "source_id";
    protected override string AnalyzedColumns => "source_id, contact_ref, customer_key";
    protected override string StagingColumns =>
        "source_id text, type text, score int, comment text, responded_utc timestamptz, contact_ref text COLLATE \"C\", customer_key text COLLATE \"C\", language text";

    public override void Bind(CsvRows rows)
    {
        _id = rows.Column("response_id"); _type = rows.Column("type"); _score = rows.Column("score");
        _comment = rows.Column("comment"); _responded = rows.Column("responded_at"); _contact = rows.Column("contact_id");
        _customer = rows.Column("customer_key");
    }

    public override string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx)
    {
        var errors = new List<string>(0);
        var id = rows.Get(_id);
        if (id is null) errors.Add("response_id is empty");
        var typeRaw = rows.Get(_type);
        if (typeRaw is null) errors.Add("type is empty");
        var type = Fields.OneOf(typeRaw, "type", Types, errors);
        var scoreRaw = rows.Get(_score);
        int? score = null;
        if (scoreRaw is null) errors.Add("score is empty");
        else if (type is not null && SurveyTypes.Range(type) is var (min, max))
            score = Fields.Int(scoreRaw, "score", errors, min, max);
        var respondedRaw = rows.Get(_responded);
        if (respondedRaw is null) errors.Add("responded_at is empty");
        var responded = Fields.Timestamp(ctx.Zone, respondedRaw, "responded_at", errors);
        var comment = Fields.MaxLength(rows.Get(_comment), "comment", 20_000, errors);
        var contact = rows.Get(_contact);
        var customer = rows.Get(_customer);
        if (errors.Count > 0) return string.Join("; ", errors);

        var hash = ContentHash.Start().Add(type).Add(score!.Value).Add(comment).Add(respondedRaw).Add(contact).Add(customer).Value;
        // The comment's own language stands in for a survey whose contact is unknown (else the contact's language wins).
        var language = Languages.Detect(comment);
        comment = RedactOrNull(ctx, comment);
        WriteHeader(importer, rows, hash);
        importer.Write(id!, NpgsqlDbType.Text);
        importer.Write(type!, NpgsqlDbType.Text);
        importer.Write(score.Value, NpgsqlDbType.Integer);
        WriteNullable(importer, comment);
        importer.Write(responded!.Value, NpgsqlDbType.TimestampTz);
        WriteNullable(importer, contact);
        WriteNullable(importer, customer);
        WriteNullable(importer, language);
        return null;
    }

    protected override async Task<MergeCounts> MergeStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, int staged, CancellationToken ct)
    {
        await ExecuteAsync(conn, tx, """
            INSERT INTO customers (key) SELECT DISTINCT customer_key FROM stage WHERE customer_key IS NOT NULL
            ON CONFLICT (key) DO NOTHING
            """, ctx, ct);
        var (inserted, updated) = await UpsertAsync(conn, tx, """
            INSERT INTO survey_responses AS sr (source, source_id, type, score, comment, responded_utc, contact_id, contact_ref,
                customer_id, agent_id, reason_id, channel, queue, language, batch_id, content_hash)
            SELECT @source, s.source_id, s.type, s.score, s.comment, s.responded_utc, c.id, s.contact_ref,
                coalesce(cu.id, c.customer_id), c.agent_id, c.reason_id, c.channel, c.queue, coalesce(c.language, s.language), @batch, s.content_hash
            FROM stage s
            LEFT JOIN contacts c ON c.source = @source AND c.source_id = s.contact_ref
            LEFT JOIN customers cu ON cu.key = s.customer_key
            ON CONFLICT (source, source_id) DO UPDATE SET type = excluded.type, score = excluded.score, comment = excluded.comment,
                responded_utc = excluded.responded_utc, contact_id = excluded.contact_id, contact_ref = excluded.contact_ref,
                customer_id = excluded.customer_id, agent_id = excluded.agent_id, reason_id = excluded.reason_id,
                channel = excluded.channel, queue = excluded.queue, language = excluded.language, batch_id = excluded.batch_id, content_hash = excluded.content_hash
            WHERE sr.content_hash <> excluded.content_hash
            """, ctx, ct);
        return new MergeCounts(inserted, updated, staged - inserted - updated, 0);
    }
}
