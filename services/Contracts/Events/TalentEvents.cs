namespace Alliance.Contracts.Events;

// Talent events (issue 20). TenantId is the person's subsidiary. They carry ids, kinds, states and dates, never personal
// data beyond what reporting counts: whether the person is a party member and whether they are a talent.

/// <summary>What the talent service holds of a person changed (skills, certificates, education, positions), by an edit in the talent service.</summary>
public sealed record ProfileChanged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid? OrganizationId, bool IsPartyMember, int Skills, int Certificates, string? EducationLevel, int Positions) : IIntegrationEvent;

/// <summary>
/// An entry of a dynamic list changed: Change is nominated, reviewed, listed, rejected, removed, confirmed,
/// flagged-left-in-hr or flagged-not-reevaluated; State is the entry's state after it. ListKind is reserve-cadres,
/// young-backbone or defined. Reporting counts "talents who are members" and "members who are talents" per subsidiary
/// and alliance from the listed entries and IsPartyMember.
/// </summary>
public sealed record ListEntryChanged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid EntryId, Guid ListId, string ListKind, Guid PersonId, Guid SubsidiaryId, Guid? OrganizationId, bool IsPartyMember,
    string Change, string State, DateOnly NominatedOn, DateOnly? ListedOn, DateOnly? EndedOn) : IIntegrationEvent;
