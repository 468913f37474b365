using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Ingest.Loaders;

/// <summary>The contact-reason taxonomy: code, Dutch and English names, parent, owning department, avoidable.</summary>
public sealed class ReasonLoader : KindLoader
{
    private int _code, _parent, _nl, _en, _department, _avoidable;

    public override string Kind => IngestKinds.Reasons;
    public override string[] RequiredColumns => ["code", "name_nl"];
    protected override string StagingKey => "code";
    protected override string StagingColumns => "code text, parent_code text, name_nl text, name_en text, department text, avoidable boolean";

    public override void Bind(CsvRows rows)
    {
        _code = rows.Column("code"); _parent = rows.Column("parent_code"); _nl = rows.Column("name_nl");
        _en = rows.Column("name_en"); _department = rows.Column("department"); _avoidable = rows.Column("avoidable");
    }

    public override string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx)
    {
        var errors = new List<string>(0);
        var code = Fields.MaxLength(rows.Get(_code), "code", 64, errors);
        if (code is null && errors.Count == 0) errors.Add("code is empty");
        var nl = rows.Get(_nl);
        if (nl is null) errors.Add("name_nl is empty");
        var avoidable = Fields.Bool(rows.Get(_avoidable), "avoidable", errors);
        if (errors.Count > 0) return string.Join("; ", errors);
        string? parent = rows.Get(_parent), en = rows.Get(_en), department = rows.Get(_department)?.ToLowerInvariant();
        var hash = ContentHash.Start().Add(parent).Add(nl).Add(en).Add(department).Add(avoidable == true ? 1 : 0).Value;
        WriteHeader(importer, rows, hash);
        importer.Write(code!, NpgsqlDbType.Text);
        WriteNullable(importer, parent);
        importer.Write(nl!, NpgsqlDbType.Text);
        importer.Write(en ?? nl!, NpgsqlDbType.Text);
        importer.Write(department ?? "unassigned", NpgsqlDbType.Text);
        importer.Write(avoidable ?? false, NpgsqlDbType.Boolean);
        return null;
    }

    protected override async Task<MergeCounts> MergeStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, int staged, CancellationToken ct)
    {
        var quarantined = await QuarantineStagedAsync(conn, tx, ctx,
            "s.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stage p WHERE p.code = s.parent_code) " +
            "AND NOT EXISTS (SELECT 1 FROM contact_reasons r WHERE r.code = s.parent_code)",
            "format('parent_code ''%s'' is not a known reason code', parent_code)", ct);
        // The content hash lives only in staging for reasons: compare the columns themselves.
        var (inserted, updated) = await UpsertAsync(conn, tx, """
            INSERT INTO contact_reasons AS r (code, parent_code, name_nl, name_en, department, avoidable)
            SELECT code, parent_code, name_nl, name_en, department, avoidable FROM stage
            ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, name_nl = excluded.name_nl, name_en = excluded.name_en,
                department = excluded.department, avoidable = excluded.avoidable
            WHERE (r.parent_code, r.name_nl, r.name_en, r.department, r.avoidable)
                IS DISTINCT FROM (excluded.parent_code, excluded.name_nl, excluded.name_en, excluded.department, excluded.avoidable)
            """, ctx, ct);
        return new MergeCounts(inserted, updated, staged - quarantined - inserted - updated, quarantined);
    }
}
