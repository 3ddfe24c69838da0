namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Header names the gateway sends with every call so services know who is asking.</summary>
public static class AllianceMetadata
{
    public const string TenantId = "x-tenant-id";
    public const string UserId = "x-user-id";
    public const string UserRole = "x-user-role";
}
