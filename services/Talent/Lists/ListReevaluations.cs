using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>A list's re-evaluations the caller sees (a group admin all; others those of the group and their subsidiary), newest first.</summary>
public sealed class ListReevaluations(TalentDbContext db, DynamicListAccess access)
{
    public async Task<C.ListReevaluationsResponse> HandleAsync(C.ListReevaluationsRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("listId", request.ListId).ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var list = await access.FindListAsync(caller, Guid.Parse(request.ListId), ct);
        var tenant = caller.TenantId;
        var query = db.Reevaluations.AsNoTracking().Where(r => r.ListId == list.Id);
        if (!caller.IsGroupAdmin) query = query.Where(r => r.SubsidiaryId == null || r.SubsidiaryId == tenant);
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.OpenedAt).Skip((page - 1) * size).Take(size)
            .Select(r => new { R = r, Pending = db.ListEntries.Count(e => e.AwaitingReevaluationId == r.Id) }).ToListAsync(ct);
        var response = new C.ListReevaluationsResponse { Total = total, Page = page, PageSize = size };
        response.Items.AddRange(items.Select(x => x.R.ToContract(x.Pending)));
        return response;
    }
}
