using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>A joint meeting as the contract and its event state it.</summary>
internal static class MeetingMapping
{
    public static C.JointMeeting ToContract(this JointMeeting m, bool canChange, int decisionItemCount)
    {
        var result = new C.JointMeeting
        {
            Id = m.Id.ToString(), Title = m.Title, AllianceId = m.AllianceId.ToString(), AllianceName = m.AllianceName,
            StartsAt = Timestamp.FromDateTimeOffset(m.StartsAt), Place = m.Place, Minutes = m.Minutes ?? "",
            SubsidiaryId = m.SubsidiaryId.ToString(), CreatedAt = Timestamp.FromDateTimeOffset(m.CreatedAt), CreatedBy = m.CreatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(m.UpdatedAt), UpdatedBy = m.UpdatedBy, Version = m.Version, CanChange = canChange,
            DecisionItemCount = decisionItemCount,
        };
        if (m.ActivityId is { } activity) result.ActivityId = activity.ToString();
        result.Attendees.AddRange(m.Attendees.Select(a =>
        {
            var attendee = new C.Attendee { MemberUnitId = a.MemberUnitId.ToString(), Name = a.Name, External = a.External };
            if (a.OrganizationId is { } o) attendee.OrganizationId = o.ToString();
            if (a.SubsidiaryId is { } s) attendee.SubsidiaryId = s.ToString();
            attendee.People.AddRange(a.People);
            return attendee;
        }));
        return result;
    }

    public static JointMeetingRevised Revised(JointMeeting m, DateTimeOffset now) => new(Guid.CreateVersion7(now), m.SubsidiaryId, now,
        m.Id, m.AllianceId, m.Title, m.StartsAt, m.Attendees.Select(a => a.MemberUnitId).ToList(), m.ActivityId);

    public static JointMeetingRecorded Recorded(JointMeeting m, DateTimeOffset now) => new(Guid.CreateVersion7(now), m.SubsidiaryId, now,
        m.Id, m.AllianceId, m.Title, m.StartsAt, m.Attendees.Select(a => a.MemberUnitId).ToList(), m.ActivityId);
}
