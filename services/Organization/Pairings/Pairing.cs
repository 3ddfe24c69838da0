using Alliance.Organization.Alliances;

namespace Alliance.Organization.Pairings;

public enum PairingStatus { Active, ExpiringSoon, Ended }

/// <summary>How close to expiry a pairing counts as expiring soon (configuration section "Pairings").</summary>
public sealed class PairingOptions
{
    public int ExpiringSoonDays { get; set; } = 30;
}

/// <summary>One side of a pairing: a party organization of the group, or an external unit with a contact person.</summary>
public sealed class PairingParty
{
    public Guid? OrganizationId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public ExternalUnitKind? ExternalKind { get; private set; }
    public string Name { get; private set; } = "";
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }

    private PairingParty() { }

    public static PairingParty Internal(Guid organizationId, Guid subsidiaryId, string name) =>
        new() { OrganizationId = organizationId, SubsidiaryId = subsidiaryId, Name = name.Trim() };

    public static PairingParty ForExternal(ExternalUnit unit) => new()
    {
        ExternalKind = unit.Kind, Name = unit.Name.Trim(), ContactName = unit.ContactName.Trim(), ContactPhone = unit.ContactPhone.Trim(),
    };

    public ExternalUnit? External => ExternalKind is { } kind ? new ExternalUnit(kind, Name, ContactName ?? "", ContactPhone ?? "") : null;

    public bool IsSameUnitAs(PairingParty other) => OrganizationId is { } id
        ? id == other.OrganizationId
        : other.OrganizationId is null && ExternalKind == other.ExternalKind && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The metadata of a signed agreement's scanned file; the file itself lives in document storage.</summary>
public sealed record AgreementDocument(string FileName, string ContentType, long SizeBytes, string Sha256, string StorageKey)
{
    public const int MaxFileNameLength = 255;
    public const long MaxSizeBytes = 100L * 1024 * 1024;
}

/// <summary>What the two sides agree to: a title, obligations, when it was signed and when it expires.</summary>
public sealed record AgreementTerms(string Title, string Obligations, DateOnly SignedOn, DateOnly ExpiresOn, AgreementDocument? Document)
{
    public const int MaxTitleLength = 200;
    public const int MaxObligationsLength = 20_000;
}

/// <summary>A co-building agreement (共建协议) of a pairing; renewals add one, earlier ones stay.</summary>
public sealed class PairingAgreement
{
    public Guid Id { get; private set; }
    public Guid PairingId { get; private set; }
    public int Sequence { get; private set; }
    public string Title { get; private set; } = "";
    public string Obligations { get; private set; } = "";
    public DateOnly SignedOn { get; private set; }
    public DateOnly ExpiresOn { get; private set; }
    public string? DocumentFileName { get; private set; }
    public string? DocumentContentType { get; private set; }
    public long? DocumentSizeBytes { get; private set; }
    public string? DocumentSha256 { get; private set; }
    public string? DocumentStorageKey { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private PairingAgreement() { }

    internal static PairingAgreement From(Guid pairingId, int sequence, AgreementTerms terms, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PairingId = pairingId,
        Sequence = sequence,
        Title = terms.Title.Trim(),
        Obligations = terms.Obligations.Trim(),
        SignedOn = terms.SignedOn,
        ExpiresOn = terms.ExpiresOn,
        DocumentFileName = terms.Document?.FileName.Trim(),
        DocumentContentType = terms.Document?.ContentType.Trim(),
        DocumentSizeBytes = terms.Document?.SizeBytes,
        DocumentSha256 = terms.Document?.Sha256.Trim(),
        DocumentStorageKey = terms.Document?.StorageKey.Trim(),
        CreatedAt = now,
    };

    public AgreementDocument? Document => DocumentFileName is null ? null
        : new AgreementDocument(DocumentFileName, DocumentContentType ?? "", DocumentSizeBytes ?? 0, DocumentSha256 ?? "", DocumentStorageKey ?? "");
}

/// <summary>
/// A pairing (结对共建): two units co-building under an agreement for a period. At least one side is a party
/// organization of the group; its subsidiary owns the pairing. The current agreement's dates are kept on the pairing
/// so lists can filter by status in the database.
/// </summary>
public sealed class Pairing
{
    readonly List<PairingAgreement> _agreements = [];

    public Guid Id { get; private set; }
    public PairingParty First { get; private set; } = null!;
    public PairingParty Second { get; private set; } = null!;
    public Guid TenantId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly SignedOn { get; private set; }
    public DateOnly ExpiresOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public string? EndReason { get; private set; }
    public IReadOnlyList<PairingAgreement> Agreements => _agreements;
    public DateTimeOffset CreatedAt { get; private set; }
    public long Version { get; private set; }

    private Pairing() { }

    /// <exception cref="AllianceRuleException">when neither side is of the group, both are the same unit, or the dates are inverted.</exception>
    public static Pairing Sign(PairingParty first, PairingParty second, AgreementTerms terms, DateTimeOffset now)
    {
        var tenant = first.SubsidiaryId ?? second.SubsidiaryId
            ?? throw new AllianceRuleException("first", "At least one side of a pairing must be a party organization of the group.");
        if (first.IsSameUnitAs(second)) throw new AllianceRuleException("second", "A unit cannot pair with itself.");
        EnsureDates(terms);
        var pairing = new Pairing { Id = Guid.CreateVersion7(now), First = first, Second = second, TenantId = tenant, CreatedAt = now, Version = 1 };
        pairing.Adopt(PairingAgreement.From(pairing.Id, 1, terms, now));
        return pairing;
    }

    /// <summary>The other side's subsidiary when it is of the group and not <see cref="TenantId"/>: the pairing counts for both.</summary>
    public Guid? PartnerSubsidiaryId =>
        new[] { First.SubsidiaryId, Second.SubsidiaryId }.FirstOrDefault(s => s is not null && s != TenantId);

    public PairingAgreement Current => _agreements.MaxBy(a => a.Sequence)!;

    /// <summary>Ended once ended by hand or past expiry; expiring soon within <paramref name="expiringSoonDays"/> of expiry.</summary>
    public PairingStatus StatusOn(DateOnly today, int expiringSoonDays) =>
        EndedOn is { } ended && ended <= today || ExpiresOn < today ? PairingStatus.Ended
        : ExpiresOn <= today.AddDays(expiringSoonDays) ? PairingStatus.ExpiringSoon
        : PairingStatus.Active;

    /// <summary>Continues the pairing under a new agreement; the earlier one stays in the history.</summary>
    /// <exception cref="AllianceRuleException">after the pairing was ended by hand, or when the new agreement does not extend the current one.</exception>
    public PairingAgreement Renew(AgreementTerms terms, DateTimeOffset now)
    {
        if (EndedOn is not null) throw new AllianceRuleException("id", "An ended pairing cannot be renewed; sign a new one.");
        EnsureDates(terms);
        if (terms.ExpiresOn <= ExpiresOn)
            throw new AllianceRuleException("agreement.expiresOn", $"A renewal must expire after the current agreement ({ExpiresOn:yyyy-MM-dd}).");
        var agreement = PairingAgreement.From(Id, Current.Sequence + 1, terms, now);
        Adopt(agreement);
        Version++;
        return agreement;
    }

    /// <exception cref="AllianceRuleException">when already ended, or ended before it was signed.</exception>
    public void End(DateOnly endedOn, string reason)
    {
        if (EndedOn is not null) throw new AllianceRuleException("id", "The pairing has already ended.");
        if (endedOn < Current.SignedOn) throw new AllianceRuleException("endedOn", "A pairing cannot end before its agreement was signed.");
        EndedOn = endedOn;
        EndReason = reason.Trim();
        Version++;
    }

    void Adopt(PairingAgreement agreement)
    {
        _agreements.Add(agreement);
        Title = agreement.Title;
        SignedOn = agreement.SignedOn;
        ExpiresOn = agreement.ExpiresOn;
    }

    static void EnsureDates(AgreementTerms terms)
    {
        if (terms.ExpiresOn <= terms.SignedOn) throw new AllianceRuleException("agreement.expiresOn", "must be after the signing date.");
    }
}
