using Alliance.Organization.Alliances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.Pairings;

public sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> e)
    {
        e.ToTable("pairings");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.OwnsOne(x => x.First, p => MapParty(p, "first"));
        e.OwnsOne(x => x.Second, p => MapParty(p, "second"));
        e.Navigation(x => x.First).IsRequired();
        e.Navigation(x => x.Second).IsRequired();
        e.Property(x => x.TenantId).HasColumnName("tenant_id");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(AgreementTerms.MaxTitleLength).IsRequired();
        e.Property(x => x.SignedOn).HasColumnName("signed_on");
        e.Property(x => x.ExpiresOn).HasColumnName("expires_on");
        e.Property(x => x.EndedOn).HasColumnName("ended_on");
        e.Property(x => x.EndReason).HasColumnName("end_reason").HasMaxLength(500);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Current);
        e.HasMany(x => x.Agreements).WithOne().HasForeignKey(a => a.PairingId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Agreements).HasField("_agreements").UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasIndex(x => new { x.TenantId, x.ExpiresOn });
        e.HasIndex(x => x.ExpiresOn);
    }

    static void MapParty(OwnedNavigationBuilder<Pairing, PairingParty> p, string prefix)
    {
        p.Property(x => x.OrganizationId).HasColumnName($"{prefix}_organization_id");
        p.Property(x => x.SubsidiaryId).HasColumnName($"{prefix}_subsidiary_id");
        p.Property(x => x.ExternalKind).HasColumnName($"{prefix}_external_kind").HasConversion<string>().HasMaxLength(30);
        p.Property(x => x.Name).HasColumnName($"{prefix}_name").HasMaxLength(ExternalUnit.MaxNameLength).IsRequired();
        p.Property(x => x.ContactName).HasColumnName($"{prefix}_contact_name").HasMaxLength(ExternalUnit.MaxContactLength);
        p.Property(x => x.ContactPhone).HasColumnName($"{prefix}_contact_phone").HasMaxLength(ExternalUnit.MaxContactLength);
        p.Ignore(x => x.External);
        p.HasIndex(x => x.SubsidiaryId);
    }
}

public sealed class PairingAgreementConfiguration : IEntityTypeConfiguration<PairingAgreement>
{
    public void Configure(EntityTypeBuilder<PairingAgreement> e)
    {
        e.ToTable("pairing_agreements");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.PairingId).HasColumnName("pairing_id");
        e.Property(x => x.Sequence).HasColumnName("sequence");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(AgreementTerms.MaxTitleLength).IsRequired();
        e.Property(x => x.Obligations).HasColumnName("obligations").HasMaxLength(AgreementTerms.MaxObligationsLength).IsRequired();
        e.Property(x => x.SignedOn).HasColumnName("signed_on");
        e.Property(x => x.ExpiresOn).HasColumnName("expires_on");
        e.Property(x => x.DocumentFileName).HasColumnName("document_file_name").HasMaxLength(AgreementDocument.MaxFileNameLength);
        e.Property(x => x.DocumentContentType).HasColumnName("document_content_type").HasMaxLength(100);
        e.Property(x => x.DocumentSizeBytes).HasColumnName("document_size_bytes");
        e.Property(x => x.DocumentSha256).HasColumnName("document_sha256").HasMaxLength(64);
        e.Property(x => x.DocumentStorageKey).HasColumnName("document_storage_key").HasMaxLength(500);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Ignore(x => x.Document);
        e.HasIndex(x => new { x.PairingId, x.Sequence }).IsUnique();
    }
}
