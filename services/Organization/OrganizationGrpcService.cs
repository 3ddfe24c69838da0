using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.Organization;

/// <summary>
/// alliance.organization.v1.OrganizationService. Its methods live beside their feature: Subsidiaries/ and Organizations/.
/// </summary>
public sealed partial class OrganizationGrpcService(OrganizationDbContext db, TimeProvider clock) : Alliance.Contracts.Organization.V1.OrganizationService.OrganizationServiceBase
{
    const int DefaultPageSize = 20;
    const int MaxPageSize = 200;

    static (int Page, int PageSize) Paging(int page, int pageSize) =>
        (Math.Max(page, 1), pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize));
}
