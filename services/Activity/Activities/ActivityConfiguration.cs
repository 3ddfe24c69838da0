using Alliance.Activity.ActivityTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Activities;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    /// <summary>
    /// No two bookings of one service center overlap: EXCLUDE USING gist (service_center_id WITH =, tstzrange(starts_at,
    /// ends_at) WITH &amp;&amp;) over rows that are not cancelled (migration ActivitiesAndTypes). Two concurrent requests
    /// cannot both win; the loser gets a field error on venue.serviceCenterId.
    /// </summary>
    public const string BookingConstraint = "ex_activities_service_center_booking";

    public void Configure(EntityTypeBuilder<Activity> e)
    {
        e.ToTable("activities");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(Activity.MaxTitleLength).IsRequired();
        e.Property(x => x.TypeId).HasColumnName("type_id");
        e.Property(x => x.TypeCode).HasColumnName("type_code").HasMaxLength(ActivityType.MaxCodeLength).IsRequired();
        e.Property(x => x.Measure).HasColumnName("measure").HasConversion(m => m.Name(), s => JointMeasures.FromName(s)!.Value).HasMaxLength(20);
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200);
        e.Property(x => x.PairingId).HasColumnName("pairing_id");
        e.Property(x => x.PairingTitle).HasColumnName("pairing_title").HasMaxLength(200);
        e.Property(x => x.VisibleSubsidiaryIds).HasColumnName("visible_subsidiary_ids");
        e.Property(x => x.StartsAt).HasColumnName("starts_at");
        e.Property(x => x.EndsAt).HasColumnName("ends_at");
        e.Property(x => x.ServiceCenterId).HasColumnName("service_center_id");
        e.Property(x => x.VenueName).HasColumnName("venue_name").HasMaxLength(200);
        e.Property(x => x.VenueAddress).HasColumnName("venue_address").HasMaxLength(Activity.MaxAddressLength).IsRequired();
        e.Property(x => x.Agenda).HasColumnName("agenda").HasMaxLength(Activity.MaxAgendaLength);
        e.Property(x => x.OutcomeNotes).HasColumnName("outcome_notes").HasMaxLength(Activity.MaxOutcomeLength);
        e.Property(x => x.Status).HasColumnName("status")
            .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<ActivityStatus>(s, true)).HasMaxLength(20);
        e.Property(x => x.CancelReason).HasColumnName("cancel_reason").HasMaxLength(Activity.MaxReasonLength);
        e.Property(x => x.HeldAt).HasColumnName("held_at");
        e.Property(x => x.CancelledAt).HasColumnName("cancelled_at");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Changes);
        e.HasMany(x => x.Hosts).WithOne().HasForeignKey(h => h.ActivityId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Hosts).HasField("_hosts").UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasOne<ActivityType>().WithMany().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
        // The calendar and the period filter read by start; visibility by subsidiary (GIN over the array) and alliance.
        e.HasIndex(x => x.StartsAt);
        e.HasIndex(x => new { x.AllianceId, x.StartsAt });
        e.HasIndex(x => new { x.PairingId, x.StartsAt });
        e.HasIndex(x => new { x.ServiceCenterId, x.StartsAt });
        e.HasIndex(x => x.VisibleSubsidiaryIds).HasMethod("gin");
        e.HasIndex(x => x.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_activities_title_trgm");
    }
}

public sealed class ActivityHostConfiguration : IEntityTypeConfiguration<ActivityHost>
{
    public void Configure(EntityTypeBuilder<ActivityHost> e)
    {
        e.ToTable("activity_hosts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ActivityId).HasColumnName("activity_id");
        e.Property(x => x.Position).HasColumnName("position");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
        e.Ignore(x => x.External);
        e.HasIndex(x => x.ActivityId);
        e.HasIndex(x => x.OrganizationId);
    }
}

public sealed class ActivityChangeConfiguration : IEntityTypeConfiguration<ActivityChange>
{
    public void Configure(EntityTypeBuilder<ActivityChange> e) => e.IsAuditLogOf<ActivityChange, Activity>("activity_changes", x => x.ActivityId, "activity_id");
}
