namespace Alliance.Contracts.Events;

// HR synchronisation events (issue 4): what an HR system told Alliance about an employee. TenantId is the subsidiary
// of the HR client. They carry ids, names and HR's employment data, never ID or phone numbers.

/// <summary>An HR record was created or changed and the person it is matched to follows it (PersonCreated: a new person was registered for it).</summary>
public sealed record PersonSyncedFromHr(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid HrUserId, string Name, string? EmployeeNumber, string? Department, string? Title, bool Active, bool PersonCreated) : IIntegrationEvent;

/// <summary>HR says the employee left: the record was deactivated (Reason "deactivated") or deleted ("deleted"). The person and their party data stay.</summary>
public sealed record PersonLeftInHr(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid HrUserId, string Reason) : IIntegrationEvent;

/// <summary>An employee's HR department changed (the enterprise extension's department attribute).</summary>
public sealed record DepartmentChangedInHr(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid HrUserId, string? OldDepartment, string? NewDepartment) : IIntegrationEvent;

/// <summary>
/// HR deactivated an employee who holds party data (Kind "party-role": current secretary, deputy secretary or
/// committee member roles, listed in RoleIds). The employment change was applied and the roles kept; a person resolves it.
/// </summary>
public sealed record HrConflictRaised(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ConflictId, Guid PersonId, string Kind, IReadOnlyList<Guid> RoleIds, Guid? SyncRunId) : IIntegrationEvent;

/// <summary>A person resolved an HR conflict with a note (roles they chose to end were ended before through the People commands, each with its RoleEnded).</summary>
public sealed record HrConflictResolved(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ConflictId, Guid PersonId, string Note, string ResolvedBy) : IIntegrationEvent;
