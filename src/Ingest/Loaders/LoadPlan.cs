using Analytics.Ingest.Pipeline;
using Npgsql;

namespace Analytics.Ingest.Loaders;

/// <summary>What one pass over the file produced: rows read, rows refused while parsing, rows the COPY took.</summary>
public sealed record CopyResult(int Read, List<(int Line, string Raw, string Reason)> Quarantine, int Copied);

/// <summary>The pass whose rows were kept, and what the merge did with them.</summary>
public readonly record struct LoadOutcome(CopyResult Copy, MergeCounts Counts);

/// <summary>Copies the whole file again, from its first row, into <paramref name="plan"/>'s COPY.</summary>
public delegate CopyResult CopyAgain(LoadPlan plan);

/// <summary>
/// Where one file's rows go and how they are merged, chosen once per file before parsing: the plan owns its COPY
/// layout, its merge and, when its assumptions do not hold for the file, its own way out.
/// </summary>
public abstract class LoadPlan
{
    /// <summary>For the log: which plan a batch took.</summary>
    public abstract string Name { get; }
    public abstract string CopyCommand { get; }

    /// <summary>Validates the current row and writes it in this plan's layout, or answers why not.</summary>
    public abstract string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx);

    /// <summary>
    /// Merges what <paramref name="copy"/> wrote. A plan that finds it cannot keep those rows rolls its part back and
    /// may load the file through another plan with <paramref name="copyAgain"/>; the outcome names the pass it kept.
    /// </summary>
    public abstract Task<LoadOutcome> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, CopyResult copy,
        CopyAgain copyAgain, CancellationToken ct);
}

/// <summary>Every kind's plan: COPY into a temporary stage, then one set-based merge per table (see <see cref="KindLoader"/>).</summary>
public sealed class StagedPlan(KindLoader loader) : LoadPlan
{
    public override string Name => "through the staging table";
    public override string CopyCommand => loader.CopyCommand;
    public override string? TryStage(CsvRows rows, CopyRows importer, LoadContext ctx) => loader.TryStage(rows, importer, ctx);

    public override async Task<LoadOutcome> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoadContext ctx, CopyResult copy,
        CopyAgain copyAgain, CancellationToken ct) => new(copy, await loader.MergeAsync(conn, tx, ctx, copy.Copied, ct));
}
