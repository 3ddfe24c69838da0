using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.PracticalProjects;

/// <summary>Practical projects in the caller's sight (<see cref="JointWorkAccess"/>): one, or a page by alliance, beneficiary kind and part of the title, with the beneficiaries of all it matched.</summary>
public sealed class ReadPracticalProjects(ActivityDbContext db, JointWorkAccess access)
{
    public static readonly string[] Sorts = ["done", "-done", "beneficiaries", "-beneficiaries"];

    public async Task<C.PracticalProject> GetAsync(C.GetPracticalProjectRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var project = await db.Set<PracticalProject>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw JointWorkAccess.NotFound("practical project");
        await access.EnsureSeesAsync(caller, project.SubsidiaryId, project.AllianceId, "practical project", ct);
        return project.ToContract();
    }

    public async Task<C.ListPracticalProjectsResponse> ListAsync(C.ListPracticalProjectsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of: {string.Join(", ", Sorts)}.");
        if (request.BeneficiaryKind.Length > 0 && !BeneficiaryKinds.IsKnown(request.BeneficiaryKind)) errors.Add("beneficiaryKind", "is not a kind of beneficiary.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var sight = await access.SightAsync(caller, ct);
        var (all, tenant, alliances) = (sight.All, sight.Tenant, sight.Alliances);
        var query = db.Set<PracticalProject>().AsNoTracking().Where(p => all || p.SubsidiaryId == tenant || alliances.Contains(p.AllianceId));
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(p => p.AllianceId == allianceId);
        if (request.BeneficiaryKind.Length > 0) query = query.Where(p => p.BeneficiaryKind == request.BeneficiaryKind);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + request.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(p => EF.Functions.ILike(p.Title, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        var beneficiaries = await query.SumAsync(p => (long)p.BeneficiaryCount, ct);
        var ordered = request.Sort switch
        {
            "done" => query.OrderBy(p => p.DoneOn),
            "beneficiaries" => query.OrderBy(p => p.BeneficiaryCount),
            "-beneficiaries" => query.OrderByDescending(p => p.BeneficiaryCount),
            _ => query.OrderByDescending(p => p.DoneOn),
        };
        var items = await ordered.ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new C.ListPracticalProjectsResponse { Total = total, BeneficiaryTotal = beneficiaries };
        response.Items.AddRange(items.Select(p => p.ToContract()));
        return response;
    }
}
