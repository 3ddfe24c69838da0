using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>
/// The code to show at the venue now, for those who change the activity, while check-in is open. The activity's secret is
/// made on the first request (two first requests at once keep one: INSERT ... ON CONFLICT DO NOTHING).
/// </summary>
public sealed class GetCheckInCode(ActivityDbContext db, ActivityAccess access, IOptions<AttendanceOptions> options, TimeProvider clock)
{
    public async Task<C.CheckInCode> HandleAsync(C.GetCheckInCodeRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("activityId", request.ActivityId).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        ActivityAccess.EnsureMayShowCheckInCode(caller, activity);
        var now = clock.GetUtcNow().ToUniversalTime();
        var settings = options.Value;
        try
        {
            CheckInWindow.Ensure(activity, now, settings);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        var secret = await SecretAsync(db, activity.Id, now, ct);
        var step = CheckInCodes.StepOf(now, settings.CodeStepSeconds);
        var (from, until) = CheckInCodes.StepWindow(step, settings.CodeStepSeconds);
        return new C.CheckInCode
        {
            ActivityId = activity.Id.ToString(), Code = CheckInCodes.At(secret, step),
            ValidFrom = Timestamp.FromDateTimeOffset(from), ValidUntil = Timestamp.FromDateTimeOffset(until), StepSeconds = settings.CodeStepSeconds,
        };
    }

    static async Task<byte[]> SecretAsync(ActivityDbContext db, Guid activityId, DateTimeOffset now, CancellationToken ct)
    {
        var secret = await db.Set<CheckInSecret>().AsNoTracking().Where(s => s.ActivityId == activityId).Select(s => s.Secret).SingleOrDefaultAsync(ct);
        if (secret is not null) return secret;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO check_in_secrets (activity_id, secret, created_at) VALUES ({activityId}, {CheckInCodes.NewSecret()}, {now}) ON CONFLICT (activity_id) DO NOTHING", ct);
        return await db.Set<CheckInSecret>().AsNoTracking().Where(s => s.ActivityId == activityId).Select(s => s.Secret).SingleAsync(ct);
    }
}
