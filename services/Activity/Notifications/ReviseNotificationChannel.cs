using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>An administrator renames, re-targets, re-keys, enables or disables a channel (target and secret kept unless given).</summary>
public sealed class ReviseNotificationChannel(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.NotificationChannel> HandleAsync(C.ReviseNotificationChannelRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).Required("name", request.Name, NotificationChannel.MaxNameLength)
            .Optional("target", request.HasTarget ? request.Target : null, NotificationChannel.MaxTargetLength)
            .Optional("secret", request.HasSecret ? request.Secret : null, NotificationChannel.MaxSecretLength).ThrowIfAny();
        var ct = context.CancellationToken;
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.Id == Guid.Parse(request.Id), ct);
        if (channel is null || !caller.CanAccess(channel.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The notification channel was not found."));
        OrganizationLifeAccess.EnsureMayAdministerChannels(caller, channel.SubsidiaryId);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, channel.Version, "notification channel");
        try
        {
            channel.Revise(request.Name, request.HasTarget ? request.Target : null, request.HasSecret ? request.Secret : null, request.Enabled,
                new Actor(caller.UserId ?? "unknown", caller.Role), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("notification channel");
        }
        return channel.ToContract();
    }
}
