using Alliance.Contracts;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using static Alliance.Organization.Alliances.UnitRequests;

namespace Alliance.Organization.HrSync;

/// <summary>
/// Who may reach HR synchronisation. HR users and groups: only an HR client (role hr-client), only in its subsidiary.
/// Runs, batches, files and conflicts: an administrator who may reach the subsidiary or an HR client of it; another
/// subsidiary's runs and conflicts are NOT_FOUND.
/// </summary>
public static class HrSyncAccess
{
    /// <summary>The HR client's subsidiary; anyone else is PERMISSION_DENIED.</summary>
    public static Guid HrTenant(ServerCallContext context)
    {
        if (context.UserRole != Roles.HrClient || !Guid.TryParse(context.TenantId, out var tenant))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only an HR client may call this."));
        return tenant;
    }

    /// <summary>An HR client of the subsidiary or an administrator who may reach it; answers who, for the run's record.</summary>
    public static string AuthorizeSync(ServerCallContext context, Guid subsidiaryId)
    {
        if (context.UserRole == Roles.HrClient)
        {
            if (!Guid.TryParse(context.TenantId, out var tenant) || tenant != subsidiaryId)
                throw new RpcException(new Status(StatusCode.NotFound, "The subsidiary was not found."));
            return "hr-client";
        }
        var caller = CallerScope.From(context);
        caller.EnsureAdmin("synchronise HR data");
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        return caller.UserId ?? caller.Role;
    }

    /// <summary>Every subsidiary (group admin), or the caller's own (subsidiary admin, HR client).</summary>
    public static (bool All, Guid? Tenant) SyncSight(ServerCallContext context)
    {
        if (context.UserRole == Roles.HrClient)
            return Guid.TryParse(context.TenantId, out var t) ? (false, t) : throw new RpcException(new Status(StatusCode.PermissionDenied, "The HR client carries no subsidiary."));
        var caller = CallerScope.From(context);
        caller.EnsureAdmin("see HR synchronisation");
        return (caller.IsGroupAdmin, caller.TenantId);
    }
}
