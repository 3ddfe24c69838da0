using Grpc.Core;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Header names the gateway sends with every call so services know who is asking, and how a service reads them.</summary>
public static class AllianceMetadata
{
    public const string TenantId = "x-tenant-id";
    public const string UserId = "x-user-id";
    public const string UserRole = "x-user-role";

    /// <summary>Text that may hold any Unicode (a user id such as 张三), made a valid ASCII metadata value.</summary>
    public static string EncodeText(string text) => Uri.EscapeDataString(text);

    extension(ServerCallContext context)
    {
        public string? TenantId => context.RequestHeaders.GetValue(TenantId);

        /// <summary>The caller's user id; percent-encoded on the wire because names may be Chinese (<see cref="EncodeText"/>).</summary>
        public string? UserId => context.RequestHeaders.GetValue(UserId) is { } id ? Uri.UnescapeDataString(id) : null;

        public string? UserRole => context.RequestHeaders.GetValue(UserRole);
    }
}
