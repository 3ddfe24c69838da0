using Alliance.Contracts.Events;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Conflicts;

/// <summary>
/// An administrator resolves an open conflict with a note; <c>HrConflictResolved</c> goes out with the change. Ending roles
/// is done before through the People commands (EndRole), never here.
/// </summary>
public sealed class ResolveHrConflict(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.HrConflict> HandleAsync(C.ResolveHrConflictRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("id", request.Id).Required("note", request.Note, HrConflict.MaxNoteLength).ThrowIfAny();
        var caller = CallerScope.From(context);
        caller.EnsureAdmin("resolve an HR conflict");
        var conflict = await HrConflicts.FindAsync(db, request.Id, context, tracked: true);
        EnsureExpectedVersion(request.ExpectedVersion, conflict.Version, "HR conflict");
        if (conflict.Resolved) throw FieldErrors.Single("id", "The conflict is already resolved.", StatusCode.FailedPrecondition);
        var now = clock.GetUtcNow();
        var by = caller.UserId ?? caller.Role;
        conflict.Resolve(request.Note, by, now);
        db.AddIntegrationEvent(new HrConflictResolved(Guid.CreateVersion7(), conflict.SubsidiaryId, now, conflict.Id, conflict.PersonId, conflict.ResolutionNote!, by));
        try { await db.SaveChangesAsync(context.CancellationToken); }
        catch (DbUpdateConcurrencyException) { throw Stale("HR conflict"); }
        return ToContract(conflict);
    }
}
