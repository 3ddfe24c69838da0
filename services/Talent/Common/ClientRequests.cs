using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.Talent.Common;

/// <summary>A create that carried a client request id (the gateway's Idempotency-Key), remembered in the same transaction as what it created.</summary>
public sealed class ClientRequest
{
    public string Key { get; init; } = "";
    public Guid ResourceId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Idempotent creates: the key of a request, what an earlier one created, saving with a race.</summary>
internal static class ClientRequests
{
    /// <summary>The key is operation, tenant (or group) and the client's id, so two subsidiaries' keys never collide.</summary>
    public static string? KeyFor(string operation, Guid? tenant, string? clientRequestId) =>
        string.IsNullOrWhiteSpace(clientRequestId) ? null : $"{operation}:{tenant?.ToString() ?? "group"}:{clientRequestId.Trim()}";

    public static async Task<Guid?> FindClientRequestAsync(this TalentDbContext db, string? key, CancellationToken ct) =>
        key is null ? null
        : await db.ClientRequests.AsNoTracking().Where(r => r.Key == key).Select(r => (Guid?)r.ResourceId).FirstOrDefaultAsync(ct);

    public static void RememberClientRequest(this TalentDbContext db, string? key, Guid resourceId, DateTimeOffset now)
    {
        if (key is not null) db.ClientRequests.Add(new ClientRequest { Key = key, ResourceId = resourceId, CreatedAt = now });
    }

    /// <summary>
    /// Saves a create. Returns null when saved, or the id a concurrent retry of the same client request created when it
    /// won the race. Any other unique violation is <paramref name="conflict"/>, or ABORTED to retry.
    /// </summary>
    public static async Task<Guid?> SaveCreateAsync(this TalentDbContext db, string? requestKey, CancellationToken ct, Func<RpcException>? conflict = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            if (requestKey is not null && await db.FindClientRequestAsync(requestKey, ct) is { } winner) return winner;
            throw conflict?.Invoke() ?? new RpcException(new Status(StatusCode.Aborted, "A concurrent request conflicted; retry."));
        }
    }
}
