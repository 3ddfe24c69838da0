namespace Alliance.ServiceDefaults.Security;

/// <summary>
/// Opens a gRPC method to callers with the role <c>partner</c>. Every other method refuses them with PERMISSION_DENIED
/// before it runs (<see cref="Grpc.ServerCallInterceptor"/>), so a method written without partners in mind never sees one;
/// a method marked here scopes a partner to the alliances of their unit itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class PartnerAccessAttribute : Attribute;
