using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>
/// Opens a period's re-evaluation of a list, for every unit (group admin) or one subsidiary: each listed entry in it then
/// awaits being confirmed or removed with a reason. One open re-evaluation per list and scope at a time; idempotent by
/// client request id.
/// </summary>
public sealed class OpenReevaluation(TalentDbContext db, DynamicListAccess access, TimeProvider clock)
{
    public async Task<C.Reevaluation> HandleAsync(C.OpenReevaluationRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("listId", request.ListId).Required("period", request.Period, 30)
            .Id("subsidiaryId", request.SubsidiaryId, required: false).ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var list = await access.FindListAsync(caller, Guid.Parse(request.ListId), ct);
        Guid? subsidiary = Guid.TryParse(request.SubsidiaryId, out var s) ? s : caller.IsGroupAdmin ? null : caller.TenantId;
        if (!caller.IsGroupAdmin) DynamicListAccess.EnsureMayDecide(caller, subsidiary ?? Guid.Empty);
        var key = ClientRequests.KeyFor("open-reevaluation", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(key, ct) is { } earlier) return await ReevaluationReading.LoadAsync(db, earlier, ct);
        if (await db.Reevaluations.AnyAsync(r => r.ListId == list.Id && r.ClosedAt == null && (r.SubsidiaryId == null || subsidiary == null || r.SubsidiaryId == subsidiary), ct))
            throw FieldErrors.Single("listId", "A re-evaluation of this list is open already; close it first.", StatusCode.FailedPrecondition);
        var entries = await db.ListEntries.Where(e => e.ListId == list.Id && e.State == ListEntry.Listed && (subsidiary == null || e.SubsidiaryId == subsidiary)).ToListAsync(ct);
        var now = clock.GetUtcNow().ToUniversalTime();
        var reevaluation = Reevaluation.Open(list.Id, subsidiary, request.Period, entries.Count, Actor.Of(caller), now);
        foreach (var entry in entries) entry.AwaitReevaluation(reevaluation.Id);
        db.Reevaluations.Add(reevaluation);
        db.RememberClientRequest(key, reevaluation.Id, now);
        if (await db.SaveCreateAsync(key, ct) is { } winner) return await ReevaluationReading.LoadAsync(db, winner, ct);
        return reevaluation.ToContract(pending: entries.Count);
    }
}

static class ReevaluationReading
{
    public static async Task<C.Reevaluation> LoadAsync(TalentDbContext db, Guid id, CancellationToken ct)
    {
        var r = await db.Reevaluations.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        return r.ToContract(await db.ListEntries.CountAsync(e => e.AwaitingReevaluationId == id, ct));
    }
}
