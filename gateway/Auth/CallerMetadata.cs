using Alliance.ServiceDefaults.Grpc;

namespace Alliance.Gateway.Auth;

/// <summary>Sends the signed-in caller to the services as gRPC metadata; services trust only the gateway.</summary>
public sealed class CallerMetadata(IHttpContextAccessor accessor) : IOutgoingMetadataProvider
{
    public void AddTo(Metadata headers)
    {
        var user = accessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) return;
        var caller = Caller.From(user);
        headers.Add(AllianceMetadata.UserId, AllianceMetadata.EncodeText(caller.UserName));
        headers.Add(AllianceMetadata.UserRole, caller.Role);
        if (caller.SubsidiaryId is { } tenant) headers.Add(AllianceMetadata.TenantId, tenant.ToString());
    }
}
