using Alliance.Activity.Activities;
using Alliance.Activity.Attendance;
using Alliance.Activity.Data;
using Alliance.Activity.OrganizationLife;
using Alliance.Activity.Supervision;
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

    /// <summary>
    /// Each activity as scheduled now, then held or cancelled if it was, with its invitations (withdrawn or not) and check-ins; the
    /// meeting rules as they stand; each decision item as recorded, then in its state and colour (a verified item at the
    /// time it was verified, so its day counts for on-time closure): what their own events leave in a read model.
    /// </summary>
    async IAsyncEnumerable<IIntegrationEvent> StateEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var activity in db.Activities.AsNoTracking().Include(a => a.Hosts).OrderBy(a => a.Id).AsSplitQuery()
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return ActivityMapping.Scheduled(activity, At);
            if (activity.Status == ActivityStatus.Held) yield return ActivityMapping.Held(activity, At);
            else if (activity.Status == ActivityStatus.Cancelled) yield return ActivityMapping.Cancelled(activity, At);
        }

        // Attendance rows need only their activity's id and tenant: the hosts come from the activity's own events.
        var invitations = from p in db.Set<Participant>().AsNoTracking()
                          join a in db.Activities on p.ActivityId equals a.Id
                          orderby p.Id
                          select new { Participant = p, a.SubsidiaryId };
        await foreach (var x in invitations.AsAsyncEnumerable().WithCancellation(ct))
        {
            var p = x.Participant;
            yield return new ParticipantInvited(Guid.CreateVersion7(), x.SubsidiaryId, At, p.ActivityId, p.Id, p.KindName,
                p.OrganizationId, p.MemberUnitId, p.PersonId, p.SubsidiaryId, p.Name, p.ExpectedCount, []);
            if (p.Withdrawn)
                yield return new InvitationWithdrawn(Guid.CreateVersion7(), x.SubsidiaryId, At, p.ActivityId, p.Id, p.KindName,
                    p.OrganizationId, p.MemberUnitId, p.PersonId, p.ExpectedCount);
        }
        var checkIns = from c in db.Set<CheckIn>().AsNoTracking()
                       join a in db.Activities on c.ActivityId equals a.Id
                       orderby c.Id
                       select new { CheckIn = c, a.SubsidiaryId };
        await foreach (var x in checkIns.AsAsyncEnumerable().WithCancellation(ct))
        {
            var c = x.CheckIn;
            yield return new ParticipantCheckedIn(Guid.CreateVersion7(), x.SubsidiaryId, At, c.ActivityId, c.Id, c.PersonId,
                c.UserName, c.OrganizationId, c.SubsidiaryId, c.CheckedInAt, c.MethodName, []);
        }

        await foreach (var rule in db.MeetingRules.AsNoTracking().OrderBy(r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
            yield return OrganizationLifeMapping.Created(rule, At) with { EventId = Guid.CreateVersion7() };

        await foreach (var item in db.DecisionItems.AsNoTracking().OrderBy(i => i.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return DecisionItemMapping.Recorded(item, At) with { EventId = Guid.CreateVersion7() };
            var at = item.State == DecisionItemState.Verified ? item.UpdatedAt : At;
            yield return DecisionItemMapping.StateChanged(item, DecisionItemState.Open, SupervisionColour.Green, null, at) with { EventId = Guid.CreateVersion7() };
        }
    }
}
