using Alliance.Activity.Common;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>A page of the tackling projects in the caller's sight: by alliance, year, category, status and part of the title.</summary>
public sealed class ListProjects(ProjectReading reading, JointWorkAccess access, TimeProvider clock)
{
    public static readonly string[] Sorts = ["updated", "-updated", "title", "-title", "year", "-year"];

    public async Task<C.ListProjectsResponse> HandleAsync(C.ListProjectsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of: {string.Join(", ", Sorts)}.");
        if (request.Category.Length > 0 && !ProjectCategories.IsKnown(request.Category)) errors.Add("category", "is not a project category.");
        if (request.Status.Length > 0 && !ProjectStatus.All.Contains(request.Status)) errors.Add("status", $"must be one of: {string.Join(", ", ProjectStatus.All)}.");
        if (request.Year != 0 && request.Year is < TacklingProject.MinYear or > TacklingProject.MaxYear) errors.Add("year", "is out of range.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var sight = await access.SightAsync(caller, ct);
        var (all, tenant, alliances) = (sight.All, sight.Tenant, sight.Alliances);
        var query = reading.Projects.AsNoTracking()
            .Where(p => all || p.SubsidiaryId == tenant || p.AllianceId != null && alliances.Contains(p.AllianceId.Value));
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(p => p.AllianceId == allianceId);
        if (request.Year != 0) query = query.Where(p => p.Year == request.Year);
        if (request.Category.Length > 0) query = query.Where(p => p.Category == request.Category);
        if (request.Status.Length > 0) query = query.Where(p => p.Status == request.Status);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + request.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(p => EF.Functions.ILike(p.Title, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        var ordered = request.Sort switch
        {
            "updated" => query.OrderBy(p => p.UpdatedAt),
            "title" => query.OrderBy(p => p.Title),
            "-title" => query.OrderByDescending(p => p.Title),
            "year" => query.OrderBy(p => p.Year),
            "-year" => query.OrderByDescending(p => p.Year),
            _ => query.OrderByDescending(p => p.UpdatedAt),
        };
        var items = await ordered.ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(p => p.Milestones).Include(p => p.Outcomes).AsSplitQuery().ToListAsync(ct);
        var today = clock.GroupToday();
        var response = new C.ListProjectsResponse { Total = total };
        response.Items.AddRange(items.Select(p => p.ToContract(JointWorkAccess.MayChange(caller, p.SubsidiaryId), today, [])));
        return response;
    }
}
