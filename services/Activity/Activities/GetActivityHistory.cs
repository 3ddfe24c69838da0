using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
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
        history.Changes.AddRange(changes.Select(c => c.ToFieldContract<C.ActivityChange>()));
        return history;
    }
}
