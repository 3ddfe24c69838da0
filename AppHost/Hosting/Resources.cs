using Alliance.Testing.Servers;

namespace Alliance.AppHost.Hosting;

public interface IResource
{
    string Name { get; }
}

/// <summary>A resource other processes reach by a connection string (<c>ConnectionStrings__name</c>).</summary>
public interface IResourceWithConnectionString : IResource;

/// <summary>A resource with HTTP endpoints (<c>services__name__endpoint__i</c>).</summary>
public interface IResourceWithEndpoints : IResource
{
    IReadOnlyList<EndpointAnnotation> Endpoints { get; }
    int Replicas { get; }
}

public abstract class Resource(string name) : IResource
{
    internal readonly List<IResource> ReferenceList = [];
    internal readonly List<IResource> WaitForList = [];
    internal readonly Dictionary<string, string> EnvironmentVariables = new(StringComparer.Ordinal);

    public string Name { get; } = name;
    public abstract string Type { get; }
    public IReadOnlyList<IResource> References => ReferenceList;
    public IReadOnlyList<IResource> WaitsFor => WaitForList;
    public IReadOnlyDictionary<string, string> Environment => EnvironmentVariables;

    /// <summary>What must be healthy before this resource starts: its WaitFor list plus implicit parents.</summary>
    internal virtual IEnumerable<IResource> StartDependencies => WaitForList;

    public override string ToString() => $"{Type} '{Name}'";
}

/// <summary>One of the machine's servers (PostgreSQL, RabbitMQ, Redis), ours or external.</summary>
public abstract class ServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    /// <summary>Set when configuration has <c>ConnectionStrings:name</c>: nothing is started, health is still checked.</summary>
    public string? ExternalConnectionString { get; internal set; }
    public bool IsExternal => ExternalConnectionString is not null;

    /// <summary>The server we start; null for an external one or before Build().</summary>
    public IInfrastructureServer? Server { get; internal set; }

    internal abstract IInfrastructureServer CreateServer(string dataDirectory);
    internal abstract Task<bool> ProbeAsync(string connectionString, CancellationToken ct);

    public string ConnectionString => ExternalConnectionString ?? Server?.ConnectionString
        ?? throw new InvalidOperationException($"{this} has no connection string before Build().");
}

public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    internal readonly List<PostgresDatabaseResource> DatabaseList = [];
    public override string Type => "postgres";
    public IReadOnlyList<PostgresDatabaseResource> Databases => DatabaseList;
    internal override IInfrastructureServer CreateServer(string dataDirectory) => new PostgresServer(Path.Combine(dataDirectory, Name), FreePort.Next());
    internal override Task<bool> ProbeAsync(string connectionString, CancellationToken ct) => ProtocolProbes.PostgresAsync(connectionString, ct);
}

/// <summary>A database on a PostgreSQL server; the AppHost creates it if missing once the server is healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent) : Resource(name), IResourceWithConnectionString
{
    public override string Type => "postgres-database";
    public string DatabaseName { get; } = databaseName;
    public PostgresServerResource Parent { get; } = parent;
    public string? ExternalConnectionString { get; internal set; }

    public string ConnectionString => ExternalConnectionString ?? $"{Parent.ConnectionString.TrimEnd(';')};Database={DatabaseName}";

    internal override IEnumerable<IResource> StartDependencies => WaitForList.Append(Parent);
}

public sealed class RabbitMQServerResource(string name) : ServerResource(name)
{
    public override string Type => "rabbitmq";
    /// <summary>Stable between runs, so the broker finds its data (mnesia is kept per node name).</summary>
    public string NodeName => "alliance-" + Name;
    internal override IInfrastructureServer CreateServer(string dataDirectory) => new RabbitMqServer(Path.Combine(dataDirectory, Name), FreePort.Next(), NodeName);
    internal override Task<bool> ProbeAsync(string connectionString, CancellationToken ct) => ProtocolProbes.RabbitMqAsync(connectionString, ct);
}

public sealed class RedisResource(string name) : ServerResource(name)
{
    public override string Type => "redis";
    internal override IInfrastructureServer CreateServer(string dataDirectory) => new RedisServer(Path.Combine(dataDirectory, Name), FreePort.Next());
    internal override Task<bool> ProbeAsync(string connectionString, CancellationToken ct) => ProtocolProbes.RedisAsync(connectionString, ct);
}

/// <summary>An HTTP endpoint of a process resource; one port per replica.</summary>
public sealed class EndpointAnnotation(string name, int? port, bool http2)
{
    public string Name { get; } = name;
    /// <summary>A fixed port, or null for a free one per replica.</summary>
    public int? Port { get; } = port;
    /// <summary>HTTP/2 cleartext with prior knowledge (gRPC); otherwise HTTP/1.1.</summary>
    public bool Http2 { get; } = http2;
    internal int[] AllocatedPorts { get; set; } = [];

    public Uri Url(int replica) => AllocatedPorts.Length > replica
        ? new Uri($"http://127.0.0.1:{AllocatedPorts[replica]}")
        : throw new InvalidOperationException($"Endpoint '{Name}' has no port for replica {replica} (before Build(), or fewer replicas).");
}

/// <summary>A process we launch (a .NET project or any executable), with replicas and HTTP endpoints.</summary>
public abstract class ProcessResource(string name) : Resource(name), IResourceWithEndpoints
{
    internal readonly List<EndpointAnnotation> EndpointList = [];
    public IReadOnlyList<EndpointAnnotation> Endpoints => EndpointList;
    public int Replicas { get; internal set; } = 1;
    /// <summary>Runs once: exit code 0 is <see cref="ResourceState.Finished"/> (and ready), anything else is retried with back-off.</summary>
    public bool RunsToCompletion { get; internal set; }
}

/// <summary>A .NET project, run from its build output: <c>dotnet &lt;dir&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;Assembly&gt;.dll</c>.</summary>
public sealed class ProjectResource(string name, string projectPath) : ProcessResource(name)
{
    public override string Type => "project";
    /// <summary>Relative to the repository root (the folder holding Alliance.sln).</summary>
    public string ProjectPath { get; } = projectPath;
}

public sealed class ExecutableResource(string name, string command, string workingDirectory, IReadOnlyList<string> args) : ProcessResource(name)
{
    public override string Type => "executable";
    public string Command { get; } = command;
    public string WorkingDirectory { get; } = workingDirectory;
    public IReadOnlyList<string> Args { get; } = args;
}
