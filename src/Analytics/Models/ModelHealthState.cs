using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Models;

/// <summary>
/// An active model's alerts as of the daily watch's last check (<see cref="ModelHealthWatch"/>), kept so that a change
/// is mailed once and the health endpoint and /health/ready can say since when a model is in alert.
/// </summary>
public sealed class ModelHealthState
{
    public int ModelId { get; set; }
    /// <summary>reasons or sentiment.</summary>
    public required string Kind { get; set; }
    /// <summary>The codes of the alerting findings (<see cref="HealthFinding.Code"/>), in ordinal order.</summary>
    public List<string> Alerts { get; set; } = [];
    /// <summary>When the model went from no alert to some; null while it has none.</summary>
    public DateTime? AlertingSinceUtc { get; set; }
    /// <summary>When <see cref="Alerts"/> last changed (or the model was first checked).</summary>
    public DateTime ChangedUtc { get; set; }
    public DateTime CheckedUtc { get; set; }
}

internal sealed class ModelHealthStateConfiguration : IEntityTypeConfiguration<ModelHealthState>
{
    public void Configure(EntityTypeBuilder<ModelHealthState> b)
    {
        b.ToTable("model_health_states");
        b.HasKey(x => x.ModelId);
        b.Property(x => x.ModelId).ValueGeneratedNever();
        b.HasOne<ModelRecord>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
