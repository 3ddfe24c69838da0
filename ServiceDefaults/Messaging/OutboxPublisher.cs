using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MassTransit;
using MassTransit.RabbitMqTransport.Topology;
using RabbitMQ.Client;

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
/// </summary>
internal sealed class OutboxPublisher : IAsyncDisposable
{
    const string ContentType = "application/vnd.masstransit+json";
    static readonly CreateChannelOptions ConfirmedChannel = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    readonly ConnectionFactory _factory;
    readonly IBus _bus;
    readonly ConcurrentDictionary<Type, MessageKind> _kinds = new();
    readonly ConcurrentBag<IChannel> _channels = [];
    readonly SemaphoreSlim _connecting = new(1, 1);
    readonly byte[] _hostJson;
    IConnection? _connection;
    ConcurrentDictionary<string, bool> _declared = new();

    public OutboxPublisher(Uri broker, string clientName, IBus bus)
    {
        _factory = new ConnectionFactory
        {
            Uri = broker,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = false, // a broken connection is replaced at the next batch; its rows were retried
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };
        _bus = bus;
        _hostJson = HostJson();
    }

    /// <summary>One event ready to go: where, and the envelope's bytes.</summary>
    public readonly record struct Outgoing(Guid Id, MessageKind Kind, byte[] Body);

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

    /// <summary>Publishes the batch on one confirmed channel and waits for every confirm; an error per message, null when confirmed.</summary>
    public async Task<string?[]> PublishAsync(IReadOnlyList<Outgoing> batch, Func<int, CancellationToken, ValueTask>? beforeEach, CancellationToken ct)
    {
        var errors = new string?[batch.Count];
        IChannel channel;
        try
        {
            channel = await RentChannelAsync(ct);
            foreach (var kind in batch.Select(m => m.Kind).Distinct())
                await DeclareAsync(channel, kind, ct);
        }
        catch (Exception ex)
        {
            Array.Fill(errors, Describe(ex));
            return errors;
        }

        var pending = new Task[batch.Count];
        var healthy = true;
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                if (beforeEach is not null) await beforeEach(i, ct);
                var m = batch[i];
                var properties = new BasicProperties
                {
                    MessageId = m.Id.ToString(),
                    ContentType = ContentType,
                    DeliveryMode = DeliveryModes.Persistent,
                };
                pending[i] = channel.BasicPublishAsync(m.Kind.Exchange, "", mandatory: false, properties, m.Body, ct).AsTask();
            }
            catch (Exception ex)
            {
                pending[i] = Task.FromException(ex);
            }
        }
        for (var i = 0; i < pending.Length; i++)
        {
            try { await pending[i]; }
            catch (Exception ex)
            {
                errors[i] = Describe(ex);
                if (ex is not RabbitMQ.Client.Exceptions.PublishException) healthy = false;
            }
        }
        if (healthy && channel.IsOpen) _channels.Add(channel);
        else await DiscardAsync(channel);
        return errors;
    }

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

    /// <summary>Declares the exchange of a message type and what MassTransit binds to it, once per connection.</summary>
    async Task DeclareAsync(IChannel channel, MessageKind kind, CancellationToken ct)
    {
        var declared = _declared;
        if (declared.ContainsKey(kind.Exchange)) return;
        foreach (var e in kind.Topology.Exchanges)
            await channel.ExchangeDeclareAsync(e.ExchangeName, e.ExchangeType, e.Durable, e.AutoDelete, e.ExchangeArguments!, cancellationToken: ct);
        foreach (var b in kind.Topology.ExchangeBindings)
            await channel.ExchangeBindAsync(b.Destination.ExchangeName, b.Source.ExchangeName, b.RoutingKey ?? "", b.Arguments!, cancellationToken: ct);
        declared[kind.Exchange] = true;
    }

    MessageKind Describe(Type type)
    {
        var publishTopology = _bus.Topology.PublishTopology;
        if (publishTopology.GetMessageTopology(type) is not IRabbitMqMessagePublishTopology messageTopology)
            throw new InvalidOperationException("The outbox publishes to RabbitMQ only; the bus is not on RabbitMQ.");
        var builder = new PublishEndpointBrokerTopologyBuilder(((IRabbitMqPublishTopology)publishTopology).BrokerTopologyOptions);
        messageTopology.Apply(builder);
        var topology = builder.BuildBrokerTopology();
        var names = (string[])typeof(MessageTypeCache<>).MakeGenericType(type)
            .GetProperty(nameof(MessageTypeCache<object>.MessageTypeNames), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return new MessageKind(builder.Exchange.Exchange.ExchangeName, topology, JsonSerializer.SerializeToUtf8Bytes(names));
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

    internal sealed record MessageKind(string Exchange, BrokerTopology Topology, byte[] MessageTypeJson);
}
