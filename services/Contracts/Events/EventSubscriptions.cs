using System.Text;

namespace Alliance.Contracts.Events;

/// <summary>
/// One receive endpoint of a consuming service: a durable queue that the service's replicas share, named
/// <c>{service}-{event type in kebab-case}</c>, and the event type it takes (alone and in <see cref="EventBatch{TEvent}"/>s).
/// </summary>
public sealed record Subscription(string Service, Type EventType)
{
    public string Queue { get; } = $"{Service}-{Kebab(EventType.Name)}";

    static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}

/// <summary>
/// Who consumes which integration event: every consuming service's receive endpoints, in one place (ADR 24).
/// Publishers' outboxes declare these queues and their bindings before they publish, so an event is never published to an
/// exchange that has no queue yet, whichever process starts first; consuming services name their endpoints from here and
/// refuse to start with a consumer of an integration event that is missing here, or an entry here without its consumer.
/// </summary>
public sealed class EventSubscriptions
{
    readonly Dictionary<Type, Subscription[]> _byEvent;

    public EventSubscriptions(IEnumerable<Subscription> subscriptions)
    {
        All = [.. subscriptions];
        var twice = All.GroupBy(s => s.Queue).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"The queue '{twice.Key}' is named twice.", nameof(subscriptions));
        _byEvent = All.GroupBy(s => s.EventType).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public IReadOnlyList<Subscription> All { get; }

    /// <summary>The endpoints that take <paramref name="eventType"/>; empty when nothing consumes it (yet).</summary>
    public IReadOnlyList<Subscription> Of(Type eventType) => _byEvent.GetValueOrDefault(eventType, []);

    /// <summary>The endpoints of one consuming service.</summary>
    public IEnumerable<Subscription> OfService(string service) => All.Where(s => s.Service == service);

    /// <summary>Alliance's consumers. Adding a consumer starts here: its queue exists from the next publish on.</summary>
    public static EventSubscriptions Alliance { get; } = new(
    [
        .. Reporting(
            typeof(SubsidiaryRegistered), typeof(OrganizationCreated), typeof(OrganizationRenamed), typeof(OrganizationDissolved),
            typeof(OrganizationsMerged),
            typeof(AllianceFormed), typeof(AllianceRevised), typeof(UnitJoinedAlliance), typeof(UnitLeftAlliance), typeof(RotationScheduled),
            typeof(PersonRegistered), typeof(PersonUpdated), typeof(MemberJoined), typeof(MemberTransferred), typeof(MemberStatusChanged),
            typeof(RoleAssigned), typeof(RoleEnded),
            typeof(PairingSigned), typeof(PairingRenewed), typeof(PairingEnded),
            typeof(ActivityScheduled), typeof(ActivityRevised), typeof(ActivityHeld), typeof(ActivityCancelled),
            typeof(ParticipantInvited), typeof(InvitationWithdrawn), typeof(ParticipantCheckedIn),
            typeof(MeetingRuleCreated), typeof(MeetingRuleRevised),
            typeof(DecisionItemRecorded), typeof(DecisionItemStateChanged)),
        // The activity service's notifications: an escalated decision item reminds the rotating secretary's unit.
        new Subscription(ResourceNames.Activity, typeof(DecisionItemEscalated)),
        // Its cached boards show the party tree's names and kinds: a change of the tree drops them (ADR 44).
        .. Activity(typeof(OrganizationCreated), typeof(OrganizationMoved), typeof(OrganizationRenamed), typeof(OrganizationsMerged),
            typeof(OrganizationDissolved)),
        // The talent service's profiles follow the organization service's people and HR events (issue 20).
        .. Talent(
            typeof(PersonRegistered), typeof(PersonUpdated), typeof(MemberJoined), typeof(MemberTransferred), typeof(MemberStatusChanged),
            typeof(PersonSyncedFromHr), typeof(PersonLeftInHr)),
    ]);

    static IEnumerable<Subscription> Reporting(params Type[] eventTypes) => eventTypes.Select(t => new Subscription(ResourceNames.Reporting, t));

    static IEnumerable<Subscription> Activity(params Type[] eventTypes) => eventTypes.Select(t => new Subscription(ResourceNames.Activity, t));

    static IEnumerable<Subscription> Talent(params Type[] eventTypes) => eventTypes.Select(t => new Subscription(ResourceNames.Talent, t));
}
