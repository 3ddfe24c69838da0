using Npgsql;

namespace Alliance.AppHost.Hosting;

/// <summary>A database on a PostgreSQL server: created if missing once the server is healthy; healthy while it is.</summary>
internal sealed class DatabaseRunner(PostgresDatabaseResource database, DistributedApplication app) : ResourceRunner(database, app)
{
    public override bool IsHealthy => State == ResourceState.Running && App.RunnerOf(database.Parent).IsHealthy;

    public override async Task RunAsync(CancellationToken stopping)
    {
        if (!await WaitForDependenciesAsync(stopping)) return;
        SetState(ResourceState.Starting);
        try
        {
            if (await CreateIfMissingAsync(stopping)) Logs.Add(database.Name, $"created database {database.DatabaseName}");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
        catch (Exception e)
        {
            Logs.Add(database.Name, "could not create the database: " + e.Message);
            SetState(ResourceState.FailedToStart, e.Message);
            return;
        }
        SetState(ResourceState.Running);
    }

    async Task<bool> CreateIfMissingAsync(CancellationToken ct)
    {
        if (database.ExternalConnectionString is not null) return false; // given as it is: not ours to create
        var csb = new NpgsqlConnectionStringBuilder(database.Parent.ConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(csb.Database) || csb.Database == database.DatabaseName) csb.Database = "postgres";
        await using var conn = new NpgsqlConnection(csb.ConnectionString);
        await conn.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", conn))
        {
            exists.Parameters.AddWithValue("name", database.DatabaseName);
            if (await exists.ExecuteScalarAsync(ct) is not null) return false;
        }
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"")}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { return false; }
    }

    public override Task StopAsync()
    {
        if (State == ResourceState.Running) SetState(ResourceState.Exited);
        return Task.CompletedTask;
    }

    public override void Kill() { }

    public override ResourceSnapshot Snapshot(bool withLogs)
    {
        var state = State;
        var health = IsHealthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        return new ResourceSnapshot(database.Name, database.Type, state, health, [], [], 0,
            Message ?? $"database {database.DatabaseName} on {database.Parent.Name}",
            [new ReplicaSnapshot(0, state, health, null, 0, null)], withLogs ? Logs.Lines() : null);
    }
}
