using Alliance.Organization.Organizations;
using Alliance.Organization.Subsidiaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.People;

public sealed class PersonMapping : IEntityTypeConfiguration<Person>
{
    public const string IdNumberIndex = "ix_people_subsidiary_id_id_number_hash";

    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable("people");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(Person.MaxNameLength).IsRequired();
        e.Property(x => x.NameSearch).HasColumnName("name_search");
        e.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.EmployeeNumber).HasColumnName("employee_number").HasMaxLength(Person.MaxEmployeeNumberLength);
        e.Property(x => x.IdNumberCipher).HasColumnName("id_number_cipher");
        e.Property(x => x.IdNumberHash).HasColumnName("id_number_hash").HasMaxLength(64);
        e.Property(x => x.PhoneCipher).HasColumnName("phone_cipher");
        e.Property(x => x.ManagementPost).HasColumnName("management_post").HasMaxLength(Person.MaxManagementPostLength);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.HasIndex(x => new { x.SubsidiaryId, x.Name });
        // HR records match people by employee number (HrEmployeeSync; a file's batch asks for 2,000 at once).
        e.HasIndex(x => new { x.SubsidiaryId, x.EmployeeNumber }).HasDatabaseName("ix_people_subsidiary_id_employee_number");
        // search: name LIKE '%…%' OR name_search LIKE '%…%' (docs/adr/0006-pinyin-search.md).
        e.HasIndex(x => x.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_people_name_trgm");
        e.HasIndex(x => x.NameSearch).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_people_name_search_trgm");
        // One person per ID number in a subsidiary.
        e.HasIndex(x => new { x.SubsidiaryId, x.IdNumberHash }).IsUnique().HasFilter("id_number_hash IS NOT NULL").HasDatabaseName(IdNumberIndex);
        e.HasOne<Subsidiary>().WithMany().HasForeignKey(x => x.SubsidiaryId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Memberships).WithOne().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Memberships).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(x => x.Roles).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.CurrentMembership);
        e.Ignore(x => x.IsMember);
    }
}

public sealed class MembershipPeriodMapping : IEntityTypeConfiguration<MembershipPeriod>
{
    public void Configure(EntityTypeBuilder<MembershipPeriod> e)
    {
        e.ToTable("membership_periods");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.From).HasColumnName("from_date");
        e.Property(x => x.To).HasColumnName("to_date");
        e.HasIndex(x => x.PersonId);
        // Current members of an organization: the open periods.
        e.HasIndex(x => x.OrganizationId).HasFilter("to_date IS NULL");
        e.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OrganizationRoleMapping : IEntityTypeConfiguration<OrganizationRole>
{
    /// <summary>
    /// An exclusion constraint (btree_gist, added by the OneSecretaryPerPeriod migration in SQL, as EF Core has no API for
    /// it): no two secretary roles of one organization overlap in time.
    /// </summary>
    public const string OneSecretaryConstraint = "ex_organization_roles_one_secretary";

    public void Configure(EntityTypeBuilder<OrganizationRole> e)
    {
        e.ToTable("organization_roles");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.StartsOn).HasColumnName("starts_on");
        e.Property(x => x.EndsOn).HasColumnName("ends_on");
        e.HasIndex(x => x.PersonId);
        e.HasIndex(x => new { x.OrganizationId, x.Role });
        e.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
