using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>
/// The steps every change of a decision item shares: check the request, load the item in the caller's sight, check who
/// may act and the version, apply the change, and save it with its history entries and <c>DecisionItemStateChanged</c>
/// (when its state or colour moved) in one transaction. A broken rule is answered as such and writes nothing.
/// </summary>
public sealed class DecisionItemChangeFlow(ActivityDbContext db, MeetingAccess access, TimeProvider clock, SupervisionSettings settings)
{
    public delegate void Change(DecisionItem item, Actor by, DateTimeOffset now, int dueSoonDays);

    public async Task<C.DecisionItem> ChangeAsync(ServerCallContext context, string id, long expectedVersion, FieldErrors errors,
        Action<CallerScope, DecisionItem> authorize, Change change, string? reason = null)
    {
        var caller = CallerScope.From(context);
        errors.Id("id", id).ThrowIfAny();
        var ct = context.CancellationToken;
        var item = await access.FindItemAsync(caller, Guid.Parse(id), track: true, ct);
        authorize(caller, item);
        Requests.EnsureExpectedVersion(expectedVersion, item.Version, "decision item");
        var now = clock.GetUtcNow().ToUniversalTime();
        var dueSoonDays = await settings.ForAsync(item.AllianceId, ct);
        var (fromState, fromColour) = (item.State, item.Colour);
        try
        {
            change(item, new Actor(caller.UserId ?? "unknown", caller.Role), now, dueSoonDays);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.AddRange(item.Entries);
        if (item.State != fromState || item.Colour != fromColour)
            db.AddIntegrationEvent(DecisionItemMapping.StateChanged(item, fromState, fromColour, reason, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("decision item");
        }
        return MeetingAccess.Shown(caller, item.ToContract(caller, GroupCalendar.DayOf(now), dueSoonDays));
    }
}
