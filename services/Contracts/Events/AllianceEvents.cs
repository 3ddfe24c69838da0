namespace Alliance.Contracts.Events;

// Alliances carry the lead unit's subsidiary as TenantId; pairings the subsidiary of their (first) internal party.

/// <summary>An alliance (党建联盟) was formed with its lead unit as the first member unit (LeadUnitName added later; null from older producers).</summary>
public sealed record AllianceFormed(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AllianceId, string Name, string Theme, Guid LeadOrganizationId, Guid LeadMemberUnitId, string? LeadUnitName = null) : IIntegrationEvent;

/// <summary>An alliance's name, theme or plan was revised.</summary>
public sealed record AllianceRevised(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AllianceId, string Name, string Theme) : IIntegrationEvent;

/// <summary>A unit joined an alliance; OrganizationId and SubsidiaryId are null for an external unit.</summary>
public sealed record UnitJoinedAlliance(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AllianceId, Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId, string UnitName, DateOnly JoinedOn) : IIntegrationEvent;

/// <summary>A member unit left an alliance.</summary>
public sealed record UnitLeftAlliance(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AllianceId, Guid MemberUnitId, DateOnly LeftOn) : IIntegrationEvent;

/// <summary>The alliance's temporary party branch (联盟临时党支部) was formed or re-formed from member units.</summary>
public sealed record TemporaryBranchFormed(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AllianceId, Guid OrganizationId, IReadOnlyList<Guid> MemberUnitIds) : IIntegrationEvent;

/// <summary>The rotating secretary (轮值书记) schedule was set: member units in turn, one period each.</summary>
public sealed record RotationScheduled(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AllianceId, IReadOnlyList<Guid> Order, DateOnly StartsOn, int PeriodMonths) : IIntegrationEvent;

// A pairing's TenantId is its first internal party's subsidiary; PartnerSubsidiaryId is the other party's subsidiary when
// that is a different subsidiary of the group (null for an external partner or a pairing within one subsidiary), so a
// pairing counts for both subsidiaries it joins.

/// <summary>Two units signed a co-building agreement (结对共建).</summary>
public sealed record PairingSigned(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PairingId, Guid? FirstOrganizationId, Guid? SecondOrganizationId, string Title, DateOnly SignedOn, DateOnly ExpiresOn,
    Guid? PartnerSubsidiaryId = null) : IIntegrationEvent;

/// <summary>A pairing was renewed under a new agreement; the earlier ones are kept.</summary>
public sealed record PairingRenewed(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PairingId, int AgreementSequence, string Title, DateOnly SignedOn, DateOnly ExpiresOn,
    Guid? PartnerSubsidiaryId = null) : IIntegrationEvent;

/// <summary>A pairing was ended before or at its expiry.</summary>
public sealed record PairingEnded(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PairingId, DateOnly EndedOn, string Reason,
    Guid? PartnerSubsidiaryId = null) : IIntegrationEvent;
