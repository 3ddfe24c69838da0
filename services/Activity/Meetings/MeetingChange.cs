using Alliance.Activity.Common;

namespace Alliance.Activity.Meetings;

/// <summary>An entry of a joint meeting's audit log: each field's old and new value, who recorded or revised it, when.</summary>
public sealed class MeetingChange : FieldAuditEntry
{
    public Guid MeetingId { get; private set; }

    private MeetingChange() { }

    MeetingChange(JointMeeting meeting, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, meeting.Version, changes, by, now) => MeetingId = meeting.Id;

    internal static MeetingChange Of(JointMeeting meeting, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) =>
        new(meeting, kind, changes, by, now);
}
