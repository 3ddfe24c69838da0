using Alliance.Activity.Data;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>An administrator sends a delivery that failed for good again; FAILED_PRECONDITION for one that has not failed.</summary>
public sealed class RetryDelivery(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.Delivery> HandleAsync(C.RetryDeliveryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var delivery = await OrganizationLifeAccess.Visible(db.Deliveries, caller).SingleOrDefaultAsync(d => d.Id == Guid.Parse(request.Id), ct)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The delivery was not found."));
        OrganizationLifeAccess.EnsureMayAdministerChannels(caller, delivery.SubsidiaryId!.Value);
        if (!delivery.Retry(clock.GetUtcNow()))
            throw FieldErrors.Single("state", $"Only a delivery that failed for good can be retried; this one is {delivery.State.ToString().ToLowerInvariant()}.", StatusCode.FailedPrecondition);
        await db.SaveChangesAsync(ct);
        var title = await db.Notifications.Where(n => n.Id == delivery.NotificationId).Select(n => n.Title).SingleAsync(ct);
        var channel = await db.NotificationChannels.Where(c => c.Id == delivery.ChannelId).Select(c => c.Name).SingleAsync(ct);
        return delivery.ToContract(title, channel);
    }
}
