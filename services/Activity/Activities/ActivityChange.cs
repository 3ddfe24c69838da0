using System.Text.Json;

namespace Alliance.Activity.Activities;

public sealed record FieldChange(string Field, string OldValue, string NewValue);

/// <summary>
/// An entry of an activity's audit log (append-only: rows are only ever inserted): who changed it, when, in which role,
/// which version it produced, and each field's old and new value as text.
/// </summary>
public sealed class ActivityChange
{
    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public string Kind { get; private set; } = "";
    public long Version { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string ChangedByRole { get; private set; } = "";
    /// <summary>The changed fields as JSON (jsonb): [{ field, oldValue, newValue }].</summary>
    public string FieldChanges { get; private set; } = "[]";

    private ActivityChange() { }

    internal static ActivityChange Of(Activity activity, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ActivityId = activity.Id,
        Kind = kind,
        Version = activity.Version,
        ChangedAt = now,
        ChangedBy = by.UserName,
        ChangedByRole = by.Role,
        FieldChanges = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
    };

    public IReadOnlyList<FieldChange> ReadChanges() => JsonSerializer.Deserialize<List<FieldChange>>(FieldChanges, JsonSerializerOptions.Web) ?? [];
}
