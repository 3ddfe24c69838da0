using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Alliance.ServiceDefaults.Grpc;

public static class GrpcServerHostingExtensions
{
    /// <summary>
    /// Makes a host a gRPC server: HTTP/2 cleartext on its endpoints (health answers there too) and the transport.
    /// </summary>
    public static WebApplicationBuilder AddGrpcServer(this WebApplicationBuilder builder, Action<GrpcTransportOptions>? configure = null)
    {
        builder.WebHost.UseGrpcHttp2Endpoints();
        builder.Services.AddGrpcTransport(configure);
        return builder;
    }
}
