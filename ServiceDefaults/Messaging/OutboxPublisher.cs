using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MassTransit;
using Alliance.Contracts.Events;
using MassTransit.RabbitMqTransport.Topology;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>Sees each outbox event just before the dispatcher publishes it (diagnostics and tests); registered in DI, optional.</summary>
public interface IOutboxPublishObserver
{
    ValueTask PrePublishAsync(Guid messageId, string messageType, CancellationToken ct);
}

/// <summary>
/// Publishes outbox rows straight through RabbitMQ.Client: one connection per process, a pool of channels with
/// publisher confirms, a whole batch in flight on one channel and awaited together. Each message is what MassTransit
/// itself would publish: its JSON envelope (<c>application/vnd.masstransit+json</c>, MessageId = EventId for a lone
/// event, a new id for an EventBatch, the message type URNs MassTransit lists) sent persistent to the message type's exchange, which is declared (with its bindings to
/// the exchanges of implemented types) from MassTransit's own publish topology, so MassTransit consumers see no difference.
/// <para>
/// Before the first publish of a type on a connection it also declares the receive endpoints that consume it
/// (<see cref="EventSubscriptions"/>): each queue, its exchange and the bindings from the exchanges of the type and of its
/// <see cref="EventBatch{TEvent}"/>, as MassTransit declares them when the consumer starts, so an event published before
/// its consumers ever ran waits in their queue (ADR 24). A type with consumers is published <c>mandatory</c>: if the
/// broker returns it (no queue bound: the topology was deleted since), it is not dispatched, the next attempt declares
/// again, and a warning names the type once. A type that nothing consumes goes unrouted, as before: a consumer added
/// later is filled from the source's current state, not from old messages.
/// </para>
/// </summary>
internal sealed partial class OutboxPublisher : IAsyncDisposable
{
    const string ContentType = "application/vnd.masstransit+json";
    static readonly CreateChannelOptions ConfirmedChannel = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    readonly ConnectionFactory _factory;
    readonly IBus _bus;
    readonly ConcurrentDictionary<Type, MessageKind> _kinds = new();
    readonly ConcurrentBag<IChannel> _channels = [];
    readonly SemaphoreSlim _connecting = new(1, 1);
    readonly byte[] _hostJson;
    readonly EventSubscriptions _subscriptions;
    readonly ILogger _logger;
    readonly ConcurrentDictionary<Type, bool> _returned = new();
    IConnection? _connection;
    ConcurrentDictionary<string, bool> _declared = new();

    public OutboxPublisher(Uri broker, string clientName, IBus bus, EventSubscriptions subscriptions, ILogger logger)
    {
        _factory = new ConnectionFactory
        {
            Uri = broker,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = false, // a broken connection is replaced at the next batch; its rows were retried
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };
        _bus = bus;
        _subscriptions = subscriptions;
        _logger = logger;
        _hostJson = HostJson();
    }

    /// <summary>How one message of a batch fared: confirmed (Error null), or why not; Returned when the broker had no queue for it.</summary>
    public readonly record struct Outcome(string? Error, bool Returned = false);

    /// <summary>One event ready to go: where, the envelope's bytes, and the trace its publish continues (<see cref="OutboxTracing"/>).</summary>
    public readonly record struct Outgoing(Guid Id, MessageKind Kind, byte[] Body)
    {
        public OutboxTracing.Trace Trace { get; init; }
    }

    /// <summary>Builds the envelope of a row; throws for an unknown type (that row alone fails).</summary>
    public Outgoing Prepare(Guid id, string messageType, string body) =>
        Envelope(id, _kinds.GetOrAdd(Known(messageType), Describe), body.Length, w => w.WriteRawValue(body, skipInputValidation: true));

    /// <summary>
    /// Builds one envelope for several rows of one type: an <see cref="Alliance.Contracts.Events.EventBatch{TEvent}"/>
    /// whose events are the rows' bodies as stored; throws for an unknown type (those rows fail).
    /// </summary>
    public Outgoing PrepareBatch(Guid id, string messageType, IReadOnlyList<string> bodies)
    {
        var kind = _kinds.GetOrAdd(typeof(Alliance.Contracts.Events.EventBatch<>).MakeGenericType(Known(messageType)), Describe);
        return Envelope(id, kind, bodies.Sum(b => b.Length + 1), w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("events");
            foreach (var body in bodies) w.WriteRawValue(body, skipInputValidation: true);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    static Type Known(string messageType) =>
        MessageTypes.Resolve(messageType) ?? throw new InvalidOperationException($"Unknown message type '{messageType}'");

    /// <summary>MassTransit's JSON envelope around a message written by <paramref name="writeMessage"/>.</summary>
    Outgoing Envelope(Guid id, MessageKind kind, int messageLength, Action<Utf8JsonWriter> writeMessage)
    {
        var buffer = new ArrayBufferWriter<byte>(messageLength + kind.MessageTypeJson.Length + _hostJson.Length + 256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteString("messageId", id);
            w.WriteString("conversationId", id);
            w.WritePropertyName("messageType");
            w.WriteRawValue(kind.MessageTypeJson, skipInputValidation: true);
            w.WritePropertyName("message");
            writeMessage(w); // the event as stored: JSON with the same camelCase names MassTransit writes
            w.WriteString("sentTime", DateTime.UtcNow);
            w.WriteStartObject("headers");
            w.WriteEndObject();
            w.WritePropertyName("host");
            w.WriteRawValue(_hostJson, skipInputValidation: true);
            w.WriteEndObject();
        }
        return new Outgoing(id, kind, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Publishes the batch on one confirmed channel and waits for every confirm (or return) of it.</summary>
    public async Task<Outcome[]> PublishAsync(IReadOnlyList<Outgoing> batch, Func<int, CancellationToken, ValueTask>? beforeEach, CancellationToken ct)
    {
        var outcomes = new Outcome[batch.Count];
        IChannel channel;
        try
        {
            channel = await RentChannelAsync(ct);
            foreach (var kind in batch.Select(m => m.Kind).Distinct())
                await DeclareAsync(channel, kind, ct);
        }
        catch (Exception ex)
        {
            Array.Fill(outcomes, new Outcome(Describe(ex)));
            return outcomes;
        }

        var pending = new Task[batch.Count];
        var sends = new Activity?[batch.Count];
        var healthy = true;
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                if (beforeEach is not null) await beforeEach(i, ct);
                var m = batch[i];
                (sends[i], var parent) = OutboxTracing.StartSend(m.Kind.Exchange, m.Id, m.Trace);
                var properties = new BasicProperties
                {
                    MessageId = m.Id.ToString(),
                    ContentType = ContentType,
                    DeliveryMode = DeliveryModes.Persistent,
                    // The one header MassTransit's receive takes its parent activity from (OutboxTracing).
                    Headers = parent is null ? null : new Dictionary<string, object?> { [MassTransit.Logging.DiagnosticHeaders.ActivityId] = parent },
                };
                pending[i] = channel.BasicPublishAsync(m.Kind.Exchange, "", m.Kind.Mandatory, properties, m.Body, ct).AsTask();
            }
            catch (Exception ex)
            {
                pending[i] = Task.FromException(ex);
            }
        }
        for (var i = 0; i < pending.Length; i++)
        {
            var kind = batch[i].Kind;
            try
            {
                await pending[i];
                if (_returned.TryRemove(kind.EventType, out _))
                    LogRoutedAgain(_logger, kind.EventType.Name);
            }
            catch (PublishReturnException ex)
            {
                outcomes[i] = new Outcome($"Returned by the broker ({ex.ReplyCode} {ex.ReplyText}): no queue is bound to '{kind.Exchange}' " +
                    $"although {string.Join(", ", kind.Queues)} consume it", Returned: true);
                // Declared once per connection, the topology has gone since: declare it again before the next attempt.
                _declared = new();
                if (_returned.TryAdd(kind.EventType, true))
                    LogReturned(_logger, kind.EventType.Name, kind.Exchange, string.Join(", ", kind.Queues));
            }
            catch (Exception ex)
            {
                outcomes[i] = new Outcome(Describe(ex));
                if (ex is not RabbitMQ.Client.Exceptions.PublishException) healthy = false;
            }
            OutboxTracing.Stop(sends[i], outcomes[i].Error);
        }
        if (healthy && channel.IsOpen) _channels.Add(channel);
        else await DiscardAsync(channel);
        return outcomes;
    }

    [LoggerMessage(LogLevel.Warning, "Outbox: the broker returned {EventType} (no queue bound to exchange {Exchange}, consumed by {Queues}); " +
        "its events stay in the outbox and are retried with back-off, declaring the queues again")]
    static partial void LogReturned(ILogger logger, string eventType, string exchange, string queues);

    [LoggerMessage(LogLevel.Information, "Outbox: {EventType} reaches its queues again")]
    static partial void LogRoutedAgain(ILogger logger, string eventType);

    async Task<IChannel> RentChannelAsync(CancellationToken ct)
    {
        while (_channels.TryTake(out var pooled))
        {
            if (pooled.IsOpen) return pooled;
            await DiscardAsync(pooled);
        }
        var connection = await ConnectAsync(ct);
        return await connection.CreateChannelAsync(ConfirmedChannel, ct);
    }

    async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true } open) return open;
        await _connecting.WaitAsync(ct);
        try
        {
            if (_connection is { IsOpen: true } again) return again;
            if (_connection is not null)
            {
                try { await _connection.DisposeAsync(); } catch (Exception) { }
            }
            _declared = new();
            _connection = await _factory.CreateConnectionAsync(ct);
            return _connection;
        }
        finally { _connecting.Release(); }
    }

    /// <summary>
    /// Declares, once per connection, the exchange of a message type with what MassTransit's publish topology binds to it,
    /// and the receive endpoints that consume its event type.
    /// </summary>
    async Task DeclareAsync(IChannel channel, MessageKind kind, CancellationToken ct)
    {
        var declared = _declared;
        if (!declared.ContainsKey(kind.Exchange))
        {
            await DeclareAsync(channel, kind.Topology, ct);
            declared[kind.Exchange] = true;
        }
        foreach (var (queue, topology) in kind.Endpoints)
        {
            if (declared.ContainsKey("queue:" + queue)) continue;
            await DeclareAsync(channel, topology, ct);
            declared["queue:" + queue] = true;
        }
    }

    static async Task DeclareAsync(IChannel channel, BrokerTopology topology, CancellationToken ct)
    {
        foreach (var e in topology.Exchanges)
            await channel.ExchangeDeclareAsync(e.ExchangeName, e.ExchangeType, e.Durable, e.AutoDelete, e.ExchangeArguments!, cancellationToken: ct);
        foreach (var q in topology.Queues)
            await channel.QueueDeclareAsync(q.QueueName, q.Durable, q.Exclusive, q.AutoDelete, q.QueueArguments!, cancellationToken: ct);
        foreach (var b in topology.ExchangeBindings)
            await channel.ExchangeBindAsync(b.Destination.ExchangeName, b.Source.ExchangeName, b.RoutingKey ?? "", b.Arguments!, cancellationToken: ct);
        foreach (var b in topology.QueueBindings)
            await channel.QueueBindAsync(b.Destination.QueueName, b.Source.ExchangeName, b.RoutingKey ?? "", b.Arguments!, cancellationToken: ct);
    }

    MessageKind Describe(Type type)
    {
        var (exchange, topology) = PublishTopology(type);
        var names = (string[])typeof(MessageTypeCache<>).MakeGenericType(type)
            .GetProperty(nameof(MessageTypeCache<object>.MessageTypeNames), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var eventType = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EventBatch<>) ? type.GetGenericArguments()[0] : type;
        var subscriptions = _subscriptions.Of(eventType);
        var endpoints = subscriptions.Select(s => (s.Queue, EndpointTopology(s))).ToArray();
        return new MessageKind(exchange, topology, JsonSerializer.SerializeToUtf8Bytes(names), eventType,
            Mandatory: subscriptions.Count > 0, [.. subscriptions.Select(s => s.Queue)], endpoints);
    }

    (string Exchange, BrokerTopology Topology) PublishTopology(Type type)
    {
        var publishTopology = _bus.Topology.PublishTopology;
        if (publishTopology.GetMessageTopology(type) is not IRabbitMqMessagePublishTopology messageTopology)
            throw new InvalidOperationException("The outbox publishes to RabbitMQ only; the bus is not on RabbitMQ.");
        var builder = new PublishEndpointBrokerTopologyBuilder(((IRabbitMqPublishTopology)publishTopology).BrokerTopologyOptions);
        messageTopology.Apply(builder);
        return (builder.Exchange.Exchange.ExchangeName, builder.BuildBrokerTopology());
    }

    /// <summary>
    /// What MassTransit declares for a consumer's receive endpoint on RabbitMQ, with its defaults (ours: no queue or exchange
    /// arguments): the durable queue, a fanout exchange of the same name bound to it, and for each message type consumed
    /// (the event and its EventBatch) that type's publish exchange bound to the endpoint's exchange; plus each type's own
    /// publish topology, as a publish of it would declare. A test compares this with MassTransit's own declaration.
    /// </summary>
    BrokerTopology EndpointTopology(Subscription subscription)
    {
        var builder = new ReceiveEndpointBrokerTopologyBuilder();
        var noArguments = new Dictionary<string, object>();
        builder.Queue = builder.QueueDeclare(subscription.Queue, durable: true, autoDelete: false, exclusive: false, noArguments);
        builder.Exchange = builder.ExchangeDeclare(subscription.Queue, RabbitMQ.Client.ExchangeType.Fanout, durable: true, autoDelete: false, noArguments);
        builder.QueueBind(builder.Exchange, builder.Queue, "", noArguments);
        foreach (var consumed in new[] { subscription.EventType, typeof(EventBatch<>).MakeGenericType(subscription.EventType) })
        {
            var (exchange, published) = PublishTopology(consumed);
            var handles = new Dictionary<string, ExchangeHandle>();
            foreach (var e in published.Exchanges)
                handles[e.ExchangeName] = builder.ExchangeDeclare(e.ExchangeName, e.ExchangeType, e.Durable, e.AutoDelete, e.ExchangeArguments);
            foreach (var b in published.ExchangeBindings)
                builder.ExchangeBind(handles[b.Source.ExchangeName], handles[b.Destination.ExchangeName], b.RoutingKey, b.Arguments);
            builder.ExchangeBind(handles[exchange], builder.Exchange, "", noArguments);
        }
        return builder.BuildBrokerTopology();
    }

    /// <summary>
    /// Declares the receive endpoints of <paramref name="service"/> as MassTransit declares them and empties their queues:
    /// before a read model is filled from its source's current state, which holds everything queued (ADR 26).
    /// </summary>
    public async Task DeclareAndPurgeQueuesAsync(string service, CancellationToken ct)
    {
        var channel = await RentChannelAsync(ct);
        try
        {
            foreach (var subscription in _subscriptions.OfService(service))
            {
                await DeclareAsync(channel, EndpointTopology(subscription), ct);
                await channel.QueuePurgeAsync(subscription.Queue, ct);
            }
        }
        finally { await DiscardAsync(channel); }
    }

    static byte[] HostJson()
    {
        var process = Process.GetCurrentProcess();
        var entry = Assembly.GetEntryAssembly()?.GetName();
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["machineName"] = Environment.MachineName,
            ["processName"] = process.ProcessName,
            ["processId"] = process.Id,
            ["assembly"] = entry?.Name,
            ["assemblyVersion"] = entry?.Version?.ToString(),
            ["frameworkVersion"] = Environment.Version.ToString(),
            ["massTransitVersion"] = typeof(IBus).Assembly.GetName().Version?.ToString(),
            ["operatingSystemVersion"] = Environment.OSVersion.ToString(),
        });
    }

    static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";

    static async Task DiscardAsync(IChannel channel)
    {
        try { await channel.DisposeAsync(); } catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        while (_channels.TryTake(out var channel)) await DiscardAsync(channel);
        if (_connection is not null)
        {
            try { await _connection.DisposeAsync(); } catch (Exception) { }
        }
    }

    /// <summary>A message type as published: its exchange and publish topology, its envelope's type URNs, the event type
    /// it carries (itself, or the one an EventBatch holds), and the receive endpoints that consume that event type.</summary>
    internal sealed record MessageKind(string Exchange, BrokerTopology Topology, byte[] MessageTypeJson, Type EventType, bool Mandatory,
        IReadOnlyList<string> Queues, IReadOnlyList<(string Queue, BrokerTopology Topology)> Endpoints);
}
