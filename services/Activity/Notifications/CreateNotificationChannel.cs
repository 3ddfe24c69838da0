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

/// <summary>An administrator adds an e-mail list or a group robot to a subsidiary's channels; idempotent by client request id.</summary>
public sealed class CreateNotificationChannel(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.NotificationChannel> HandleAsync(C.CreateNotificationChannelRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId).Required("name", request.Name, NotificationChannel.MaxNameLength)
            .Required("target", request.Target, NotificationChannel.MaxTargetLength).Optional("secret", request.Secret, NotificationChannel.MaxSecretLength);
        var kind = ChannelKinds.FromName(request.Kind);
        if (kind is null) errors.Add("kind", "must be email, wecom, dingtalk or feishu.");
        errors.ThrowIfAny();
        var subsidiary = Guid.Parse(request.SubsidiaryId);
        OrganizationLifeAccess.EnsureMayAdministerChannels(caller, subsidiary);
        var ct = context.CancellationToken;
        var requestKey = ClientRequests.KeyFor("create-notification-channel", subsidiary, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadAsync(earlier, ct);
        var now = clock.GetUtcNow();
        NotificationChannel channel;
        try
        {
            channel = NotificationChannel.Create(subsidiary, kind!.Value, request.Name, request.Target, Requests.Blank(request.Secret), request.Enabled,
                new Actor(caller.UserId ?? "unknown", caller.Role), now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.Add(channel);
        db.RememberClientRequest(requestKey, channel.Id, now.ToUniversalTime());
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner) return await LoadAsync(winner, ct);
        return channel.ToContract();
    }

    async Task<C.NotificationChannel> LoadAsync(Guid id, CancellationToken ct) =>
        (await db.NotificationChannels.AsNoTracking().SingleAsync(c => c.Id == id, ct)).ToContract();
}
