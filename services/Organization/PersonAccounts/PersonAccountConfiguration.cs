using Alliance.Organization.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.PersonAccounts;

public sealed class PersonAccountConfiguration : IEntityTypeConfiguration<PersonAccount>
{
    public const string ActiveUserNameIndex = "ux_person_accounts_active_user_name";
    public const string ActivePersonIndex = "ux_person_accounts_active_person";

    public void Configure(EntityTypeBuilder<PersonAccount> e)
    {
        e.ToTable("person_accounts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(PersonAccount.MaxUserNameLength).IsRequired();
        e.Property(x => x.PersonId).HasColumnName("person_id");
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.LinkedBy).HasColumnName("linked_by").HasMaxLength(PersonAccount.MaxUserNameLength).IsRequired();
        e.Property(x => x.LinkedAt).HasColumnName("linked_at");
        e.Property(x => x.UnlinkedAt).HasColumnName("unlinked_at");
        e.Property(x => x.UnlinkedBy).HasColumnName("unlinked_by").HasMaxLength(PersonAccount.MaxUserNameLength);
        e.Ignore(x => x.IsActive);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        // The name is what a token carries; a person is one user.
        e.HasIndex(x => x.UserName).IsUnique().HasFilter("unlinked_at IS NULL").HasDatabaseName(ActiveUserNameIndex);
        e.HasIndex(x => x.PersonId).IsUnique().HasFilter("unlinked_at IS NULL").HasDatabaseName(ActivePersonIndex);
        e.HasIndex(x => x.SubsidiaryId);
    }
}
