using Alliance.Activity.Activities;

namespace Alliance.Activity.Attendance;

public enum ParticipantKind { Organization, MemberUnit, Person }

/// <summary>
/// An invitation to an activity: a party organization of the group (its current members expected), a member unit of the
/// alliance served (an internal one counted like its organization, an external one as one delegation), or a person
/// (with the party organization they belonged to when invited). Withdrawn invitations are kept, marked, and no longer count.
/// </summary>
public sealed class Participant
{
    public const int MaxPerActivity = 500;

    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public ParticipantKind Kind { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public Guid? MemberUnitId { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public string Name { get; private set; } = "";
    public int ExpectedCount { get; private set; }
    public DateTimeOffset InvitedAt { get; private set; }
    public string InvitedBy { get; private set; } = "";
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }

    public bool Withdrawn => WithdrawnAt is not null;

    private Participant() { }

    public static Participant Organization(Guid activityId, Guid organizationId, Guid subsidiaryId, string name, int members, Actor by, DateTimeOffset now) =>
        New(activityId, ParticipantKind.Organization, organizationId, null, null, subsidiaryId, name, Math.Max(members, 0), by, now);

    public static Participant MemberUnit(Guid activityId, Guid memberUnitId, Guid? organizationId, Guid? subsidiaryId, string name, int expected, Actor by, DateTimeOffset now) =>
        New(activityId, ParticipantKind.MemberUnit, organizationId, memberUnitId, null, subsidiaryId, name, Math.Max(expected, 0), by, now);

    public static Participant Person(Guid activityId, Guid personId, Guid? organizationId, Guid subsidiaryId, string name, Actor by, DateTimeOffset now) =>
        New(activityId, ParticipantKind.Person, organizationId, null, personId, subsidiaryId, name, 1, by, now);

    static Participant New(Guid activityId, ParticipantKind kind, Guid? organizationId, Guid? memberUnitId, Guid? personId, Guid? subsidiaryId,
        string name, int expected, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ActivityId = activityId, Kind = kind, OrganizationId = organizationId, MemberUnitId = memberUnitId,
        PersonId = personId, SubsidiaryId = subsidiaryId, Name = name.Trim(), ExpectedCount = expected,
        InvitedAt = now.ToUniversalTime(), InvitedBy = by.UserName,
    };

    /// <summary>The same invitee, whoever invited them: one open invitation each.</summary>
    public bool SameInvitee(Participant other) => Kind == other.Kind && Kind switch
    {
        ParticipantKind.Organization => OrganizationId == other.OrganizationId,
        ParticipantKind.MemberUnit => MemberUnitId == other.MemberUnitId,
        _ => PersonId == other.PersonId,
    };

    public void Withdraw(Actor by, DateTimeOffset now)
    {
        if (Withdrawn) return;
        WithdrawnAt = now.ToUniversalTime();
        WithdrawnBy = by.UserName;
    }

    public string KindName => Kind switch
    {
        ParticipantKind.Organization => "organization",
        ParticipantKind.MemberUnit => "member-unit",
        _ => "person",
    };
}
