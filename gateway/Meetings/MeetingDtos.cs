using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Meetings;

/// <summary>An attending member unit of the alliance, with the people who came for it (optional).</summary>
public sealed record AttendeeBody(Guid? MemberUnitId, List<string?>? People);

/// <summary>A joint meeting's details, given whole on recording and on revision (then with the version last read).</summary>
public sealed record MeetingBody(string? Title, Guid? AllianceId, string? StartsAt, string? Place, string? Minutes,
    List<AttendeeBody?>? Attendees, Guid? ActivityId, long? ExpectedVersion);

public sealed record AttendeeDto(Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId, string Name, bool External, IReadOnlyList<string> People);

public sealed record MeetingDto(Guid Id, string Title, Guid AllianceId, string AllianceName, DateTimeOffset StartsAt, string Place, string? Minutes,
    IReadOnlyList<AttendeeDto> Attendees, Guid? ActivityId, Guid SubsidiaryId, int DecisionItemCount,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange)
{
    public static MeetingDto From(JointMeeting m) => new(Guid.Parse(m.Id), m.Title, Guid.Parse(m.AllianceId), m.AllianceName,
        ActivityTimes.InGroupTime(m.StartsAt.ToDateTimeOffset()), m.Place, m.Minutes.Length == 0 ? null : m.Minutes,
        m.Attendees.Select(a => new AttendeeDto(Guid.Parse(a.MemberUnitId), a.HasOrganizationId ? Guid.Parse(a.OrganizationId) : null,
            a.HasSubsidiaryId ? Guid.Parse(a.SubsidiaryId) : null, a.Name, a.External, a.People.ToList())).ToList(),
        m.HasActivityId ? Guid.Parse(m.ActivityId) : null, Guid.Parse(m.SubsidiaryId), m.DecisionItemCount,
        ActivityTimes.InGroupTime(m.CreatedAt.ToDateTimeOffset()), m.CreatedBy, ActivityTimes.InGroupTime(m.UpdatedAt.ToDateTimeOffset()), m.UpdatedBy,
        m.Version, m.CanChange);
}

/// <summary>The list's query string: paging, title search, alliance, period (days of the group's calendar, inclusive), sort.</summary>
public sealed record MeetingListQuery(int? Page, int? PageSize, string? Search, Guid? AllianceId, string? From, string? To, string? Sort);
