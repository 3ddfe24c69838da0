using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Reporting.Activities;

/// <summary>
/// An activity as its events leave it: what it is counted by (type, joint measure, alliance or pairing, month of its
/// start on the group calendar) and its status. Details follow the latest event by time (<see cref="DetailsAt"/>); held
/// and cancelled are final, whichever order the events arrive in.
/// </summary>
public sealed class ActivityView
{
    public const string Planned = "planned";
    public const string Held = "held";
    public const string Cancelled = "cancelled";

    public Guid ActivityId { get; set; }
    public Guid SubsidiaryId { get; set; }
    public Guid TypeId { get; set; }
    public string? TypeCode { get; set; }
    public string Measure { get; set; } = "";
    public Guid? AllianceId { get; set; }
    public Guid? PairingId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateOnly Month { get; set; }
    public string Status { get; set; } = Planned;
    public DateTimeOffset DetailsAt { get; set; }
}

/// <summary>A host of an activity, in its order: an organization of the group (with its subsidiary) or an alliance member unit.</summary>
public sealed class ActivityHostView
{
    public Guid ActivityId { get; set; }
    public int Position { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? SubsidiaryId { get; set; }
    public Guid? MemberUnitId { get; set; }
    public string Name { get; set; } = "";
    public bool External { get; set; }
}

public sealed class ActivityViewConfiguration : IEntityTypeConfiguration<ActivityView>
{
    public void Configure(EntityTypeBuilder<ActivityView> e)
    {
        e.ToTable("activity_views");
        e.HasKey(x => x.ActivityId);
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.TypeId).HasColumnName("type_id");
        e.Property(x => x.TypeCode).HasColumnName("type_code").HasMaxLength(50);
        e.Property(x => x.Measure).HasColumnName("measure").HasMaxLength(20);
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.PairingId).HasColumnName("pairing_id");
        e.Property(x => x.StartsAt).HasColumnName("starts_at");
        e.Property(x => x.Month).HasColumnName("month");
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(10);
        e.Property(x => x.DetailsAt).HasColumnName("details_at");
        e.HasIndex(x => x.Month);
        e.HasIndex(x => x.AllianceId);
    }
}

public sealed class ActivityHostViewConfiguration : IEntityTypeConfiguration<ActivityHostView>
{
    public void Configure(EntityTypeBuilder<ActivityHostView> e)
    {
        e.ToTable("activity_host_views");
        e.HasKey(x => new { x.ActivityId, x.Position });
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.Position).HasColumnName("position");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.External).HasColumnName("external");
        e.HasIndex(x => new { x.SubsidiaryId, x.ActivityId });
        e.HasIndex(x => x.OrganizationId);
    }
}
