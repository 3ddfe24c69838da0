using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// How the gRPC service classes reach their use cases: each rpc resolves its own use-case class (a file of its own) from
/// the call's scope, so a call builds only the handler it needs.
/// </summary>
public static class UseCases
{
    public static T Handler<T>(ServerCallContext context) where T : notnull =>
        context.GetHttpContext().RequestServices.GetRequiredService<T>();
}
