using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.Organization;

/// <summary>
/// alliance.organization.v1.OrganizationService, the party organization tree: its methods are in Organizations/ (the tree's
/// records, and its effective-dated changes and history).
/// </summary>
public sealed partial class OrganizationGrpcService(OrganizationDbContext db, TimeProvider clock) : Alliance.Contracts.Organization.V1.OrganizationService.OrganizationServiceBase
{
}
