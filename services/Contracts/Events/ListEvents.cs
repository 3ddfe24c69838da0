namespace Alliance.Contracts.Events;

// The problem and resource lists of the alliances (问题清单, 资源清单) and their matches (对接). TenantId is the posting
// unit's subsidiary, or the alliance lead's for a unit outside the group. OrganizationId and SubsidiaryId are null for a
// unit outside the group. Categories, kinds and states are the lists' kebab-case names (docs/api.md).

/// <summary>A member unit posted a problem (a need) for an alliance.</summary>
public sealed record ProblemPosted(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ProblemId, Guid AllianceId, Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId,
    string Title, string Category, string Urgency, IReadOnlyList<string> Tags, DateOnly? WantedBy) : IIntegrationEvent;

/// <summary>
/// A problem's state changed: open → matched (MatchId: the accepted match) → resolved, or withdrawn. PostedAt lets
/// reporting count the days from posting to resolution.
/// </summary>
public sealed record ProblemStateChanged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ProblemId, Guid AllianceId, Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId,
    string Category, string FromState, string State, DateTimeOffset PostedAt, Guid? MatchId) : IIntegrationEvent;

/// <summary>A unit offered a resource to an alliance (AllianceId) or to the whole group (Scope group, AllianceId null).</summary>
public sealed record ResourceOffered(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid OfferId, string Scope, Guid? AllianceId, Guid? MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId,
    string Kind, string Title, decimal? Capacity, string? CapacityUnit) : IIntegrationEvent;

/// <summary>A match of a problem with an offer was proposed, with the matcher's score at that moment.</summary>
public sealed record MatchProposed(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid MatchId, Guid ProblemId, Guid OfferId, Guid AllianceId, string Category, string Kind, double Score) : IIntegrationEvent;

/// <summary>A proposed match was accepted: the problem is matched and the offer's capacity taken.</summary>
public sealed record MatchAccepted(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid MatchId, Guid ProblemId, Guid OfferId, Guid AllianceId, string Category, string Kind, double Score) : IIntegrationEvent;

/// <summary>A proposed match was declined, with the reason.</summary>
public sealed record MatchDeclined(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid MatchId, Guid ProblemId, Guid OfferId, Guid AllianceId, string Category, string Kind, double Score, string Reason) : IIntegrationEvent;
