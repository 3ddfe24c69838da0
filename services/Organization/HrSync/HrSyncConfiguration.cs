using Alliance.Organization.Subsidiaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.HrSync;

public sealed class HrUserConfiguration : IEntityTypeConfiguration<HrUser>
{
    public const string UserNameIndex = "ix_hr_users_subsidiary_id_user_name_key";

    public void Configure(EntityTypeBuilder<HrUser> e)
    {
        e.ToTable("hr_users");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(HrUser.MaxUserNameLength).IsRequired();
        e.Property(x => x.UserNameKey).HasColumnName("user_name_key").HasMaxLength(HrUser.MaxUserNameLength).IsRequired();
        e.Property(x => x.ExternalId).HasColumnName("external_id").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.EmployeeNumber).HasColumnName("employee_number").HasMaxLength(People.Person.MaxEmployeeNumberLength);
        e.Property(x => x.Active).HasColumnName("active");
        e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.FamilyName).HasColumnName("family_name").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.GivenName).HasColumnName("given_name").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.Department).HasColumnName("department").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.Organization).HasColumnName("organization").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.ManagerId).HasColumnName("manager_id").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.EmailsJson).HasColumnName("emails").HasColumnType("jsonb").IsRequired();
        e.Property(x => x.EmailValues).HasColumnName("email_values").IsRequired();
        e.Property(x => x.ScimJson).HasColumnName("scim_json").HasColumnType("jsonb").IsRequired();
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.LastModified).HasColumnName("last_modified");
        e.Property(x => x.DeletedAt).HasColumnName("deleted_at");
        e.Property(x => x.HrUpdatedAt).HasColumnName("hr_updated_at");
        e.Ignore(x => x.Employment);
        e.HasQueryFilter(x => x.DeletedAt == null);
        e.HasIndex(x => new { x.SubsidiaryId, x.UserNameKey }).IsUnique().HasFilter("deleted_at IS NULL").HasDatabaseName(UserNameIndex);
        e.HasIndex(x => new { x.SubsidiaryId, x.ExternalId });
        e.HasIndex(x => new { x.SubsidiaryId, x.EmployeeNumber });
        e.HasIndex(x => new { x.SubsidiaryId, x.LastModified });
        e.HasIndex(x => x.EmailValues).HasMethod("gin");
        e.HasIndex(x => x.PersonId);
        e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HrGroupConfiguration : IEntityTypeConfiguration<HrGroup>
{
    public void Configure(EntityTypeBuilder<HrGroup> e)
    {
        e.ToTable("hr_groups");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(HrGroup.MaxDisplayNameLength).IsRequired();
        e.Property(x => x.ExternalId).HasColumnName("external_id").HasMaxLength(HrUser.MaxTextLength);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.LastModified).HasColumnName("last_modified");
        e.HasIndex(x => new { x.SubsidiaryId, x.DisplayName });
        e.HasIndex(x => new { x.SubsidiaryId, x.ExternalId });
        e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HrGroupMemberConfiguration : IEntityTypeConfiguration<HrGroupMember>
{
    public void Configure(EntityTypeBuilder<HrGroupMember> e)
    {
        e.ToTable("hr_group_members");
        e.HasKey(x => new { x.GroupId, x.MemberId });
        e.Property(x => x.GroupId).HasColumnName("group_id");
        e.Property(x => x.MemberId).HasColumnName("member_id");
        e.Property(x => x.MemberType).HasColumnName("member_type").HasMaxLength(10).IsRequired();
        e.HasIndex(x => x.MemberId);
        e.HasOne<HrGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class HrClientCredentialConfiguration : IEntityTypeConfiguration<HrClientCredential>
{
    public void Configure(EntityTypeBuilder<HrClientCredential> e)
    {
        e.ToTable("hr_clients");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(HrClientCredential.MaxNameLength).IsRequired();
        e.Property(x => x.SecretSha256).HasColumnName("secret_sha256").HasMaxLength(64).IsRequired();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200).IsRequired();
        e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
        e.Ignore(x => x.IsRevoked);
        e.HasIndex(x => x.SecretSha256).IsUnique();
        e.HasIndex(x => x.SubsidiaryId);
        e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}
