using System.Text.Json;
using Alliance.Activity.Activities;

namespace Alliance.Activity.Meetings;

/// <summary>
/// An entry of a joint meeting's audit log (rows only ever inserted): who recorded or revised it, when, in which role,
/// which version it produced, and each field's old and new value as text.
/// </summary>
public sealed class MeetingChange
{
    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public string Kind { get; private set; } = "";
    public long Version { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string ChangedByRole { get; private set; } = "";
    /// <summary>The changed fields as JSON (jsonb): [{ field, oldValue, newValue }].</summary>
    public string FieldChanges { get; private set; } = "[]";

    private MeetingChange() { }

    internal static MeetingChange Of(JointMeeting meeting, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        MeetingId = meeting.Id,
        Kind = kind,
        Version = meeting.Version,
        ChangedAt = now,
        ChangedBy = by.UserName,
        ChangedByRole = by.Role,
        FieldChanges = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
    };

    public IReadOnlyList<FieldChange> ReadChanges() => JsonSerializer.Deserialize<List<FieldChange>>(FieldChanges, JsonSerializerOptions.Web) ?? [];
}
