using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Talent.Profiles;

/// <summary>Profiles with trigram indexes on every searched text (characters and pinyin keys), so 100,000 profiles search fast.</summary>
public sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>, IEntityTypeConfiguration<ProfileChange>
{
    public void Configure(EntityTypeBuilder<Profile> e)
    {
        e.ToTable("profiles");
        e.HasKey(x => x.PersonId);
        e.Property(x => x.PersonId).HasColumnName("person_id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(30);
        e.Property(x => x.PersonAt).HasColumnName("person_at");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.PartyStatus).HasColumnName("party_status").HasMaxLength(30);
        e.Property(x => x.JoinedOn).HasColumnName("joined_on");
        e.Property(x => x.OrganizationAt).HasColumnName("organization_at");
        e.Property(x => x.StatusAt).HasColumnName("status_at");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
        e.Property(x => x.Department).HasColumnName("department").HasMaxLength(200);
        e.Property(x => x.LeftInHr).HasColumnName("left_in_hr");
        e.Property(x => x.HrAt).HasColumnName("hr_at");
        e.Property(x => x.Skills).HasColumnName("skills");
        e.Property(x => x.Certificates).HasColumnName("certificates");
        e.Property(x => x.EducationLevel).HasColumnName("education_level").HasMaxLength(20);
        e.Property(x => x.Education).HasColumnName("education").HasMaxLength(500);
        e.Property(x => x.Positions).HasColumnName("positions");
        e.Property(x => x.BirthYear).HasColumnName("birth_year");
        e.Property(x => x.SearchText).HasColumnName("search_text");
        e.Property(x => x.SearchKey).HasColumnName("search_key");
        e.Property(x => x.SkillsText).HasColumnName("skills_text");
        e.Property(x => x.CertificatesText).HasColumnName("certificates_text");
        e.Property(x => x.TitleText).HasColumnName("title_text");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Ignore(x => x.IsPartyMember);
        e.HasIndex(x => new { x.SubsidiaryId, x.Name }).HasDatabaseName("ix_profiles_subsidiary_name");
        e.HasIndex(x => x.OrganizationId).HasDatabaseName("ix_profiles_organization");
        e.HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_profiles_search_text_trgm");
        e.HasIndex(x => x.SearchKey).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_profiles_search_key_trgm");
        e.HasIndex(x => x.SkillsText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_profiles_skills_text_trgm");
        e.HasIndex(x => x.CertificatesText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_profiles_certificates_text_trgm");
        e.HasIndex(x => x.TitleText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_profiles_title_text_trgm");
    }

    public void Configure(EntityTypeBuilder<ProfileChange> e)
    {
        e.ToTable("profile_changes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.Version).HasColumnName("version");
        e.Property(x => x.ChangedAt).HasColumnName("changed_at");
        e.Property(x => x.ChangedBy).HasColumnName("changed_by").HasMaxLength(200);
        e.Property(x => x.ChangedByRole).HasColumnName("changed_by_role").HasMaxLength(30);
        e.Property(x => x.FieldChanges).HasColumnName("field_changes").HasColumnType("jsonb");
        e.HasIndex(x => new { x.PersonId, x.Version }).IsUnique();
        e.HasOne<Profile>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
