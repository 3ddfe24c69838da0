using Alliance.Contracts;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;

namespace Alliance.ServiceDefaults.Security;

/// <summary>
/// Who is calling and which subsidiary (tenant) they may see, read from the gRPC metadata the gateway sends.
/// A group admin sees every subsidiary; every other internal role sees only its own. A partner (a person of an alliance's
/// external unit) has no subsidiary: only methods marked <see cref="PartnerAccessAttribute"/> take their calls, and those
/// scope them to their unit's alliances.
/// </summary>
public sealed record CallerScope(string Role, Guid? TenantId, string? UserId)
{
    public bool IsGroupAdmin => Role == Roles.GroupAdmin;
    public bool IsPartner => Role == Roles.Partner;

    public static CallerScope From(ServerCallContext context)
    {
        var role = context.UserRole;
        if (string.IsNullOrWhiteSpace(role) || !Roles.All.Contains(role))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "The call carries no known caller role."));
        if (role == Roles.Partner)
        {
            if (string.IsNullOrWhiteSpace(context.UserId))
                throw new RpcException(new Status(StatusCode.Unauthenticated, "A partner's call carries no user."));
            return new CallerScope(role, null, context.UserId);
        }
        Guid? tenant = Guid.TryParse(context.TenantId, out var t) ? t : null;
        if (role != Roles.GroupAdmin && tenant is null)
            throw new RpcException(new Status(StatusCode.PermissionDenied, "A caller below group level must carry its subsidiary."));
        return new CallerScope(role, tenant, context.UserId);
    }

    public bool CanAccess(Guid subsidiaryId) => IsGroupAdmin || TenantId == subsidiaryId;

    /// <summary>Another subsidiary's record is reported as not found, so its existence does not leak.</summary>
    public void EnsureCanAccess(Guid subsidiaryId, string what)
    {
        if (!CanAccess(subsidiaryId)) throw new RpcException(new Status(StatusCode.NotFound, $"{what} was not found."));
    }

    public void EnsureGroupAdmin(string action)
    {
        if (!IsGroupAdmin) throw new RpcException(new Status(StatusCode.PermissionDenied, $"Only a group administrator may {action}."));
    }
}
