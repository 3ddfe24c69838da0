using Alliance.Organization.Alliances;

namespace Alliance.Organization.Partners;

/// <summary>
/// An account of a partner (合作单位人员): a person of an external unit of an alliance, who signs in with the role
/// <c>partner</c> under <see cref="UserName"/>. The account names the unit by kind and name, as alliances record their
/// external member units, so its holder reaches every alliance the unit is a current member of (and only those).
/// Revoking keeps the row, with who revoked it and why; a revoked user name may be given a new account.
/// </summary>
public sealed class PartnerAccount
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 50;
    public const int MaxPhoneLength = 30;
    public const int MaxReasonLength = 200;

    public Guid Id { get; private set; }
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public ExternalUnitKind UnitKind { get; private set; }
    public string UnitName { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public string? RevokeReason { get; private set; }

    private PartnerAccount() { }

    public bool IsActive => RevokedAt is null;

    public static PartnerAccount Create(string userName, string displayName, string phone, ExternalUnit unit, string createdBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserName = userName.Trim(),
        DisplayName = displayName.Trim(),
        Phone = phone.Trim(),
        UnitKind = unit.Kind,
        UnitName = unit.Name,
        CreatedBy = createdBy,
        CreatedAt = now,
    };

    /// <returns>false when it was revoked already (the first revocation stands).</returns>
    public bool Revoke(string by, string reason, DateTimeOffset now)
    {
        if (!IsActive) return false;
        RevokedAt = now;
        RevokedBy = by;
        RevokeReason = reason.Trim();
        return true;
    }
}
