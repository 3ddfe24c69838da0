using Microsoft.Extensions.DependencyInjection;

namespace Alliance.AppHost.ServersWithoutContainers;

/// <summary>RabbitMQ from Debian's rabbitmq-server, run by DCP as an executable (in place of Aspire's container).</summary>
public sealed class RabbitMqServerResource(string name, string directory, int port)
    : ExecutableResource(name, "/usr/lib/rabbitmq/bin/rabbitmq-server", directory), IResourceWithConnectionString
{
    public int Port => port;
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{port.ToString()}/");
}

public static class RabbitMqServerExtensions
{
    /// <summary>
    /// "{name}-epmd" (Erlang's port mapper, on a port of its own) and the broker, which waits for it. Every port is on
    /// loopback. RUNNING_UNDER_SYSTEMD=true makes rabbitmq-server exec the Erlang VM, so DCP's SIGTERM (and a kill)
    /// reach beam.smp itself, which stops cleanly on SIGTERM.
    /// </summary>
    public static IResourceBuilder<RabbitMqServerResource> AddRabbitMqServer(this IDistributedApplicationBuilder builder,
        string name, string dataRoot, int port, int distributionPort, int epmdPort)
    {
        var dir = Path.GetFullPath(Path.Combine(dataRoot, name));
        Directory.CreateDirectory(dir);
        // loopback_users = none: guest may connect from 127.0.0.1 by address (not only through "localhost").
        File.WriteAllText(Path.Combine(dir, "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{port}\nloopback_users = none\nlog.console = true\nlog.console.level = warning\nlog.file = false\n");
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[].\n");

        var epmdCheck = $"{name}-epmd-tcp";
        builder.Services.AddHealthChecks().AddAsyncCheck(epmdCheck, ct => Probes.TcpAsync(epmdPort, ct));
        var epmd = builder.AddExecutable($"{name}-epmd", "/usr/bin/epmd", dir, "-address", "127.0.0.1", "-port", epmdPort.ToString())
            .WithEndpoint(name: "tcp", scheme: "tcp", port: epmdPort, targetPort: epmdPort, isProxied: false)
            .WithHealthCheck(epmdCheck);

        var amqpCheck = $"{name}-amqp";
        builder.Services.AddHealthChecks().AddAsyncCheck(amqpCheck, ct => Probes.AmqpAsync(port, ct));
        var server = builder.AddResource(new RabbitMqServerResource(name, dir, port))
            .WithEnvironment("RUNNING_UNDER_SYSTEMD", "true")
            .WithEnvironment("HOME", dir) // the Erlang cookie
            .WithEnvironment("RABBITMQ_NODENAME", $"alliance-{name}@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString())
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString())
            // Without it the Erlang distribution port listens on 0.0.0.0.
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString())
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(dir, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(dir, "log"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(dir, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(dir, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_PID_FILE", Path.Combine(dir, "rabbitmq.pid"))
            .WithEndpoint(name: "tcp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(amqpCheck)
            .WaitFor(epmd);
        epmd.WithParentRelationship(server);
        return server;
    }
}
