using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Closes a re-evaluation: every entry neither confirmed nor removed in it is flagged "not re-evaluated" (and stays listed).</summary>
public sealed class CloseReevaluation(TalentDbContext db, DynamicListAccess access, TimeProvider clock)
{
    public async Task<C.Reevaluation> HandleAsync(C.CloseReevaluationRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("listId", request.ListId).Id("reevaluationId", request.ReevaluationId).ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var list = await access.FindListAsync(caller, Guid.Parse(request.ListId), ct);
        var id = Guid.Parse(request.ReevaluationId);
        var reevaluation = await db.Reevaluations.SingleOrDefaultAsync(r => r.Id == id && r.ListId == list.Id, ct);
        if (reevaluation is null || !(caller.IsGroupAdmin || reevaluation.SubsidiaryId == caller.TenantId))
            throw new RpcException(new Status(StatusCode.NotFound, "The re-evaluation was not found."));
        DynamicListAccess.EnsureMayDecide(caller, reevaluation.SubsidiaryId ?? (caller.IsGroupAdmin ? Guid.Empty : Guid.NewGuid()));
        if (reevaluation.ClosedAt is not null)
            throw FieldErrors.Single("reevaluationId", "The re-evaluation is closed already.", StatusCode.FailedPrecondition);
        var now = clock.GetUtcNow().ToUniversalTime();
        var by = Actor.Of(caller);
        var left = await db.ListEntries.Where(e => e.AwaitingReevaluationId == id).ToListAsync(ct);
        foreach (var entry in left)
        {
            entry.FlagNotReevaluated(by, now);
            db.EntryChanges.AddRange(entry.Changes);
            db.AddIntegrationEvent(DynamicListMapping.Changed(entry, list.Kind, "flagged-not-reevaluated", now));
        }
        reevaluation.Close(left.Count, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("list entries");
        }
        return reevaluation.ToContract(pending: 0);
    }
}
