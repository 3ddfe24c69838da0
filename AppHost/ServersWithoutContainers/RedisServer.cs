using Microsoft.Extensions.DependencyInjection;

namespace Alliance.AppHost.ServersWithoutContainers;

/// <summary>Redis from Debian's redis-server, run by DCP as an executable (in place of Aspire's container).</summary>
public sealed class RedisServerResource(string name, string directory, int port)
    : ExecutableResource(name, "/usr/bin/redis-server", directory), IResourceWithConnectionString
{
    public int Port => port;
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{port.ToString()},abortConnect=false,syncTimeout=15000,keepAlive=0");
}

public static class RedisServerExtensions
{
    /// <summary>The cache: nothing saved to disk. Its log goes to stdout, so it shows in the dashboard.</summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder,
        string name, string dataRoot, int port)
    {
        var dir = Path.GetFullPath(Path.Combine(dataRoot, name));
        Directory.CreateDirectory(dir);
        var healthCheck = $"{name}-ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, ct => Probes.RedisAsync(port, ct));
        return builder.AddResource(new RedisServerResource(name, dir, port))
            .WithArgs("--bind", "127.0.0.1", "--port", port.ToString(), "--dir", dir, "--save", "",
                "--appendonly", "no", "--protected-mode", "no")
            .WithEndpoint(name: "tcp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthCheck);
    }
}
