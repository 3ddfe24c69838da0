using Alliance.Testing.Servers;
using Microsoft.Extensions.Configuration;

namespace Alliance.AppHost.Hosting;

public interface IDistributedApplicationBuilder
{
    /// <summary>Environment variables and command-line arguments (e.g. <c>ConnectionStrings:pg</c>).</summary>
    ConfigurationManager Configuration { get; }
    AppHostOptions Options { get; }
    IReadOnlyList<IResource> Resources { get; }
    IResourceBuilder<T> AddResource<T>(T resource) where T : Resource;
    DistributedApplication Build();
}

public interface IResourceBuilder<out T> where T : IResource
{
    T Resource { get; }
    IDistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, IDistributedApplicationBuilder builder) : IResourceBuilder<T> where T : IResource
{
    public T Resource { get; } = resource;
    public IDistributedApplicationBuilder ApplicationBuilder { get; } = builder;
}

public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    readonly List<Resource> _resources = [];

    public DistributedApplicationBuilder(AppHostOptions options, IReadOnlyList<string> args)
    {
        Options = options;
        Configuration = new ConfigurationManager();
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(NormalizeFlags(args).ToArray());
    }

    public ConfigurationManager Configuration { get; }
    public AppHostOptions Options { get; }
    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (string.IsNullOrWhiteSpace(resource.Name) || resource.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"Resource name '{resource.Name}' must be letters, digits, '-' or '_'.");
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        var resources = Options.Resources is null ? _resources.ToList() : Closure(Options.Resources);
        RejectCycles(resources);

        var repoRoot = RepositoryRoot.TryFind();
        var defaultData = Options.DataDirectory is null;
        var dataDirectory = Options.DataDirectory
            ?? Path.Combine(repoRoot ?? Directory.GetCurrentDirectory(), ".alliance", "data");
        var stateFile = Options.StateFile
            ?? (defaultData ? Path.Combine(Path.GetDirectoryName(dataDirectory)!, "resources.json") : Path.Combine(dataDirectory, "resources.json"));

        foreach (var resource in resources)
        {
            switch (resource)
            {
                case ServerResource server:
                    var external = Configuration.GetConnectionString(server.Name);
                    server.ExternalConnectionString = string.IsNullOrWhiteSpace(external) ? null : external;
                    server.Server = server.IsExternal ? null : server.CreateServer(dataDirectory);
                    break;
                case PostgresDatabaseResource database:
                    var configured = Configuration.GetConnectionString(database.Name);
                    database.ExternalConnectionString = string.IsNullOrWhiteSpace(configured) ? null : configured;
                    break;
                case ProcessResource process:
                    AllocatePorts(process);
                    break;
            }
        }
        return new DistributedApplication(resources, Options, repoRoot, dataDirectory, stateFile);
    }

    static void AllocatePorts(ProcessResource process)
    {
        foreach (var endpoint in process.EndpointList)
        {
            if (endpoint.Port is { } fixedPort && process.Replicas > 1)
                throw new InvalidOperationException($"{process} has {process.Replicas} replicas but endpoint '{endpoint.Name}' has the fixed port {fixedPort}: replicas need a port each.");
            endpoint.AllocatedPorts = Enumerable.Range(0, process.Replicas).Select(_ => endpoint.Port ?? FreePort.Next()).ToArray();
        }
        var all = process.EndpointList.SelectMany(e => e.AllocatedPorts).ToList();
        if (all.Count != all.Distinct().Count()) AllocatePorts(process); // the OS handed out one port twice: ask again
    }

    /// <summary>The named resources plus everything they reference, wait for, or live in.</summary>
    List<Resource> Closure(IEnumerable<string> names)
    {
        var keep = new HashSet<Resource>();
        var pending = new Stack<Resource>(names.Select(n => _resources.FirstOrDefault(r => r.Name == n)
            ?? throw new ArgumentException($"No resource named '{n}'. Known: {string.Join(", ", _resources.Select(r => r.Name))}.")));
        while (pending.TryPop(out var resource))
        {
            if (!keep.Add(resource)) continue;
            foreach (var next in resource.ReferenceList.Concat(resource.StartDependencies).OfType<Resource>()) pending.Push(next);
        }
        return _resources.Where(keep.Contains).ToList();
    }

    /// <summary>A resource waiting (directly or not) for itself would never start.</summary>
    static void RejectCycles(IReadOnlyList<Resource> resources)
    {
        var state = new Dictionary<IResource, int>(); // 1 = on the path, 2 = done
        var path = new List<IResource>();
        void Visit(Resource resource)
        {
            state[resource] = 1;
            path.Add(resource);
            foreach (var dependency in resource.StartDependencies.OfType<Resource>())
            {
                if (state.GetValueOrDefault(dependency) == 1)
                {
                    var cycle = path.Skip(path.IndexOf(dependency)).Append(dependency).Select(r => r.Name);
                    throw new InvalidOperationException($"Dependency cycle: {string.Join(" -> ", cycle)}. A resource cannot wait for itself.");
                }
                if (state.GetValueOrDefault(dependency) == 0) Visit(dependency);
            }
            path.RemoveAt(path.Count - 1);
            state[resource] = 2;
        }
        foreach (var resource in resources)
            if (state.GetValueOrDefault(resource) == 0) Visit(resource);
    }

    /// <summary>Flags without a value (<c>--no-demo-data</c>) become <c>--no-demo-data=true</c> so the command-line
    /// configuration source does not swallow the next argument as their value.</summary>
    static IEnumerable<string> NormalizeFlags(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var isKey = arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=');
            var nextIsValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            if (isKey && !nextIsValue) yield return arg + "=true";
            else if (isKey) { yield return arg; yield return args[++i]; }
            else yield return arg;
        }
    }
}
