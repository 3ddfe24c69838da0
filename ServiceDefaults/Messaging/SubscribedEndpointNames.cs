using Alliance.Contracts.Events;
using MassTransit;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// Names a consumer's receive endpoint from <see cref="EventSubscriptions"/>, the one list of consumers that publishers
/// declare queues for (ADR 24): a consumer of an integration event that the list does not name for this service refuses
/// to start, and so does an entry of the list without its consumer. Anything else is named in kebab-case, as before.
/// </summary>
internal sealed class SubscribedEndpointNames(string service, EventSubscriptions subscriptions)
    : KebabCaseEndpointNameFormatter(MessagingHostingExtensions.EndpointPrefix(service), includeNamespace: false)
{
    readonly string _prefix = MessagingHostingExtensions.EndpointPrefix(service);
    readonly HashSet<string> _named = [];

    public override string Consumer<T>()
    {
        var events = typeof(T).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(m => typeof(IIntegrationEvent).IsAssignableFrom(m))
            .ToList();
        if (events.Count == 0) return base.Consumer<T>();
        var subscription = events.Count == 1 ? Ours().SingleOrDefault(s => s.EventType == events[0]) : null;
        if (subscription is null)
            throw new InvalidOperationException(
                $"{typeof(T).Name} consumes {string.Join(", ", events.Select(e => e.Name))}, but EventSubscriptions names no endpoint of " +
                $"'{_prefix.TrimEnd('-')}' for {(events.Count == 1 ? "it" : "them one each")}: add it there (services/Contracts/Events/EventSubscriptions.cs), " +
                "so that publishers declare its queue before they publish (docs/adr/0024).");
        lock (_named) _named.Add(subscription.Queue);
        return subscription.Queue;
    }

    /// <summary>Fails when an endpoint of this service in <see cref="EventSubscriptions"/> has no consumer: publishers would fill its queue for no one.</summary>
    public void ThrowIfAnyUnconsumed()
    {
        List<string> missing;
        lock (_named) missing = [.. Ours().Select(s => s.Queue).Where(q => !_named.Contains(q))];
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"EventSubscriptions names {string.Join(", ", missing)} for '{_prefix.TrimEnd('-')}', but no consumer of this service takes it; " +
                "publishers would keep its messages for no one. Register the consumer or remove the entry (docs/adr/0024).");
    }

    IEnumerable<Subscription> Ours() =>
        subscriptions.All.Where(s => MessagingHostingExtensions.EndpointPrefix(s.Service) == _prefix);
}
