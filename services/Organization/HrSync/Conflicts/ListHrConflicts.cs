using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Conflicts;

/// <summary>A page of the HR conflicts the caller sees, newest first, optionally of one subsidiary, open or resolved.</summary>
public sealed class ListHrConflicts(OrganizationDbContext db)
{
    public async Task<C.ListHrConflictsResponse> HandleAsync(C.ListHrConflictsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (request.Status is { Length: > 0 } s && s is not ("open" or "resolved")) errors.Add("status", "must be open or resolved.");
        errors.ThrowIfAny();
        var (all, tenant) = SyncSight(context);
        var query = db.Set<HrConflict>().AsNoTracking().Where(c => all || c.SubsidiaryId == tenant);
        if (Guid.TryParse(request.SubsidiaryId, out var subsidiaryId)) query = query.Where(c => c.SubsidiaryId == subsidiaryId);
        if (request.Status == "open") query = query.Where(c => !c.Resolved);
        else if (request.Status == "resolved") query = query.Where(c => c.Resolved);
        var (page, size) = HrSyncRequests.Page(request.Page, request.PageSize);
        var ct = context.CancellationToken;
        var response = new C.ListHrConflictsResponse { Total = await query.CountAsync(ct) };
        response.Items.AddRange((await query.OrderByDescending(c => c.RaisedAt).ThenByDescending(c => c.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct)).Select(ToContract));
        return response;
    }
}
