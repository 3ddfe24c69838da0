using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.HostRotations;

public sealed class HostRotationConfiguration : IEntityTypeConfiguration<HostRotation>
{
    public void Configure(EntityTypeBuilder<HostRotation> e)
    {
        e.ToTable("host_rotations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        // One schedule per alliance and year: two first saves at once are one create and one conflict.
        e.HasIndex(x => new { x.AllianceId, x.Year }).IsUnique();
        e.HasMany(x => x.Slots).WithOne().HasForeignKey(s => s.RotationId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Slots).HasField("_slots").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class HostRotationSlotConfiguration : IEntityTypeConfiguration<HostRotationSlot>
{
    public void Configure(EntityTypeBuilder<HostRotationSlot> e)
    {
        e.ToTable("host_rotation_slots");
        e.HasKey(x => new { x.RotationId, x.Month });
        e.Property(x => x.RotationId).HasColumnName("rotation_id");
        e.Property(x => x.Month).HasColumnName("month");
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(HostRotation.MaxNoteLength);
        e.Ignore(x => x.External);
    }
}
