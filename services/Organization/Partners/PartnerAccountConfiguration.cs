using Alliance.Organization.Alliances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Organization.Partners;

public sealed class PartnerAccountConfiguration : IEntityTypeConfiguration<PartnerAccount>
{
    public const string ActiveUserNameIndex = "ux_partner_accounts_active_user_name";

    public void Configure(EntityTypeBuilder<PartnerAccount> e)
    {
        e.ToTable("partner_accounts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(PartnerAccount.MaxUserNameLength).IsRequired();
        e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(PartnerAccount.MaxDisplayNameLength).IsRequired();
        e.Property(x => x.UnitKind).HasColumnName("unit_kind").HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(ExternalUnit.MaxNameLength).IsRequired();
        e.Property(x => x.Phone).HasColumnName("phone").HasMaxLength(PartnerAccount.MaxPhoneLength).IsRequired();
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(PartnerAccount.MaxUserNameLength).IsRequired();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
        e.Property(x => x.RevokedBy).HasColumnName("revoked_by").HasMaxLength(PartnerAccount.MaxUserNameLength);
        e.Property(x => x.RevokeReason).HasColumnName("revoke_reason").HasMaxLength(PartnerAccount.MaxReasonLength);
        e.Ignore(x => x.IsActive);
        // One active account per sign-in name: the name is what a token carries.
        e.HasIndex(x => x.UserName).IsUnique().HasFilter("revoked_at IS NULL").HasDatabaseName(ActiveUserNameIndex);
        e.HasIndex(x => new { x.UnitKind, x.UnitName });
    }
}
