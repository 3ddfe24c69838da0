using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>A page of the sync runs the caller sees, newest first, optionally of one subsidiary and status.</summary>
public sealed class ListHrSyncRuns(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.ListHrSyncRunsResponse> HandleAsync(C.ListHrSyncRunsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (request.Status is { Length: > 0 } s && s is not ("running" or "succeeded" or "failed")) errors.Add("status", "must be running, succeeded or failed.");
        errors.ThrowIfAny();
        var query = db.Set<HrSyncRun>().AsNoTracking().Where(HrSyncRuns.Scope(context, request.SubsidiaryId));
        if (request.Status is { Length: > 0 } status) query = query.Where(r => r.Status == status);
        var (page, size) = HrSyncRequests.Page(request.Page, request.PageSize);
        var ct = context.CancellationToken;
        var response = new C.ListHrSyncRunsResponse { Total = await query.CountAsync(ct) };
        response.Items.AddRange((await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct)).Select(r => ToContract(r, clock)));
        return response;
    }
}
