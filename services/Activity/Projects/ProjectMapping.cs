using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>A tackling project as the contract and its events state it.</summary>
internal static class ProjectMapping
{
    public static C.Project ToContract(this TacklingProject p, bool canChange, DateOnly today, IReadOnlyList<C.MilestoneEvidence> evidence)
    {
        var result = new C.Project
        {
            Id = p.Id.ToString(), Title = p.Title, Description = p.Description ?? "", Category = p.Category, Year = p.Year,
            OrganizationId = p.OrganizationId.ToString(), OrganizationName = p.OrganizationName, SubsidiaryId = p.SubsidiaryId.ToString(),
            AllianceName = p.AllianceName, LeaderName = p.LeaderName, Status = p.Status,
            MilestonesReached = p.MilestonesReached, MilestonesOverdue = p.OverdueMilestones(today), Progress = p.Progress,
            CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt), CreatedBy = p.CreatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(p.UpdatedAt), UpdatedBy = p.UpdatedBy, Version = p.Version, CanChange = canChange,
        };
        if (p.AllianceId is { } alliance) result.AllianceId = alliance.ToString();
        if (p.LeaderPersonId is { } leader) result.LeaderPersonId = leader.ToString();
        result.Team.AddRange(p.Team.Select(t =>
        {
            var member = new C.TeamMember { External = t.External, Name = t.Name, UnitName = t.UnitName };
            if (t.PersonId is { } person) member.PersonId = person.ToString();
            if (t.MemberUnitId is { } unit) member.MemberUnitId = unit.ToString();
            return member;
        }));
        result.Milestones.AddRange(p.Milestones.OrderBy(m => m.Position).Select(m =>
        {
            var milestone = new C.ProjectMilestone
            {
                Id = m.Id.ToString(), Title = m.Title, PlannedOn = Day(m.PlannedOn), ReachedOn = m.ReachedOn is { } r ? Day(r) : "",
                Overdue = p.IsOverdue(m, today),
            };
            milestone.Evidence.AddRange(evidence.Where(e => e.MilestoneId == milestone.Id));
            return milestone;
        }));
        result.Outcomes.AddRange(p.Outcomes.OrderBy(o => o.RecordedAt).Select(o => new C.OutcomeMeasure
        {
            Id = o.Id.ToString(), Label = o.Label, Unit = o.Unit, Value = MeasureUnits.Format(o.Value),
            Baseline = o.Baseline is { } b ? MeasureUnits.Format(b) : "", Target = o.Target is { } t ? MeasureUnits.Format(t) : "",
            RecordedOn = Day(o.RecordedOn), RecordedBy = o.RecordedBy,
        }));
        result.ActivityIds.AddRange(p.ActivityIds.Select(a => a.ToString()));
        result.ProblemIds.AddRange(p.ProblemIds.Select(a => a.ToString()));
        return result;
    }

    public static C.MilestoneEvidence ToContract(MilestoneEvidence e) => new()
    {
        Id = e.Id.ToString(), MilestoneId = e.MilestoneId.ToString(), FileName = e.FileName, ContentType = e.ContentType, SizeBytes = e.SizeBytes,
        UploadedBy = e.UploadedBy, UploadedAt = Timestamp.FromDateTimeOffset(e.UploadedAt),
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static ProjectCreated Created(TacklingProject p, DateTimeOffset now) => new(Guid.CreateVersion7(now), p.SubsidiaryId, now,
        p.Id, p.AllianceId, p.SubsidiaryId, p.OrganizationId, p.Title, p.Category, p.Year, p.Status, p.Team.Count, p.Team.Count(t => t.External));

    public static ProjectStatusChanged StatusChanged(TacklingProject p, string from, string? reason, DateTimeOffset now) => new(Guid.CreateVersion7(now),
        p.SubsidiaryId, now, p.Id, p.AllianceId, p.SubsidiaryId, p.OrganizationId, p.Category, p.Year, from, p.Status, reason,
        p.Milestones.Count, p.MilestonesReached);

    public static ProjectMilestoneReached MilestoneReached(TacklingProject p, ProjectMilestone m, DateTimeOffset now) => new(Guid.CreateVersion7(now),
        p.SubsidiaryId, now, p.Id, m.Id, p.AllianceId, p.SubsidiaryId, p.OrganizationId, p.Category, p.Year, m.Title, m.PlannedOn, m.ReachedOn!.Value,
        m.ReachedOn.Value.DayNumber - m.PlannedOn.DayNumber, p.Milestones.Count, p.MilestonesReached);

    public static ProjectOutcomeRecorded OutcomeRecorded(TacklingProject p, ProjectOutcome o, DateTimeOffset now) => new(Guid.CreateVersion7(now),
        p.SubsidiaryId, now, p.Id, o.Id, p.AllianceId, p.SubsidiaryId, p.OrganizationId, p.Category, p.Year, o.Label, o.Unit, o.Value, o.Baseline,
        o.Target, o.RecordedOn);
}
