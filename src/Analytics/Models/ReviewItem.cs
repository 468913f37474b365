using Analytics.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Models;

/// <summary>
/// One contact of a month's review sample: drawn at random (not chosen by anyone) so that the analysts' labels give
/// an unbiased live accuracy. <see cref="Label"/> stays null until an analyst has labelled it.
/// </summary>
public sealed class ReviewItem
{
    public long Id { get; set; }
    /// <summary>reasons or sentiment.</summary>
    public required string Kind { get; set; }
    /// <summary>The first local day of the sampled month.</summary>
    public DateOnly Month { get; set; }
    public long ContactId { get; set; }
    public DateTime DrawnUtc { get; set; }
    public string? Label { get; set; }
    public DateTime? LabelledUtc { get; set; }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> b)
    {
        b.ToTable("review_items");
        // A contact sits in one month, so it is drawn at most once per kind: re-drawing a month adds nothing.
        b.HasIndex(x => new { x.Kind, x.ContactId }).IsUnique();
        b.HasIndex(x => new { x.Kind, x.Month });
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
