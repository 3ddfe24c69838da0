using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Reporting.Supervision;

/// <summary>
/// A decision item of a joint meeting as its events leave it: its owner unit (from DecisionItemRecorded), due date, and
/// state and colour (from the latest event by time, <see cref="StateAt"/>; verified and cancelled are final).
/// <see cref="VerifiedOn"/> is the group-calendar day it was verified.
/// </summary>
public sealed class DecisionItemView
{
    public const string Verified = "verified";
    public const string Cancelled = "cancelled";

    public Guid DecisionItemId { get; set; }
    public Guid AllianceId { get; set; }
    public Guid? OwnerMemberUnitId { get; set; }
    public Guid? OwnerOrganizationId { get; set; }
    public DateOnly DueOn { get; set; }
    public string State { get; set; } = "open";
    public string Colour { get; set; } = "green";
    public DateTimeOffset StateAt { get; set; }
    public DateOnly? VerifiedOn { get; set; }

    public bool Closed => State is Verified or Cancelled;
}

public sealed class DecisionItemViewConfiguration : IEntityTypeConfiguration<DecisionItemView>
{
    public void Configure(EntityTypeBuilder<DecisionItemView> e)
    {
        e.ToTable("decision_item_views");
        e.HasKey(x => x.DecisionItemId);
        e.Property(x => x.DecisionItemId).HasColumnName("decision_item_id");
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.OwnerMemberUnitId).HasColumnName("owner_member_unit_id");
        e.Property(x => x.OwnerOrganizationId).HasColumnName("owner_organization_id");
        e.Property(x => x.DueOn).HasColumnName("due_on");
        e.Property(x => x.State).HasColumnName("state").HasMaxLength(20);
        e.Property(x => x.Colour).HasColumnName("colour").HasMaxLength(10);
        e.Property(x => x.StateAt).HasColumnName("state_at");
        e.Property(x => x.VerifiedOn).HasColumnName("verified_on");
        e.Ignore(x => x.Closed);
        e.HasIndex(x => x.DueOn);
        e.HasIndex(x => x.AllianceId);
    }
}
