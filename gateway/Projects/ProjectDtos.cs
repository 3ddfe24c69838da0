using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Projects;

/// <summary>A team member: a person of the group (personId), or a partner unit of the alliance (memberUnitId) with its contact.</summary>
public sealed record TeamMemberBody(Guid? PersonId, Guid? MemberUnitId, string? ContactName);

/// <summary>A tackling project's details, given whole on creation and revision (then with the version last read).</summary>
public sealed record ProjectBody(string? Title, string? Description, string? Category, int? Year, Guid? OrganizationId, Guid? AllianceId,
    Guid? LeaderPersonId, List<TeamMemberBody?>? Team, long? ExpectedVersion);

public sealed record ProjectStatusBody(string? Status, string? Reason, long? ExpectedVersion);
public sealed record MilestoneBody(string? Title, string? PlannedOn, long? ExpectedVersion);
public sealed record ReachedBody(string? ReachedOn, long? ExpectedVersion);

/// <summary>An outcome measure: a number (Value, Baseline, Target) in one of the fixed units, never free text.</summary>
public sealed record OutcomeMeasureBody(string? Label, string? Unit, decimal? Value, decimal? Baseline, decimal? Target, string? RecordedOn, long? ExpectedVersion);

public sealed record ProjectLinksBody(List<Guid?>? ActivityIds, List<Guid?>? ProblemIds, long? ExpectedVersion);

public sealed record TeamMemberDto(bool External, Guid? PersonId, Guid? MemberUnitId, string Name, string UnitName);
public sealed record MilestoneEvidenceDto(Guid Id, Guid MilestoneId, string FileName, string ContentType, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static MilestoneEvidenceDto From(MilestoneEvidence e) => new(Guid.Parse(e.Id), Guid.Parse(e.MilestoneId), e.FileName, e.ContentType, e.SizeBytes,
        e.UploadedBy, ActivityTimes.InGroupTime(e.UploadedAt.ToDateTimeOffset()));
}
public sealed record MilestoneDto(Guid Id, string Title, string PlannedOn, string? ReachedOn, bool Overdue, IReadOnlyList<MilestoneEvidenceDto> Evidence);
public sealed record OutcomeMeasureDto(Guid Id, string Label, string Unit, decimal Value, decimal? Baseline, decimal? Target, string RecordedOn, string RecordedBy);

public sealed record ProjectDto(Guid Id, string Title, string? Description, string Category, int Year, Guid OrganizationId, string OrganizationName,
    Guid SubsidiaryId, Guid? AllianceId, string? AllianceName, Guid? LeaderPersonId, string? LeaderName, IReadOnlyList<TeamMemberDto> Team, string Status,
    IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<OutcomeMeasureDto> Outcomes, IReadOnlyList<Guid> ActivityIds, IReadOnlyList<Guid> ProblemIds,
    int MilestonesReached, int MilestonesOverdue, double Progress, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy,
    long Version, bool CanChange)
{
    public static ProjectDto From(Project p) => new(Guid.Parse(p.Id), p.Title, p.Description.Length == 0 ? null : p.Description, p.Category, p.Year,
        Guid.Parse(p.OrganizationId), p.OrganizationName, Guid.Parse(p.SubsidiaryId), p.HasAllianceId ? Guid.Parse(p.AllianceId) : null,
        p.AllianceName.Length == 0 ? null : p.AllianceName, p.HasLeaderPersonId ? Guid.Parse(p.LeaderPersonId) : null,
        p.LeaderName.Length == 0 ? null : p.LeaderName,
        p.Team.Select(t => new TeamMemberDto(t.External, t.HasPersonId ? Guid.Parse(t.PersonId) : null, t.HasMemberUnitId ? Guid.Parse(t.MemberUnitId) : null,
            t.Name, t.UnitName)).ToList(),
        p.Status,
        p.Milestones.Select(m => new MilestoneDto(Guid.Parse(m.Id), m.Title, m.PlannedOn, m.ReachedOn.Length == 0 ? null : m.ReachedOn, m.Overdue,
            m.Evidence.Select(MilestoneEvidenceDto.From).ToList())).ToList(),
        p.Outcomes.Select(o => new OutcomeMeasureDto(Guid.Parse(o.Id), o.Label, o.Unit, Number(o.Value)!.Value, Number(o.Baseline), Number(o.Target),
            o.RecordedOn, o.RecordedBy)).ToList(),
        p.ActivityIds.Select(Guid.Parse).ToList(), p.ProblemIds.Select(Guid.Parse).ToList(),
        p.MilestonesReached, p.MilestonesOverdue, p.Progress,
        ActivityTimes.InGroupTime(p.CreatedAt.ToDateTimeOffset()), p.CreatedBy, ActivityTimes.InGroupTime(p.UpdatedAt.ToDateTimeOffset()), p.UpdatedBy,
        p.Version, p.CanChange);

    internal static decimal? Number(string text) => text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>The list's query string: paging, title search, alliance, year, category, status, sort.</summary>
public sealed record ProjectListQuery(int? Page, int? PageSize, string? Search, Guid? AllianceId, int? Year, string? Category, string? Status, string? Sort);
