using Alliance.Activity.Common;

namespace Alliance.Activity.Activities;

/// <summary>An entry of an activity's audit log: each field's old and new value, who changed it, when (<see cref="FieldAuditEntry"/>).</summary>
public sealed class ActivityChange : FieldAuditEntry
{
    public Guid ActivityId { get; private set; }

    private ActivityChange() { }

    ActivityChange(Activity activity, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, activity.Version, changes, by, now) => ActivityId = activity.Id;

    internal static ActivityChange Of(Activity activity, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) =>
        new(activity, kind, changes, by, now);
}
