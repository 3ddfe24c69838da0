using Alliance.Activity.Activities;
using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>Invitations and check-ins as the contract and the events state them.</summary>
internal static class AttendanceMapping
{
    public static C.Participant ToContract(this Participant p, int checkedIn)
    {
        var result = new C.Participant
        {
            Id = p.Id.ToString(), ActivityId = p.ActivityId.ToString(), Name = p.Name, ExpectedCount = p.ExpectedCount,
            Kind = p.Kind switch
            {
                ParticipantKind.Organization => C.ParticipantKind.Organization,
                ParticipantKind.MemberUnit => C.ParticipantKind.MemberUnit,
                _ => C.ParticipantKind.Person,
            },
            InvitedAt = Timestamp.FromDateTimeOffset(p.InvitedAt), InvitedBy = p.InvitedBy, WithdrawnBy = p.WithdrawnBy ?? "",
            CheckedIn = checkedIn,
        };
        if (p.OrganizationId is { } o) result.OrganizationId = o.ToString();
        if (p.MemberUnitId is { } m) result.MemberUnitId = m.ToString();
        if (p.PersonId is { } person) result.PersonId = person.ToString();
        if (p.SubsidiaryId is { } s) result.SubsidiaryId = s.ToString();
        if (p.WithdrawnAt is { } w) result.WithdrawnAt = Timestamp.FromDateTimeOffset(w);
        return result;
    }

    public static C.CheckIn ToContract(this CheckIn c)
    {
        var result = new C.CheckIn
        {
            Id = c.Id.ToString(), ActivityId = c.ActivityId.ToString(), UserName = c.UserName, Name = c.Name,
            OrganizationName = c.OrganizationName, CheckedInAt = Timestamp.FromDateTimeOffset(c.CheckedInAt),
            Method = c.Method == CheckInMethod.Self ? C.CheckInMethod.Self : C.CheckInMethod.Code,
        };
        if (c.PersonId is { } p) result.PersonId = p.ToString();
        if (c.OrganizationId is { } o) result.OrganizationId = o.ToString();
        if (c.SubsidiaryId is { } s) result.SubsidiaryId = s.ToString();
        return result;
    }

    static List<ActivityHostRef> HostRefs(Activities.Activity a) =>
        a.Hosts.OrderBy(h => h.Position).Select(h => new ActivityHostRef(h.OrganizationId, h.SubsidiaryId, h.MemberUnitId, h.Name, h.External)).ToList();

    public static ParticipantInvited Invited(Activities.Activity a, Participant p, DateTimeOffset now) => new(Guid.CreateVersion7(now), a.SubsidiaryId, now,
        a.Id, p.Id, p.KindName, p.OrganizationId, p.MemberUnitId, p.PersonId, p.SubsidiaryId, p.Name, p.ExpectedCount, HostRefs(a));

    public static InvitationWithdrawn Withdrawn(Activities.Activity a, Participant p, DateTimeOffset now) => new(Guid.CreateVersion7(now), a.SubsidiaryId, now,
        a.Id, p.Id, p.KindName, p.OrganizationId, p.MemberUnitId, p.PersonId, p.ExpectedCount);

    public static ParticipantCheckedIn CheckedIn(Activities.Activity a, CheckIn c) => new(Guid.CreateVersion7(c.CheckedInAt), a.SubsidiaryId, c.CheckedInAt,
        a.Id, c.Id, c.PersonId, c.UserName, c.OrganizationId, c.SubsidiaryId, c.CheckedInAt, c.MethodName, HostRefs(a));
}
