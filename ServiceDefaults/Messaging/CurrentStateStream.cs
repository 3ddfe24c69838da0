using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// The source side of <c>CurrentState/StreamCurrentState</c> for every service that fills reporting's read models
/// (ADR 26): one repeatable-read snapshot of the service's database gives first the events of its outbox that snapshot
/// already holds and that may still be delivered, then the service's state events, in chunks.
/// </summary>
public static class CurrentStateStream
{
    const int EventsPerChunk = 500;

    public static async Task WriteAsync(DbContext db, StreamCurrentStateRequest request, IServerStreamWriter<CurrentStateChunk> responseStream,
        Func<IAsyncEnumerable<IIntegrationEvent>> stateEvents, CancellationToken ct)
    {
        var since = request.DispatchedSince?.ToDateTimeOffset()
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "dispatched_since is required."));
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var chunk = new CurrentStateChunk();
        await foreach (var (messageType, eventId) in CurrentStateEvents.IncludedAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), since, ct))
        {
            chunk.Included.Add(new IncludedEvent { MessageType = messageType, EventId = eventId.ToString() });
            if (chunk.Included.Count >= EventsPerChunk * 4) chunk = await FlushAsync(responseStream, chunk, ct);
        }
        await foreach (var evt in stateEvents().WithCancellation(ct))
        {
            var (messageType, json) = CurrentStateEvents.Write(evt);
            chunk.Events.Add(new StateEvent { MessageType = messageType, Json = json });
            if (chunk.Events.Count >= EventsPerChunk) chunk = await FlushAsync(responseStream, chunk, ct);
        }
        if (chunk.Included.Count + chunk.Events.Count > 0) await responseStream.WriteAsync(chunk, ct);
        await tx.CommitAsync(ct);
    }

    static async Task<CurrentStateChunk> FlushAsync(IServerStreamWriter<CurrentStateChunk> stream, CurrentStateChunk chunk, CancellationToken ct)
    {
        await stream.WriteAsync(chunk, ct);
        return new CurrentStateChunk();
    }
}
