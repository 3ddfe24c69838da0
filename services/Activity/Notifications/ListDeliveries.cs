using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>Deliveries the caller may see (those of the notifications they read), newest first, by subsidiary and state.</summary>
public sealed class ListDeliveries(ActivityDbContext db)
{
    public async Task<C.ListDeliveriesResponse> HandleAsync(C.ListDeliveriesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        DeliveryState? state = null;
        if (!string.IsNullOrWhiteSpace(request.State))
        {
            if (Enum.TryParse<DeliveryState>(request.State.Trim(), true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(request.State, out _)) state = parsed;
            else errors.Add("state", "must be pending, sent, retrying or failed.");
        }
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var query = OrganizationLifeAccess.Visible(db.Deliveries.AsNoTracking(), caller);
        if (!string.IsNullOrWhiteSpace(request.SubsidiaryId))
        {
            var subsidiary = Guid.Parse(request.SubsidiaryId);
            OrganizationLifeAccess.EnsureMaySeeSubsidiary(caller, subsidiary);
            query = query.Where(d => d.SubsidiaryId == subsidiary);
        }
        if (state is { } only) query = query.Where(d => d.State == only);
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var items = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Notifications, d => d.NotificationId, n => n.Id, (d, n) => new { Delivery = d, n.Title })
            .Join(db.NotificationChannels, x => x.Delivery.ChannelId, c => c.Id, (x, c) => new { x.Delivery, x.Title, c.Name })
            .ToListAsync(ct);
        var response = new C.ListDeliveriesResponse { Total = await query.CountAsync(ct) };
        response.Items.AddRange(items.Select(i => i.Delivery.ToContract(i.Title, i.Name)));
        return response;
    }
}
