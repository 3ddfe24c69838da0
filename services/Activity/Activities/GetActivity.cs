using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>One activity in the caller's sight, with whether the caller may change it.</summary>
public sealed class GetActivity(ActivityDbContext db, ActivityAccess access)
{
    public async Task<C.Activity> HandleAsync(C.GetActivityRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var type = await db.ActivityTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == activity.TypeId, ct);
        return activity.ToContract(type, ActivityAccess.MayChange(caller, activity));
    }
}
