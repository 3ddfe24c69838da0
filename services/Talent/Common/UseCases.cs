using Grpc.Core;

namespace Alliance.Talent.Common;

/// <summary>Each rpc resolves its own use-case class (a file of its own) from the call's scope.</summary>
public static class UseCases
{
    public static T Handler<T>(ServerCallContext context) where T : notnull =>
        context.GetHttpContext().RequestServices.GetRequiredService<T>();
}
