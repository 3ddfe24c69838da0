using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Alliance.Gateway.Auth;

/// <summary>Sends the signed-in caller to the services as gRPC metadata on every call; services trust only the gateway.</summary>
public sealed class CallerMetadata(IHttpContextAccessor accessor) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithCaller(context));

    /// <summary>Streamed answers (an attachment's download) carry the caller too.</summary>
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithCaller(context));

    ClientInterceptorContext<TRequest, TResponse> WithCaller<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var user = accessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) return context;
        var caller = Caller.From(user);
        var headers = context.Options.Headers ?? [];
        headers.Add(AllianceMetadata.UserId, AllianceMetadata.EncodeText(caller.UserName));
        headers.Add(AllianceMetadata.UserRole, caller.Role);
        if (caller.SubsidiaryId is { } tenant) headers.Add(AllianceMetadata.TenantId, tenant.ToString());
        return new(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
