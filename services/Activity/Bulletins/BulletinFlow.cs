using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// The steps every change of a bulletin shares: check the request, load it in the caller's sight, check who may act and
/// the version, apply the step (a published bulletin refuses every one: FAILED_PRECONDITION), and save it with its audit
/// entry (and its event) in one transaction. A refused step writes nothing.
/// </summary>
public sealed class BulletinFlow(ActivityDbContext db, BulletinAccess access, TimeProvider clock)
{
    public delegate Task Step(Bulletin bulletin, Actor by, DateTimeOffset now, CancellationToken ct);

    public async Task<C.BulletinDocument> ChangeAsync(ServerCallContext context, string id, long expectedVersion, FieldErrors errors,
        Action<CallerScope, Bulletin> authorize, Step step)
    {
        var caller = CallerScope.From(context);
        errors.Id("id", id).ThrowIfAny();
        var ct = context.CancellationToken;
        var bulletin = await access.FindVisibleAsync(caller, Guid.Parse(id), track: true, ct);
        if (bulletin.State == BulletinState.Published)
            throw FieldErrors.Single("state", "A published bulletin is immutable.", StatusCode.FailedPrecondition);
        authorize(caller, bulletin);
        Requests.EnsureExpectedVersion(expectedVersion, bulletin.Version, "bulletin");
        var now = clock.GetUtcNow().ToUniversalTime();
        try
        {
            await step(bulletin, new Actor(caller.UserId ?? "unknown", caller.Role), now, ct);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.AddRange(bulletin.Changes);
        if (bulletin.State == BulletinState.Published) db.AddIntegrationEvent(BulletinMapping.Published(bulletin, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("bulletin");
        }
        return bulletin.ToContract(caller);
    }
}
