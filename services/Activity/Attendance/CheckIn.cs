namespace Alliance.Activity.Attendance;

public enum CheckInMethod { Self, Code }

/// <summary>
/// A check-in at an activity: the signed-in user, the person they are when known (users are not linked to people yet,
/// ADR 32), the person's party organization (or the invited organization of the user's subsidiary), how and when.
/// Append-only; one per user and one per person at each activity (unique indexes), so a second check-in counts once.
/// </summary>
public sealed class CheckIn
{
    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public string UserName { get; private set; } = "";
    public Guid? PersonId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? OrganizationId { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public Guid? SubsidiaryId { get; private set; }
    public CheckInMethod Method { get; private set; }
    public DateTimeOffset CheckedInAt { get; private set; }

    private CheckIn() { }

    public static CheckIn Record(Guid activityId, string userName, Guid? personId, string name, Guid? organizationId, string organizationName,
        Guid? subsidiaryId, CheckInMethod method, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ActivityId = activityId, UserName = userName, PersonId = personId, Name = name,
        OrganizationId = organizationId, OrganizationName = organizationName, SubsidiaryId = subsidiaryId, Method = method,
        CheckedInAt = now.ToUniversalTime(),
    };

    public string MethodName => Method == CheckInMethod.Self ? "self" : "code";
}

/// <summary>The secret an activity's check-in codes are derived from, made when a code is first asked for.</summary>
public sealed class CheckInSecret
{
    public Guid ActivityId { get; init; }
    public byte[] Secret { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}
