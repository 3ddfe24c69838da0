using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static Alliance.ServiceDefaults.Messaging.CurrentStateEvents;

namespace Alliance.Organization.CurrentState;

/// <summary>
/// Streams the organization service's current state as events for a read model to be filled from (ADR 26): one
/// repeatable-read snapshot gives both the events already in it (from the outbox) and the state events.
/// </summary>
public sealed class CurrentStateGrpcService(OrganizationDbContext db) : Contracts.Organization.V1.CurrentState.CurrentStateBase
{
    const int EventsPerChunk = 500;

    public override async Task StreamCurrentState(StreamCurrentStateRequest request, IServerStreamWriter<CurrentStateChunk> responseStream, ServerCallContext context)
    {
        CallerScope.From(context).EnsureGroupAdmin("read the current state");
        var since = request.DispatchedSince?.ToDateTimeOffset()
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "dispatched_since is required."));
        var ct = context.CancellationToken;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var chunk = new CurrentStateChunk();
        await foreach (var (messageType, eventId) in IncludedAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), since, ct))
        {
            chunk.Included.Add(new IncludedEvent { MessageType = messageType, EventId = eventId.ToString() });
            if (chunk.Included.Count >= EventsPerChunk * 4) chunk = await FlushAsync(responseStream, chunk);
        }
        await foreach (var evt in StateEvents.ReadAsync(db, ct))
        {
            var (messageType, json) = Write(evt);
            chunk.Events.Add(new StateEvent { MessageType = messageType, Json = json });
            if (chunk.Events.Count >= EventsPerChunk) chunk = await FlushAsync(responseStream, chunk);
        }
        if (chunk.Included.Count + chunk.Events.Count > 0) await responseStream.WriteAsync(chunk, ct);
        await tx.CommitAsync(ct);
    }

    static async Task<CurrentStateChunk> FlushAsync(IServerStreamWriter<CurrentStateChunk> stream, CurrentStateChunk chunk)
    {
        await stream.WriteAsync(chunk);
        return new CurrentStateChunk();
    }
}
