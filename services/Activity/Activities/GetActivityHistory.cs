using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>An activity's audit log, newest first: who changed it, when, and each field from what to what.</summary>
public sealed class GetActivityHistory(ActivityDbContext db, ActivityAccess access)
{
    public async Task<C.ActivityHistory> HandleAsync(C.GetActivityHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var changes = await db.Set<ActivityChange>().AsNoTracking().Where(c => c.ActivityId == activity.Id)
            .OrderByDescending(c => c.Version).ToListAsync(ct);
        var history = new C.ActivityHistory();
        history.Changes.AddRange(changes.Select(c =>
        {
            var change = new C.ActivityChange
            {
                Id = c.Id.ToString(), Kind = c.Kind, Version = c.Version, ChangedAt = Timestamp.FromDateTimeOffset(c.ChangedAt),
                ChangedBy = c.ChangedBy, ChangedByRole = c.ChangedByRole,
            };
            change.Changes.AddRange(c.ReadChanges().Select(f => new C.FieldChange { Field = f.Field, OldValue = f.OldValue, NewValue = f.NewValue }));
            return change;
        }));
        return history;
    }
}
