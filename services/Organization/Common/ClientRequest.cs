namespace Alliance.Organization.Common;

/// <summary>
/// A create that carried a client request id, remembered so a retry returns the first result instead of a duplicate
/// (eShop's IdentifiedCommand). The key is tenant, operation and the client's id.
/// </summary>
public sealed class ClientRequest
{
    public string Key { get; init; } = "";
    public Guid ResourceId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static string KeyFor(string operation, Guid? tenant, string clientRequestId) =>
        $"{operation}:{tenant?.ToString() ?? "group"}:{clientRequestId}";
}
