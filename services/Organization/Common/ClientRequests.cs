using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.Organization.Common;

/// <summary>Idempotent creates for every feature: remembering a client's request id, and finding what it created.</summary>
internal static class ClientRequests
{
    /// <summary>The resource an earlier request with this key created, if any.</summary>
    public static async Task<Guid?> FindClientRequestAsync(this OrganizationDbContext db, string? key, CancellationToken ct) =>
        key is null ? null
        : await db.ClientRequests.AsNoTracking().Where(r => r.Key == key).Select(r => (Guid?)r.ResourceId).FirstOrDefaultAsync(ct);

    /// <summary>Adds the key to the same SaveChanges as the resource, so a retry finds it.</summary>
    public static void RememberClientRequest(this OrganizationDbContext db, string? key, Guid resourceId, DateTimeOffset now)
    {
        if (key is not null) db.ClientRequests.Add(new ClientRequest { Key = key, ResourceId = resourceId, CreatedAt = now });
    }

    public static string? ClientRequestKey(string operation, Guid? scope, string clientRequestId) =>
        string.IsNullOrWhiteSpace(clientRequestId) ? null : ClientRequest.KeyFor(operation, scope, clientRequestId.Trim());

    /// <summary>
    /// Saves a create. Returns null when it was saved, or the id of what the same client request created when a
    /// concurrent retry of it won the race (the caller returns that). Any other unique violation is the feature's
    /// <paramref name="conflict"/> (a duplicate code, a duplicate ID number), or without one ABORTED, to retry.
    /// In a transaction the caller began, a violation rolls it back (to look up the winner); the caller commits on null.
    /// </summary>
    public static async Task<Guid?> SaveCreateAsync(this OrganizationDbContext db, string? requestKey, CancellationToken ct, Func<RpcException>? conflict = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            if (db.Database.CurrentTransaction is { } transaction) await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (requestKey is not null && await db.FindClientRequestAsync(requestKey, ct) is { } winner) return winner;
            throw conflict?.Invoke() ?? new RpcException(new Status(StatusCode.Aborted, "A concurrent request conflicted; retry."));
        }
    }

    public static bool IsUniqueViolation(DbUpdateException ex, string? constraint = null) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg &&
        (constraint is null || pg.ConstraintName == constraint);
}
