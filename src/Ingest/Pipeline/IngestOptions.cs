using System.ComponentModel.DataAnnotations;

namespace Analytics.Ingest.Pipeline;

/// <summary>The "Ingest" settings of the pipeline itself, validated when the host starts.</summary>
public sealed class IngestOptions
{
    /// <summary>
    /// The longest line a file may have, in bytes; a longer one is quarantined as "line too long" without being held
    /// whole (<see cref="LineLimit"/>), and the reader's buffer is about this size.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = CsvRows.DefaultMaxLineBytes;
}
