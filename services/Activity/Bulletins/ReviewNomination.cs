using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>The bulletin's reviewers accept or reject a proposed nomination (not their own), once.</summary>
public sealed class ReviewNomination(ActivityDbContext db, BulletinAccess access, TimeProvider clock)
{
    public async Task<C.Nomination> HandleAsync(C.ReviewNominationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).Optional("note", request.Note, Nomination.MaxNoteLength).ThrowIfAny();
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var nomination = await (await access.VisibleNominationsAsync(caller, ct)).SingleOrDefaultAsync(n => n.Id == id, ct)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The nomination was not found."));
        BulletinAccess.EnsureMayReview(caller, nomination.AllianceId, nomination.LeadSubsidiaryId);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, nomination.Version, "nomination");
        try
        {
            nomination.Review(request.Accept, Requests.Blank(request.Note), new Actor(caller.UserId ?? "unknown", caller.Role), clock.GetUtcNow().ToUniversalTime());
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("nomination");
        }
        return nomination.ToContract(caller);
    }
}
