using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.Organizations;

/// <summary>
/// The effective-dating columns of party_organizations (the rest of its mapping is in OrganizationDbContext) and the
/// change they record. Kept beside the feature; applied from the assembly after the context's own mapping.
/// </summary>
public sealed class PartyOrganizationHistoryMapping : IEntityTypeConfiguration<PartyOrganization>
{
    public void Configure(EntityTypeBuilder<PartyOrganization> e)
    {
        e.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.CreatedOn).HasColumnName("created_on");
        e.Property(x => x.LastChangedOn).HasColumnName("last_changed_on");
        e.Property(x => x.EndedOn).HasColumnName("ended_on");
        e.Property(x => x.MergedIntoId).HasColumnName("merged_into_id");
        e.Ignore(x => x.IsActive);
        e.HasMany(x => x.Changes).WithOne().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.Navigation(x => x.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OrganizationChangeMapping : IEntityTypeConfiguration<OrganizationChange>
{
    public void Configure(EntityTypeBuilder<OrganizationChange> e)
    {
        e.ToTable("organization_changes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.EffectiveOn).HasColumnName("effective_on");
        e.Property(x => x.OldName).HasColumnName("old_name").HasMaxLength(PartyOrganization.MaxNameLength);
        e.Property(x => x.NewName).HasColumnName("new_name").HasMaxLength(PartyOrganization.MaxNameLength);
        e.Property(x => x.OldParentId).HasColumnName("old_parent_id");
        e.Property(x => x.NewParentId).HasColumnName("new_parent_id");
        e.Property(x => x.MergedIntoId).HasColumnName("merged_into_id");
        e.Property(x => x.MergedFromId).HasColumnName("merged_from_id");
        e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
        e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(200);
        // One organization's history, newest first; a subsidiary's tree of a day; children moving in or out of a parent.
        e.HasIndex(x => new { x.OrganizationId, x.EffectiveOn });
        e.HasIndex(x => new { x.SubsidiaryId, x.EffectiveOn });
        e.HasIndex(x => x.OldParentId).HasFilter("old_parent_id IS NOT NULL");
        e.HasIndex(x => x.NewParentId).HasFilter("new_parent_id IS NOT NULL");
    }
}
