using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Alliance.AppHost.ServersWithoutContainers;

/// <summary>PostgreSQL 15 from the machine's own binaries, run by DCP as an executable (in place of Aspire's container).</summary>
public sealed class PostgresServerResource(string name, string directory, int port)
    : ExecutableResource(name, "/bin/sh", directory), IResourceWithConnectionString
{
    public const string BinDir = "/usr/lib/postgresql/15/bin";
    public int Port => port;
    /// <summary>127.0.0.1, not localhost: the server listens on IPv4 loopback only. Trust authentication; the password is
    /// there for clients that insist on one.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Password=postgres";
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");
    public List<PostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>A database on a <see cref="PostgresServerResource"/>: <c>ConnectionStrings__{name}</c> for whoever references
/// it; created once the server is healthy, and healthy once it takes a connection.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString
{
    public PostgresServerResource Parent => parent;
    public string DatabaseName => databaseName;
    public string ConnectionString => $"{parent.ConnectionString};Database={databaseName}";
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");
}

public static class PostgresServerExtensions
{
    /// <summary>
    /// "{name}-init" (initdb when the cluster is new; runs to completion) and the server, with its data in
    /// <paramref name="dataRoot"/>/{name}/data (the same place as before the Aspire AppHost, so data carries over).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgresServer(this IDistributedApplicationBuilder builder,
        string name, string dataRoot, int port)
    {
        var dir = Path.GetFullPath(Path.Combine(dataRoot, name));
        Directory.CreateDirectory(dir);
        var cluster = Path.Combine(dir, "data");
        var root = Environment.UserName == "root";
        var asPostgres = root ? "setpriv --reuid=postgres --regid=postgres --init-groups " : "";

        var init = builder.AddExecutable($"{name}-init", "/bin/sh", dir, "-c",
            $"""
             set -e
             {(root ? $"chown postgres:postgres '{dir}'" : "")}
             if ! {asPostgres}test -w '{dir}'; then
               echo "PostgreSQL runs as 'postgres' and cannot reach {dir}: choose a data folder elsewhere (--data-dir) or give every folder above it o+x." >&2
               exit 1
             fi
             if [ -f '{cluster}/PG_VERSION' ]; then exit 0; fi
             {asPostgres}{PostgresServerResource.BinDir}/initdb -D '{cluster}' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync
             """);

        var server = new PostgresServerResource(name, dir, port);
        var healthCheck = $"{name}-sql";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, ct => Probes.PostgresAsync(server.ConnectionString, ct));

        // Databases are created once the server is healthy, as Aspire's AddPostgres does. Aspire hands a parent's state
        // down to its children only for containers: a database on an executable says itself that it runs, once it exists.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (e, ct) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            await using var conn = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
            await conn.OpenAsync(ct);
            foreach (var db in server.Databases)
            {
                await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn) { Parameters = { new() { Value = db.DatabaseName } } };
                if (await exists.ExecuteScalarAsync(ct) is null)
                {
                    await using var create = new NpgsqlCommand($"create database \"{db.DatabaseName}\"", conn);
                    await create.ExecuteNonQueryAsync(ct);
                }
                await notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
            }
        });

        init.WithParentRelationship(server);
        // WAL sized for bulk writes (docs/adr/0020): the first HR import of 300,000 employees writes about 800 MB of WAL.
        return builder.AddResource(server)
            .WithArgs(Path.Combine(AppContext.BaseDirectory, "ServersWithoutContainers", "pg-run.sh"),
                "-D", cluster, "-c", "listen_addresses=127.0.0.1", "-p", port.ToString(), "-k", dir,
                "-c", "max_connections=300", "-c", "fsync=on", "-c", "shared_buffers=128MB",
                "-c", "max_wal_size=4GB", "-c", "wal_buffers=16MB", "-c", "checkpoint_timeout=15min")
            .WithEndpoint(name: "tcp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthCheck)
            .WaitForCompletion(init);
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name)
    {
        var db = new PostgresDatabaseResource(name, name, server.Resource);
        server.Resource.Databases.Add(db);
        var healthCheck = $"{name}-db";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, ct => Probes.PostgresAsync(db.ConnectionString, ct));
        return server.ApplicationBuilder.AddResource(db)
            .WithInitialState(new() { ResourceType = "PostgresDatabase", State = KnownResourceStates.Waiting, Properties = [] })
            .WithHealthCheck(healthCheck);
    }
}
