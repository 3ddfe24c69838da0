using Alliance.Activity.Activities;
using Alliance.Activity.Data;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.ServiceDefaults.Messaging.CurrentStateEvents;
using ActivityStatus = Alliance.Activity.Activities.ActivityStatus;

namespace Alliance.Activity.CurrentState;

/// <summary>
/// The activity service as a source of reporting's read models (ADR 26), on the same <c>CurrentState</c> contract as the
/// organization service: its activities streamed as the events that recreate them on an empty read model. It has no
/// reconciliation counts (GetReconciliationCounts answers UNIMPLEMENTED).
/// </summary>
public sealed class ActivityCurrentStateGrpcService(ActivityDbContext db) : Contracts.Organization.V1.CurrentState.CurrentStateBase
{
    public override Task StreamCurrentState(StreamCurrentStateRequest request, IServerStreamWriter<CurrentStateChunk> responseStream, ServerCallContext context)
    {
        CallerScope.From(context).EnsureGroupAdmin("read the current state");
        return CurrentStateStream.WriteAsync(db, request, responseStream, () => StateEventsAsync(context.CancellationToken), context.CancellationToken);
    }

    /// <summary>Each activity as scheduled now, then held or cancelled if it was: what its own events leave in a read model.</summary>
    async IAsyncEnumerable<IIntegrationEvent> StateEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var activity in db.Activities.AsNoTracking().Include(a => a.Hosts).OrderBy(a => a.Id).AsSplitQuery()
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return ActivityMapping.Scheduled(activity, At);
            if (activity.Status == ActivityStatus.Held) yield return ActivityMapping.Held(activity, At);
            else if (activity.Status == ActivityStatus.Cancelled) yield return ActivityMapping.Cancelled(activity, At);
        }
    }
}
