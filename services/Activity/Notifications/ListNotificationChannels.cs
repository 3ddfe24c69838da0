using Alliance.Activity.Data;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>A subsidiary's channels, for those who set them up (no secrets, robots' keys masked).</summary>
public sealed class ListNotificationChannels(ActivityDbContext db)
{
    public async Task<C.ListNotificationChannelsResponse> HandleAsync(C.ListNotificationChannelsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId).ThrowIfAny();
        var subsidiary = Guid.Parse(request.SubsidiaryId);
        OrganizationLifeAccess.EnsureMayAdministerChannels(caller, subsidiary);
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => c.SubsidiaryId == subsidiary).OrderBy(c => c.CreatedAt)
            .ToListAsync(context.CancellationToken);
        var response = new C.ListNotificationChannelsResponse();
        response.Items.AddRange(channels.Select(c => c.ToContract()));
        return response;
    }
}
