using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.ServiceCenters;

public sealed class ServiceCenterConfiguration : IEntityTypeConfiguration<ServiceCenter>
{
    public void Configure(EntityTypeBuilder<ServiceCenter> e)
    {
        e.ToTable("service_centers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(ServiceCenterDetails.MaxNameLength).IsRequired();
        e.Property(x => x.NameSearch).HasColumnName("name_search");
        e.Property(x => x.Address).HasColumnName("address").HasMaxLength(ServiceCenterDetails.MaxAddressLength).IsRequired();
        e.Property(x => x.Capacity).HasColumnName("capacity");
        e.Property(x => x.OwnerOrganizationId).HasColumnName("owner_organization_id");
        e.Property(x => x.OwnerName).HasColumnName("owner_name").HasMaxLength(Organizations.PartyOrganization.MaxNameLength).IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.ContactName).HasColumnName("contact_name").HasMaxLength(ServiceCenterDetails.MaxContactLength);
        e.Property(x => x.ContactPhone).HasColumnName("contact_phone").HasMaxLength(ServiceCenterDetails.MaxContactLength);
        e.Property(x => x.OpeningHours).HasColumnName("opening_hours").HasMaxLength(ServiceCenterDetails.MaxOpeningHoursLength);
        e.Property(x => x.Facilities).HasColumnName("facilities").HasMaxLength(ServiceCenterDetails.MaxFacilitiesLength);
        e.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ClosedOn).HasColumnName("closed_on");
        e.Property(x => x.CloseReason).HasColumnName("close_reason").HasMaxLength(ServiceCenter.MaxCloseReasonLength);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.IsOpen);
        e.HasMany(x => x.Shares).WithOne().HasForeignKey(s => s.ServiceCenterId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Shares).HasField("_shares").UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasIndex(x => new { x.SubsidiaryId, x.Name });
        e.HasIndex(x => x.OwnerOrganizationId);
        // search: name LIKE '%…%' OR name_search LIKE '%…%' (docs/adr/0006-pinyin-search.md).
        e.HasIndex(x => x.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_service_centers_name_trgm");
        e.HasIndex(x => x.NameSearch).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_service_centers_name_search_trgm");
        e.HasOne<Organizations.PartyOrganization>().WithMany().HasForeignKey(x => x.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Subsidiaries.Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ServiceCenterShareConfiguration : IEntityTypeConfiguration<ServiceCenterShare>
{
    public void Configure(EntityTypeBuilder<ServiceCenterShare> e)
    {
        e.ToTable("service_center_shares");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ServiceCenterId).HasColumnName("service_center_id");
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(Alliances.PartyAlliance.MaxNameLength).IsRequired();
        e.Property(x => x.SharedFrom).HasColumnName("shared_from");
        e.Property(x => x.SharedUntil).HasColumnName("shared_until");
        // "Centers shared with this alliance" and visibility through alliances read by alliance.
        e.HasIndex(x => new { x.AllianceId, x.ServiceCenterId });
        e.HasOne<Alliances.PartyAlliance>().WithMany().HasForeignKey(x => x.AllianceId).OnDelete(DeleteBehavior.Restrict);
    }
}
