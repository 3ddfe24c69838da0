using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Alliance.ServiceDefaults.Telemetry;

namespace Alliance.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database from <c>ConnectionStrings:{connectionName}</c>, migrated at start before the
    /// host reports ready, with a readiness check.
    /// </summary>
    /// <remarks>
    /// The context is registered by Aspire's EF Core integration (<c>AddNpgsqlDbContext</c>: pooled contexts, Npgsql's
    /// traces and metrics), with two of its parts left out (ADR 31). Its retries: services open their own transactions,
    /// which a retrying execution strategy refuses, and a call that reached the database is never repeated (ADR 22). Its
    /// health check: it asks a context, which builds the EF Core model on the first probe (ADR 18); ours asks over a plain
    /// connection.
    /// </remarks>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString(connectionName)))
            throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured.");
        var telemetry = TelemetryExtensions.IsEnabled(builder.Configuration);
        builder.AddNpgsqlDbContext<TDbContext>(connectionName, settings =>
        {
            settings.DisableRetry = true;
            settings.DisableHealthChecks = true;
            // Configuration (Aspire:Npgsql:EntityFrameworkCore:PostgreSQL:Disable…) may still switch them off.
            settings.DisableTracing |= !telemetry;
            settings.DisableMetrics |= !telemetry;
        });
        builder.Services.TryAddSingleton<ServiceDatabase<TDbContext>>();
        builder.Services.AddHostedService<MigrateOnStart<TDbContext>>();
        builder.Services.TryAddSingleton<TimeProvider>(DatabaseTimeProvider.SystemClock);
        builder.Services.AddHealthChecks().AddCheck<ServiceDatabaseHealthCheck<TDbContext>>($"{connectionName}-db", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Applies pending migrations before the host starts serving (hosted services start in order). Replicas of one
    /// service start together on a new database: they take turns under a PostgreSQL advisory lock, so the second finds
    /// the migrations applied instead of creating the same tables again (and crashing on "already exists"). Whether any
    /// is pending is read without the DbContext (<see cref="ServiceDatabase{TDbContext}"/>): a start with nothing to
    /// apply builds no EF Core model.
    /// </summary>
    sealed class MigrateOnStart<TDbContext>(IServiceProvider services, ServiceDatabase<TDbContext> database, ILogger<MigrateOnStart<TDbContext>> logger)
        : IHostedService where TDbContext : DbContext
    {
        public async Task StartAsync(CancellationToken ct)
        {
            // Its own connection, not pooled: a session's advisory lock outlives a pooled connection's close.
            await using var lockConnection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            await lockConnection.OpenAsync(ct);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection) { CommandTimeout = 0 })
            {
                take.Parameters.AddWithValue("key", LockKey);
                await take.ExecuteNonQueryAsync(ct); // waits while another replica migrates
            }
            try
            {
                await using var scope = services.CreateAsyncScope();
                var pending = ServiceDatabase<TDbContext>.MigrationIds() is { } ids
                    ? ids.Except(await AppliedAsync(lockConnection, ct)).ToList()
                    : (await scope.ServiceProvider.GetRequiredService<TDbContext>().Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migrations to {Database}: {Migrations}", pending.Count, typeof(TDbContext).Name, pending);
                    await scope.ServiceProvider.GetRequiredService<TDbContext>().Database.MigrateAsync(ct);
                }
            }
            finally
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
                release.Parameters.AddWithValue("key", LockKey);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        /// <summary>The ids in EF Core's history table; none when it does not exist yet.</summary>
        static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken ct)
        {
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var exists = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL", connection);
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return applied;
            await using var read = new NpgsqlCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"", connection);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
            return applied;
        }

        /// <summary>The same for every replica of the service: FNV-1a of the context's name (string hash codes vary per process).</summary>
        static long LockKey
        {
            get
            {
                var hash = 14695981039346656037UL;
                foreach (var c in "migrate:" + typeof(TDbContext).FullName) hash = (hash ^ c) * 1099511628211UL;
                return unchecked((long)hash);
            }
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
