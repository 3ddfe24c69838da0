using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.Common.ClientRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync;

/// <summary>What the HR use cases share about requests: SCIM windows and pages, and how a write of an HR user or group is saved.</summary>
public static class HrSyncRequests
{
    public const int DefaultCount = 100;
    public const int MaxCount = 500;

    /// <summary>A SCIM list's window: startIndex is 1-based; no count and no startIndex is the default count; at most <see cref="MaxCount"/>.</summary>
    public static (int Skip, int Take) Window(C.ListHrResourcesRequest request)
    {
        var start = Math.Max(1, request.StartIndex);
        var count = request.Count < 0 ? 0 : request.Count == 0 && request.StartIndex == 0 ? DefaultCount : Math.Min(request.Count, MaxCount);
        return (start - 1, count);
    }

    /// <summary>A page of runs or conflicts: 20 by default, at most 200.</summary>
    public static (int Page, int Size) Page(int page, int size) => (Math.Max(1, page), size <= 0 ? 20 : Math.Min(size, 200));

    public static RpcException UserNameTaken() => FieldErrors.Single("userName", "Another user already has this userName.", StatusCode.AlreadyExists);

    /// <summary>Saves a write of HR users or groups: a concurrent change is ABORTED, a taken userName ALREADY_EXISTS.</summary>
    public static async Task SaveAsync(OrganizationDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale("record");
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex, HrUserConfiguration.UserNameIndex))
        {
            throw UserNameTaken();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw Stale("record");
        }
    }
}
