using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncMapping;
using static Alliance.Organization.HrSync.HrSyncAccess;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Groups;

/// <summary>A window of the client's HR groups (SCIM list), optionally filtered (<see cref="HrFilterSql"/>), with their members unless left out.</summary>
public sealed class ListHrGroups(OrganizationDbContext db, HrGroups groups)
{
    public async Task<C.ListHrGroupsResponse> HandleAsync(C.ListHrResourcesRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var (skip, take) = HrSyncRequests.Window(request);
        IQueryable<HrGroup> query;
        if (request.Filter is { } filter)
        {
            var (sql, parameters) = HrFilterSql.ForGroups(filter);
            // Only HrFilterSql's fixed column names and operators are in the text; every value is a parameter.
            var text = "SELECT * FROM hr_groups WHERE " + sql;
            query = db.Set<HrGroup>().FromSqlRaw(text, parameters.Cast<object>().ToArray());
        }
        else query = db.Set<HrGroup>();
        query = query.AsNoTracking().Where(g => g.SubsidiaryId == tenant);
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        var page = take == 0 ? [] : await query.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).Skip(skip).Take(take).ToListAsync(ct);
        var response = new C.ListHrGroupsResponse { Total = total };
        var members = request.WithoutMembers ? [] : await groups.MembersOfAsync(page.Select(g => g.Id).ToList(), ct);
        response.Items.AddRange(page.Select(g => ToContract(g, members.Where(m => m.GroupId == g.Id))));
        return response;
    }
}
