using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.Organization;

/// <summary>
/// alliance.organization.v1.OrganizationService. Its methods live beside their feature: Subsidiaries/ and Organizations/.
/// </summary>
public sealed partial class OrganizationGrpcService(OrganizationDbContext db, TimeProvider clock)
{
    const int DefaultPageSize = 20;
    const int MaxPageSize = 200;

    static (int Page, int PageSize) Paging(int page, int pageSize) =>
        (Math.Max(page, 1), pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize));

    /// <summary>The resource an earlier request with this client id created, if any.</summary>
    async Task<Guid?> FindClientRequestAsync(string key, CancellationToken ct) =>
        await db.ClientRequests.AsNoTracking().Where(r => r.Key == key).Select(r => (Guid?)r.ResourceId).FirstOrDefaultAsync(ct);

    void RememberClientRequest(string? key, Guid resourceId)
    {
        if (key is not null) db.ClientRequests.Add(new ClientRequest { Key = key, ResourceId = resourceId, CreatedAt = clock.GetUtcNow() });
    }

    static bool IsUniqueViolation(DbUpdateException ex, string? constraint = null) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg &&
        (constraint is null || pg.ConstraintName == constraint);
}
