using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>A service host as a Grpc.AspNetCore server: HTTP/2 endpoints, the call interceptor, grpc.health.v1 and reflection.</summary>
public static class GrpcServerExtensions
{
    public const string ProtocolsConfigurationKey = "Kestrel:EndpointDefaults:Protocols";

    /// <summary>
    /// gRPC without TLS has no ALPN, so every endpoint speaks HTTP/2 by prior knowledge (Http1AndHttp2 on cleartext does not
    /// accept it), unless configuration sets <c>Kestrel:EndpointDefaults:Protocols</c>. <c>/health</c> answers over HTTP/2 too.
    /// </summary>
    public static WebApplicationBuilder AddGrpcServer(this WebApplicationBuilder builder, Action<GrpcServiceOptions>? configure = null)
    {
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            if (string.IsNullOrEmpty(context.Configuration[ProtocolsConfigurationKey]))
                kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
        });
        // One instance for every call: an interceptor not registered in DI is made anew per call.
        builder.Services.AddSingleton<ServerCallInterceptor>();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ServerCallInterceptor>();
            configure?.Invoke(options);
        });
        // grpc.health.v1 answers from the same ASP.NET health checks as /health (every check, run on each Check).
        builder.Services.AddGrpcHealthChecks();
        if (builder.Environment.IsDevelopment()) builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Maps grpc.health.v1.Health and, in development, server reflection (grpcurl and friends).</summary>
    public static WebApplication MapGrpcDefaults(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        if (app.Environment.IsDevelopment()) app.MapGrpcReflectionService();
        return app;
    }
}
