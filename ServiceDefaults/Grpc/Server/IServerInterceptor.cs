using Google.Protobuf;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>The rest of a unary call's pipeline, down to the service method.</summary>
public delegate Task<IMessage> UnaryServerMethod(IMessage request, ServerCallContext context);

/// <summary>Runs around every unary call a server handles; resolved from the call's DI scope.</summary>
public interface IServerInterceptor
{
    Task<IMessage> UnaryAsync(IMessage request, ServerCallContext context, UnaryServerMethod next);
}
