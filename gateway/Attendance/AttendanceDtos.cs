using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Attendance;

/// <summary>Whom to invite: exactly one of a party organization, a member unit of the alliance served, or a person.</summary>
public sealed record InviteBody(Guid? OrganizationId, Guid? MemberUnitId, Guid? PersonId);

/// <summary>A check-in: the code shown at the venue, or (without one) as an invited person; personId says who the user is.</summary>
public sealed record CheckInBody(string? Code, Guid? PersonId);

public sealed record ParticipantDto(Guid Id, Guid ActivityId, string Kind, Guid? OrganizationId, Guid? MemberUnitId, Guid? PersonId, Guid? SubsidiaryId,
    string Name, int ExpectedCount, int CheckedIn, DateTimeOffset InvitedAt, string InvitedBy, DateTimeOffset? WithdrawnAt, string? WithdrawnBy)
{
    public static ParticipantDto From(Participant p) => new(Guid.Parse(p.Id), Guid.Parse(p.ActivityId), KindName(p.Kind),
        OptionalId(p.HasOrganizationId, p.OrganizationId), OptionalId(p.HasMemberUnitId, p.MemberUnitId), OptionalId(p.HasPersonId, p.PersonId), OptionalId(p.HasSubsidiaryId, p.SubsidiaryId),
        p.Name, p.ExpectedCount, p.CheckedIn, ActivityTimes.InGroupTime(p.InvitedAt.ToDateTimeOffset()), p.InvitedBy,
        p.WithdrawnAt is null ? null : ActivityTimes.InGroupTime(p.WithdrawnAt.ToDateTimeOffset()), p.WithdrawnBy.Length == 0 ? null : p.WithdrawnBy);

    public static string KindName(ParticipantKind kind) => kind switch
    {
        ParticipantKind.Organization => "organization",
        ParticipantKind.MemberUnit => "member-unit",
        _ => "person",
    };

    internal static Guid? OptionalId(bool has, string value) => has ? Guid.Parse(value) : null;
}

public sealed record CheckInDto(Guid Id, Guid ActivityId, string UserName, Guid? PersonId, string Name, Guid? OrganizationId, string? OrganizationName,
    Guid? SubsidiaryId, string Method, DateTimeOffset CheckedInAt)
{
    public static CheckInDto From(CheckIn c) => new(Guid.Parse(c.Id), Guid.Parse(c.ActivityId), c.UserName, ParticipantDto.OptionalId(c.HasPersonId, c.PersonId),
        c.Name, ParticipantDto.OptionalId(c.HasOrganizationId, c.OrganizationId), c.OrganizationName.Length == 0 ? null : c.OrganizationName,
        ParticipantDto.OptionalId(c.HasSubsidiaryId, c.SubsidiaryId), c.Method == CheckInMethod.Self ? "self" : "code",
        ActivityTimes.InGroupTime(c.CheckedInAt.ToDateTimeOffset()));
}

public sealed record CheckInResultDto(CheckInDto CheckIn, bool AlreadyCheckedIn);

public sealed record CheckInCodeDto(Guid ActivityId, string Code, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int StepSeconds)
{
    public static CheckInCodeDto From(CheckInCode c) => new(Guid.Parse(c.ActivityId), c.Code,
        ActivityTimes.InGroupTime(c.ValidFrom.ToDateTimeOffset()), ActivityTimes.InGroupTime(c.ValidUntil.ToDateTimeOffset()), c.StepSeconds);
}

public sealed record OrganizationAttendanceDto(Guid? OrganizationId, string Name, int Invited, int CheckedIn);

public sealed record ActivityAttendanceDto(ActivityDto Activity, int Invited, int CheckedIn, double Rate, IReadOnlyList<OrganizationAttendanceDto> Organizations)
{
    public static ActivityAttendanceDto From(ActivityAttendance a) => new(ActivityDto.From(a.Activity), a.Invited, a.CheckedIn, a.Rate,
        a.Organizations.Select(o => new OrganizationAttendanceDto(ParticipantDto.OptionalId(o.HasOrganizationId, o.OrganizationId), o.Name, o.Invited, o.CheckedIn)).ToList());
}

public sealed record PersonAttendanceEntryDto(ActivityDto Activity, bool Invited, CheckInDto? CheckIn);

public sealed record PersonAttendanceDto(Guid PersonId, string Name, int Attended, IReadOnlyList<PersonAttendanceEntryDto> Items, int Total, int Page, int PageSize);
