using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Loaders;

/// <summary>Speaker turns of a call or chat, one row per turn; the contact must already be known.</summary>
public sealed class TranscriptLoader : KindLoader
{
    private static readonly string[] Speakers = ["agent", "customer"];
    private int _contact, _seq, _speaker, _start, _end, _text;

    public override string Kind => IngestKinds.Transcripts;
    public override string[] RequiredColumns => ["contact_id", "seq", "speaker", "text"];
    protected override string StagingKey => "contact_ref, seq";
    protected override string AnalyzedColumns => "contact_ref, seq";
    protected override string StagingColumns => "contact_ref text COLLATE \"C\", seq int, speaker text, start_ms int, end_ms int, text text";

    public override void Bind(CsvRows rows)
    {
        _contact = rows.Column("contact_id"); _seq = rows.Column("seq"); _speaker = rows.Column("speaker");
        _start = rows.Column("start_ms"); _end = rows.Column("end_ms"); _text = rows.Column("text");
    }

    public override string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx)
    {
        var errors = new List<string>(0);
        var contact = rows.Get(_contact);
        if (contact is null) errors.Add("contact_id is empty");
        var seqRaw = rows.Get(_seq);
        if (seqRaw is null) errors.Add("seq is empty");
        var seq = Fields.Int(seqRaw, "seq", errors, 0, 100_000);
        var speakerRaw = rows.Get(_speaker);
        if (speakerRaw is null) errors.Add("speaker is empty");
        var speaker = Fields.OneOf(speakerRaw, "speaker", Speakers, errors);
        var start = Fields.Int(rows.Get(_start), "start_ms", errors, 0);
        var end = Fields.Int(rows.Get(_end), "end_ms", errors, 0);
        if (start is not null && end is not null && end < start) errors.Add("end_ms is before start_ms");
        var text = Fields.MaxLength(rows.Get(_text), "text", 20_000, errors);
        if (errors.Count > 0) return string.Join("; ", errors);

        var hash = ContentHash.Start().Add(speaker).Add(start ?? 0).Add(end ?? 0).Add(text).Value;
        text = RedactOrNull(ctx, text) ?? "";
        WriteHeader(importer, rows, hash);
        importer.Write(contact!, NpgsqlDbType.Text);
        importer.Write(seq!.Value, NpgsqlDbType.Integer);
        importer.Write(speaker!, NpgsqlDbType.Text);
        importer.Write(start ?? 0, NpgsqlDbType.Integer);
        importer.Write(end ?? start ?? 0, NpgsqlDbType.Integer);
        importer.Write(text, NpgsqlDbType.Text);
        return null;
    }

    protected override async Task<MergeCounts> MergeStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, int staged, CancellationToken ct)
    {
        var quarantined = await QuarantineStagedAsync(conn, tx, ctx,
            "NOT EXISTS (SELECT 1 FROM contacts c WHERE c.source = @source AND c.source_id = s.contact_ref)",
            "format('contact_id ''%s'' is not a known contact (ingest the contacts file first)', contact_ref)", ct);
        var (inserted, updated) = await UpsertAsync(conn, tx, """
            INSERT INTO transcript_turns AS t (contact_id, seq, speaker, start_ms, end_ms, text, batch_id, content_hash)
            SELECT c.id, s.seq, s.speaker, s.start_ms, s.end_ms, s.text, @batch, s.content_hash
            FROM stage s JOIN contacts c ON c.source = @source AND c.source_id = s.contact_ref
            ON CONFLICT (contact_id, seq) DO UPDATE SET speaker = excluded.speaker, start_ms = excluded.start_ms,
                end_ms = excluded.end_ms, text = excluded.text, batch_id = excluded.batch_id, content_hash = excluded.content_hash
            WHERE t.content_hash <> excluded.content_hash
            """, ctx, ct);
        return new MergeCounts(inserted, updated, staged - quarantined - inserted - updated, quarantined);
    }
}
