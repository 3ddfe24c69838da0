using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database from <c>ConnectionStrings:{connectionName}</c>, migrated at start before the
    /// host reports ready, with a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured.");
        builder.Services.AddDbContext<TDbContext>(o => o.UseNpgsql(connectionString));
        builder.Services.AddHostedService<MigrateOnStart<TDbContext>>();
        builder.Services.TryAddSingleton<TimeProvider>(DatabaseTimeProvider.SystemClock);
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>($"{connectionName}-db", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Applies pending migrations before the host starts serving (hosted services start in order).</summary>
    sealed class MigrateOnStart<TDbContext>(IServiceProvider services, ILogger<MigrateOnStart<TDbContext>> logger) : IHostedService
        where TDbContext : DbContext
    {
        public async Task StartAsync(CancellationToken ct)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migrations to {Database}: {Migrations}", pending.Count, typeof(TDbContext).Name, pending);
                await db.Database.MigrateAsync(ct);
            }
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
