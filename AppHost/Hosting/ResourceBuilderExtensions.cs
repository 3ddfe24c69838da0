namespace Alliance.AppHost.Hosting;

/// <summary>Aspire's resource builder methods, with Aspire's names and shapes.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name));

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        var result = server.ApplicationBuilder.AddResource(database);
        server.Resource.DatabaseList.Add(database);
        return result;
    }

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RabbitMQServerResource(name));

    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name));

    /// <param name="projectPath">The .csproj, relative to the repository root.</param>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddResource(new ProjectResource(name, projectPath));

    public static IResourceBuilder<ExecutableResource> AddExecutable(this IDistributedApplicationBuilder builder, string name, string command,
        string workingDirectory, params string[] args) =>
        builder.AddResource(new ExecutableResource(name, command, workingDirectory, args));

    /// <summary>Hands the resource's connection string (<c>ConnectionStrings__name</c>) or endpoints
    /// (<c>services__name__endpoint__i</c>) to this process. Does not wait: add <see cref="WaitFor{T}"/> for that.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> source) where T : ProcessResource
    {
        if (source.Resource is not (IResourceWithConnectionString or IResourceWithEndpoints))
            throw new ArgumentException($"{source.Resource.Name} has neither a connection string nor endpoints to reference.");
        if (!builder.Resource.ReferenceList.Contains(source.Resource)) builder.Resource.ReferenceList.Add(source.Resource);
        return builder;
    }

    /// <summary>This resource starts only once <paramref name="dependency"/> reports healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : Resource
    {
        if (!builder.Resource.WaitForList.Contains(dependency.Resource)) builder.Resource.WaitForList.Add(dependency.Resource);
        return builder;
    }

    /// <summary>
    /// A process that does a job and exits (a seeder, a migration): exit code 0 is <see cref="ResourceState.Finished"/>,
    /// which counts as ready for <c>WaitFor</c> and for "running"; a failure is retried with back-off like a crash.
    /// </summary>
    public static IResourceBuilder<T> RunToCompletion<T>(this IResourceBuilder<T> builder) where T : ProcessResource
    {
        if (builder.Resource.Replicas != 1) throw new InvalidOperationException($"'{builder.Resource.Name}' runs to completion: it has one replica.");
        builder.Resource.RunsToCompletion = true;
        return builder;
    }

    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : ProcessResource
    {
        if (builder.Resource.RunsToCompletion && replicas != 1) throw new InvalidOperationException($"'{builder.Resource.Name}' runs to completion: it has one replica.");
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <param name="port">A fixed port, or null for a free one per replica.</param>
    /// <param name="http2">HTTP/2 cleartext with prior knowledge (gRPC): also sets <c>Kestrel__EndpointDefaults__Protocols=Http2</c>.</param>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string name = "http", bool http2 = false)
        where T : ProcessResource
    {
        if (builder.Resource.EndpointList.Any(e => e.Name == name))
            throw new InvalidOperationException($"{builder.Resource} already has an endpoint named '{name}'.");
        builder.Resource.EndpointList.Add(new EndpointAnnotation(name, port, http2));
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string key, string value) where T : ProcessResource
    {
        builder.Resource.EnvironmentVariables[key] = value;
        return builder;
    }
}
