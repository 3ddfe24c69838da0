namespace Alliance.Contracts.Events;

// Tackling projects (攻坚项目), cooperation agreements (合作项目), practical projects (办实事) and shared results (成果共享)
// of the activity service. TenantId is the owning subsidiary. Each carries what reporting needs to show project progress
// and outcomes and agreements per alliance without asking back: alliance, subsidiary, organization, category, state, dates
// and measures (units are the fixed measure units: days-ahead, cny, people-served, households, items, hours, enterprises, percent).

/// <summary>A tackling project was created (status planned) with its milestones' count.</summary>
public sealed record ProjectCreated(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ProjectId, Guid? AllianceId, Guid SubsidiaryId, Guid OrganizationId, string Title, string Category, int Year,
    string Status, int TeamSize, int ExternalTeamMembers) : IIntegrationEvent;

/// <summary>A tackling project's status changed (planned, in-progress, completed, suspended, cancelled), with its progress then.</summary>
public sealed record ProjectStatusChanged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ProjectId, Guid? AllianceId, Guid SubsidiaryId, Guid OrganizationId, string Category, int Year,
    string FromStatus, string Status, string? Reason, int Milestones, int MilestonesReached) : IIntegrationEvent;

/// <summary>A milestone of a tackling project was reached on a day (DaysLate is negative when reached ahead of its plan).</summary>
public sealed record ProjectMilestoneReached(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ProjectId, Guid MilestoneId, Guid? AllianceId, Guid SubsidiaryId, Guid OrganizationId, string Category, int Year,
    string Title, DateOnly PlannedOn, DateOnly ReachedOn, int DaysLate, int Milestones, int MilestonesReached) : IIntegrationEvent;

/// <summary>A typed outcome measure of a tackling project was recorded: a value in a unit, with its baseline and target.</summary>
public sealed record ProjectOutcomeRecorded(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ProjectId, Guid OutcomeId, Guid? AllianceId, Guid SubsidiaryId, Guid OrganizationId, string Category, int Year,
    string Label, string Unit, decimal Value, decimal? Baseline, decimal? Target, DateOnly RecordedOn) : IIntegrationEvent;

/// <summary>A cooperation agreement between member units of an alliance was signed (created as signed, or moved to signed).</summary>
public sealed record CooperationAgreementSigned(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AgreementId, Guid AllianceId, string Title, IReadOnlyList<Guid> MemberUnitIds, DateOnly SignedOn,
    decimal? ValueAmount, string? ValueUnit) : IIntegrationEvent;

/// <summary>A cooperation agreement's status changed (negotiating, signed, in-execution, completed, terminated); FromStatus is empty on creation.</summary>
public sealed record CooperationAgreementStatusChanged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid AgreementId, Guid AllianceId, string FromStatus, string Status, DateOnly? SignedOn) : IIntegrationEvent;

/// <summary>A practical project (办实事) was registered by a member unit and published to its alliance, with how many it served.</summary>
public sealed record PracticalProjectRegistered(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PracticalProjectId, Guid AllianceId, Guid MemberUnitId, Guid? OrganizationId, string Title,
    string BeneficiaryKind, int BeneficiaryCount, DateOnly DoneOn) : IIntegrationEvent;

/// <summary>A result (成果) was shared to an alliance by a member unit.</summary>
public sealed record ResultShared(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ResultId, Guid AllianceId, Guid MemberUnitId, Guid? OrganizationId, string Kind, string Title, DateOnly SharedOn) : IIntegrationEvent;

/// <summary>A member unit reused a shared result; ReuseCount is the result's count after this one.</summary>
public sealed record ResultReused(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ResultId, Guid ReuseId, Guid AllianceId, Guid MemberUnitId, Guid? OrganizationId, DateOnly ReusedOn, int ReuseCount) : IIntegrationEvent;
