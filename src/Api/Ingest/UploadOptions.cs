using System.ComponentModel.DataAnnotations;

namespace Analytics.Api.Ingest;

/// <summary>The "Ingest" settings the upload endpoint reads, validated when the host starts.</summary>
internal sealed class UploadOptions
{
    /// <summary>The largest upload accepted; larger ones are refused with 413 before a byte is spooled.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;
}
