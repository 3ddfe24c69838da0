using Alliance.Contracts;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Data;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Alliance.Reporting.Tests.Persistence;

/// <summary>The AppHost starts reporting at two replicas: on a new database both migrate at the same moment.</summary>
public class MigrateOnStartTests
{
    [Fact]
    public async Task Replicas_starting_together_on_a_new_database_both_start_and_migrate_it_once()
    {
        var servers = await RealServers.GetAsync();
        var database = await servers.CreateDatabaseAsync("migrate");
        var hosts = Enumerable.Range(0, 3).Select(_ =>
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{ResourceNames.Databases.Reporting}"] = database });
            builder.AddServiceDatabase<ReportingDbContext>(ResourceNames.Databases.Reporting);
            return builder.Build();
        }).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));

            await using var scope = hosts[0].Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            applied.Should().Equal(db.Database.GetMigrations(), "every migration is recorded once, in order");
        }
        finally
        {
            foreach (var host in hosts) { await host.StopAsync(); host.Dispose(); }
            await using var connection = new NpgsqlConnection(database);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
