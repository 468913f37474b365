using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Ingestion.Feeds;

/// <summary>The last judgement of one feed (source and kind), kept so the API and health can read it cheaply.</summary>
public sealed class FeedState
{
    /// <summary>"key:NAME" for uploads with an API key, the survey pull's name, or "files" (CLI and drop folder).</summary>
    public required string Source { get; set; }
    public required string Kind { get; set; }
    /// <summary>ok, learning, late, low-volume.</summary>
    public required string State { get; set; }
    public DateTime? LastDeliveryUtc { get; set; }
    public double MissedDeliveries { get; set; }
    public long UsualRows { get; set; }
    public long RecentRows { get; set; }
    /// <summary>When the feed entered its state.</summary>
    public DateTime SinceUtc { get; set; }
    public DateTime CheckedUtc { get; set; }
}

internal sealed class FeedStateConfiguration : IEntityTypeConfiguration<FeedState>
{
    public void Configure(EntityTypeBuilder<FeedState> b) => b.HasKey(x => new { x.Source, x.Kind });
}
