using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.Alliances;

public sealed class PartyAllianceConfiguration : IEntityTypeConfiguration<PartyAlliance>
{
    public void Configure(EntityTypeBuilder<PartyAlliance> e)
    {
        e.ToTable("alliances");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(PartyAlliance.MaxNameLength).IsRequired();
        e.Property(x => x.Theme).HasColumnName("theme").HasMaxLength(PartyAlliance.MaxThemeLength).IsRequired();
        e.Property(x => x.Plan).HasColumnName("plan").HasMaxLength(PartyAlliance.MaxPlanLength).IsRequired();
        e.Property(x => x.LeadOrganizationId).HasColumnName("lead_organization_id");
        e.Property(x => x.LeadSubsidiaryId).HasColumnName("lead_subsidiary_id");
        e.Property(x => x.LeadMemberUnitId).HasColumnName("lead_member_unit_id");
        e.Property(x => x.FormedOn).HasColumnName("formed_on");
        e.Property(x => x.TemporaryBranchOrganizationId).HasColumnName("temporary_branch_organization_id");
        e.Property(x => x.TemporaryBranchUnitIds).HasColumnName("temporary_branch_unit_ids");
        e.Property(x => x.RotationOrder).HasColumnName("rotation_order");
        e.Property(x => x.RotationStartsOn).HasColumnName("rotation_starts_on");
        e.Property(x => x.RotationPeriodMonths).HasColumnName("rotation_period_months");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.CurrentMembers);
        e.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.AllianceId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasIndex(x => x.Name);
        e.HasIndex(x => x.LeadSubsidiaryId);
        e.HasOne<Organizations.PartyOrganization>().WithMany().HasForeignKey(x => x.LeadOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AllianceMemberUnitConfiguration : IEntityTypeConfiguration<AllianceMemberUnit>
{
    public void Configure(EntityTypeBuilder<AllianceMemberUnit> e)
    {
        e.ToTable("alliance_member_units");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.ExternalKind).HasColumnName("external_kind").HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(ExternalUnit.MaxNameLength).IsRequired();
        e.Property(x => x.ContactName).HasColumnName("contact_name").HasMaxLength(ExternalUnit.MaxContactLength);
        e.Property(x => x.ContactPhone).HasColumnName("contact_phone").HasMaxLength(ExternalUnit.MaxContactLength);
        e.Property(x => x.JoinedOn).HasColumnName("joined_on");
        e.Property(x => x.LeftOn).HasColumnName("left_on");
        e.Ignore(x => x.External);
        e.Ignore(x => x.IsInternal);
        e.Ignore(x => x.IsCurrent);
        // Visibility is "a current member unit in my subsidiary": this index answers it.
        e.HasIndex(x => new { x.SubsidiaryId, x.AllianceId }).HasFilter("left_on IS NULL");
        e.HasOne<Organizations.PartyOrganization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
