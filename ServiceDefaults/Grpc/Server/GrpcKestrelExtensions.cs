using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>gRPC needs HTTP/2; without TLS there is no ALPN, so endpoints must speak HTTP/2 by prior knowledge.</summary>
public static class GrpcKestrelExtensions
{
    public const string ProtocolsConfigurationKey = "Kestrel:EndpointDefaults:Protocols";

    /// <summary>
    /// Makes every Kestrel endpoint (including those from ASPNETCORE_URLS) HTTP/2-only, unless configuration already
    /// sets <c>Kestrel:EndpointDefaults:Protocols</c>.
    /// </summary>
    public static IWebHostBuilder UseGrpcHttp2Endpoints(this IWebHostBuilder builder) =>
        builder.ConfigureKestrel((context, kestrel) =>
        {
            if (string.IsNullOrEmpty(context.Configuration[ProtocolsConfigurationKey]))
            {
                kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
}
