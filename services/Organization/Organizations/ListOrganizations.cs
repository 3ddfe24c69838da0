using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Search;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Common.PageRequests;
using static Alliance.Organization.Organizations.OrganizationMapping;

namespace Alliance.Organization.Organizations;

/// <summary>
/// A page of a subsidiary's organizations in tree order (by path): active ones unless ended are asked for, optionally the
/// children of one parent or a subtree, searched by name or its pinyin.
/// </summary>
public sealed class ListOrganizations(OrganizationDbContext db)
{
    public async Task<ListOrganizationsResponse> HandleAsync(ListOrganizationsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Id("parentId", request.HasParentId ? request.ParentId : null, required: false)
            .Id("subtreeOf", request.HasSubtreeOf ? request.SubtreeOf : null, required: false)
            .ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var query = db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == subsidiaryId);
        if (!request.IncludeEnded) query = query.Where(o => o.Status == OrganizationStatus.Active);
        if (request.HasSubtreeOf && !string.IsNullOrWhiteSpace(request.SubtreeOf))
        {
            var rootId = Guid.Parse(request.SubtreeOf);
            var rootPath = await db.Organizations.AsNoTracking().Where(o => o.Id == rootId && o.SubsidiaryId == subsidiaryId)
                .Select(o => o.Path).SingleOrDefaultAsync(context.CancellationToken)
                ?? throw FieldErrors.Single("subtreeOf", "The organization was not found in the subsidiary.", StatusCode.NotFound);
            query = query.Where(o => o.Path == rootPath || EF.Functions.Like(o.Path, rootPath + PartyOrganization.PathSeparator + "%"));
        }
        if (request.HasParentId && !string.IsNullOrWhiteSpace(request.ParentId))
        {
            var parentId = Guid.Parse(request.ParentId);
            query = query.Where(o => o.ParentId == parentId);
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            // Part of the name, or of its pinyin or initials ("dydzb" finds 第一党支部).
            var name = Like.Containing(request.Search.Trim());
            var pinyin = NameSearchKey.Normalize(request.Search) is { } key ? Like.Containing(key) : null;
            query = pinyin is null
                ? query.Where(o => EF.Functions.Like(o.Name, name, Like.Escape))
                : query.Where(o => EF.Functions.Like(o.Name, name, Like.Escape) || EF.Functions.Like(o.NameSearch!, pinyin, Like.Escape));
        }
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        // Ordered by path, a page reads as a tree: every node right after its ancestors.
        var items = await query.OrderBy(o => o.Path).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new ListOrganizationsResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }
}
