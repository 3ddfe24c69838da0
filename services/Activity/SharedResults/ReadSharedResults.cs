using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.SharedResults;

/// <summary>Shared results in the caller's sight (<see cref="JointWorkAccess"/>): one with its reuses, or a page by alliance, kind and part of the title.</summary>
public sealed class ReadSharedResults(ActivityDbContext db, JointWorkAccess access)
{
    public static readonly string[] Sorts = ["shared", "-shared", "reuses", "-reuses", "title"];

    public async Task<C.SharedResult> GetAsync(C.GetSharedResultRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var result = await db.Set<SharedResult>().AsNoTracking().Include(r => r.Reuses).SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw JointWorkAccess.NotFound("shared result");
        await access.EnsureSeesAsync(caller, result.SubsidiaryId, result.AllianceId, "shared result", ct);
        return result.ToContract(canRecordReuse: caller.MayPlan());
    }

    public async Task<C.ListSharedResultsResponse> ListAsync(C.ListSharedResultsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of: {string.Join(", ", Sorts)}.");
        if (request.Kind.Length > 0 && !ResultKinds.IsKnown(request.Kind)) errors.Add("kind", "is not a kind of result.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var sight = await access.SightAsync(caller, ct);
        var (all, tenant, alliances) = (sight.All, sight.Tenant, sight.Alliances);
        var query = db.Set<SharedResult>().AsNoTracking().Where(r => all || r.SubsidiaryId == tenant || alliances.Contains(r.AllianceId));
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(r => r.AllianceId == allianceId);
        if (request.Kind.Length > 0) query = query.Where(r => r.Kind == request.Kind);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + request.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(r => EF.Functions.ILike(r.Title, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        var ordered = request.Sort switch
        {
            "shared" => query.OrderBy(r => r.SharedOn),
            "reuses" => query.OrderBy(r => r.ReuseCount),
            "-reuses" => query.OrderByDescending(r => r.ReuseCount),
            "title" => query.OrderBy(r => r.Title),
            _ => query.OrderByDescending(r => r.SharedOn),
        };
        var items = await ordered.ThenBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new C.ListSharedResultsResponse { Total = total };
        response.Items.AddRange(items.Select(r => r.ToContract(canRecordReuse: caller.MayPlan(), withReuses: false)));
        return response;
    }
}
