using RabbitMQ.Client;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>A message waiting in an error queue, as an operator sees it.</summary>
public sealed record ErrorQueueMessage(string? MessageId, string? MessageType, string? FaultReason, string? FaultExceptionType, string Body);

/// <summary>
/// Lets an operator look at <c>&lt;queue&gt;_error</c> (where MassTransit moves messages whose retries ran out)
/// and move its messages back to <c>&lt;queue&gt;</c> to be consumed again, keeping MessageId and headers
/// (so the consumer's inbox still recognises anything already processed).
/// </summary>
public sealed class ErrorQueueReplayer(Uri brokerAddress)
{
    const string ErrorSuffix = "_error";
    static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    /// <summary>Up to <paramref name="max"/> messages of the error queue, left in place.</summary>
    public async Task<IReadOnlyList<ErrorQueueMessage>> PeekAsync(string queue, int max = 100, CancellationToken ct = default)
    {
        await using var connection = await Factory().CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var result = new List<ErrorQueueMessage>();
        while (result.Count < max)
        {
            var got = await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, ct);
            if (got is null) break;
            var headers = got.BasicProperties.Headers;
            result.Add(new ErrorQueueMessage(got.BasicProperties.MessageId, Header(headers, "MT-MessageType") ?? got.BasicProperties.Type,
                Header(headers, "MT-Fault-Message"), Header(headers, "MT-Fault-ExceptionType"), System.Text.Encoding.UTF8.GetString(got.Body.Span)));
        }
        // Closing the channel without acks returns every message to the queue.
        return result;
    }

    /// <summary>Moves up to <paramref name="max"/> messages from <c>queue_error</c> back to <c>queue</c>; returns how many moved.</summary>
    public async Task<int> ReplayAsync(string queue, int max = int.MaxValue, CancellationToken ct = default)
    {
        await using var connection = await Factory().CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = 0;
        while (moved < max)
        {
            var got = await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, ct);
            if (got is null) break;
            var properties = new BasicProperties(got.BasicProperties) { Persistent = true };
            if (properties.Headers is { } headers)
                properties.Headers = headers.Where(h => !FaultHeaderPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.Ordinal)))
                    .ToDictionary(h => h.Key, h => h.Value);
            // Straight to the queue through the default exchange: only this queue's consumers see it again.
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, got.Body, ct); // returns after the broker's confirm
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }

    /// <summary>How many messages wait in <c>queue_error</c>.</summary>
    public async Task<uint> CountAsync(string queue, CancellationToken ct = default)
    {
        await using var connection = await Factory().CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        return await channel.MessageCountAsync(queue + ErrorSuffix, ct);
    }

    ConnectionFactory Factory() => new() { Uri = brokerAddress, ClientProvidedName = "alliance-error-queue-replayer" };

    static string? Header(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value)
            ? value switch { byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;
}
