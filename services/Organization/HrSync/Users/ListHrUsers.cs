using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Users;

/// <summary>A window of the client's HR users (SCIM list), optionally filtered (<see cref="HrFilterSql"/>), oldest first.</summary>
public sealed class ListHrUsers(OrganizationDbContext db)
{
    public async Task<C.ListHrUsersResponse> HandleAsync(C.ListHrResourcesRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var (skip, take) = HrSyncRequests.Window(request);
        IQueryable<HrUser> query;
        if (request.Filter is { } filter)
        {
            var (sql, parameters) = HrFilterSql.ForUsers(filter);
            // Only HrFilterSql's fixed column names and operators are in the text; every value is a parameter.
            var text = "SELECT * FROM hr_users WHERE " + sql;
            query = db.Set<HrUser>().FromSqlRaw(text, parameters.Cast<object>().ToArray());
        }
        else query = db.Set<HrUser>();
        query = query.AsNoTracking().Where(u => u.SubsidiaryId == tenant);
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        var items = take == 0 ? [] : await query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(skip).Take(take).ToListAsync(ct);
        var response = new C.ListHrUsersResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }
}
