namespace Alliance.Reporting.Alliances;

/// <summary>
/// An alliance as the counts need it. Rows are upserted by every alliance event, so one can exist before its
/// AllianceFormed arrives; it is shown once formed. Name and rotation keep the newest event's values (by OccurredAt).
/// </summary>
public sealed class AllianceView
{
    public Guid AllianceId { get; set; }
    public bool Formed { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset? NameAt { get; set; }
    public Guid LeadSubsidiaryId { get; set; }
    public Guid[] RotationOrder { get; set; } = [];
    public DateOnly? RotationStartsOn { get; set; }
    public int RotationPeriodMonths { get; set; }
    public DateTimeOffset? RotationAt { get; set; }
}

/// <summary>A member unit of an alliance; external when it has no organization. Counted once joined and until it has left.</summary>
public sealed class AllianceUnitView
{
    public Guid MemberUnitId { get; set; }
    public Guid AllianceId { get; set; }
    public bool Joined { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? SubsidiaryId { get; set; }
    public string Name { get; set; } = "";
    public DateOnly? LeftOn { get; set; }
}
