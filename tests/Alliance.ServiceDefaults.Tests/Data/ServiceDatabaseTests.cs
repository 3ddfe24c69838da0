using Alliance.Testing.Servers;
using Alliance.ServiceDefaults.Data;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alliance.ServiceDefaults.Tests.Data;

/// <summary>What a service does at start and while idle goes through plain connections: EF Core builds no model until first used.</summary>
public class ServiceDatabaseTests
{
    /// <summary>A context of these tests only, counting the models EF Core built for it in this process.</summary>
    public sealed class Ledger(DbContextOptions<Ledger> options) : DbContext(options)
    {
        public static int ModelsBuilt;

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            Interlocked.Increment(ref ModelsBuilt);
            modelBuilder.Entity<Entry>().ToTable("entries").Property(e => e.Id).HasColumnName("id");
        }
    }

    public sealed class Entry
    {
        public int Id { get; set; }
    }

    static IHost Build(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:ledger"] = connectionString });
        builder.AddServiceDatabase<Ledger>("ledger");
        return builder.Build();
    }

    [Fact]
    public async Task A_started_service_is_ready_without_an_EF_Core_model_and_builds_it_on_first_use()
    {
        var servers = await RealServers.GetAsync();
        using var host = Build(await servers.CreateDatabaseAsync("ledger"));
        await host.StartAsync();
        try
        {
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            report.Entries["ledger-db"].Status.Should().Be(HealthStatus.Healthy);
            Ledger.ModelsBuilt.Should().Be(0, "the migration check and the readiness check use plain connections");

            var database = host.Services.GetRequiredService<ServiceDatabase<Ledger>>();
            await database.ScalarAsync<int>("CREATE TABLE entries (id int PRIMARY KEY); INSERT INTO entries VALUES (7); SELECT 1", CancellationToken.None);
            await using var scope = host.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<Ledger>().Set<Entry>().Select(e => e.Id).SingleAsync()).Should().Be(7);
            Ledger.ModelsBuilt.Should().Be(1);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void The_database_has_one_health_check_and_it_is_a_readiness_check()
    {
        using var host = Build("Host=127.0.0.1;Port=5999;Database=ledger;Username=postgres");

        var checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        // Not also Aspire's check of the context, which would build the EF Core model on the first probe.
        checks.Select(c => (c.Name, c.Tags.Contains(ServiceDefaultsExtensions.ReadyTag))).Should().Equal([("ledger-db", true)]);
    }

    [Fact]
    public async Task A_service_commits_its_own_transaction_through_its_context()
    {
        var servers = await RealServers.GetAsync();
        using var host = Build(await servers.CreateDatabaseAsync("ledger"));
        await host.StartAsync();
        try
        {
            var database = host.Services.GetRequiredService<ServiceDatabase<Ledger>>();
            await database.ScalarAsync<int>("CREATE TABLE entries (id int PRIMARY KEY); SELECT 1", CancellationToken.None);

            // A retrying execution strategy refuses a transaction the caller opened; services open their own.
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Ledger>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Add(new Entry { Id = 1 });
                await db.SaveChangesAsync();
                db.Add(new Entry { Id = 2 });
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            (await database.ScalarAsync<long>("SELECT count(*) FROM entries", CancellationToken.None)).Should().Be(2);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_readiness_check_fails_when_the_database_does_not_answer()
    {
        using var host = Build($"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Timeout=2");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["ledger-db"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["ledger-db"].Description.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void The_connection_string_is_the_contexts_own()
    {
        using var host = Build("Host=127.0.0.1;Port=5999;Database=ledger;Username=postgres");

        host.Services.GetRequiredService<ServiceDatabase<Ledger>>().ConnectionString.Should().Be("Host=127.0.0.1;Port=5999;Database=ledger;Username=postgres");
    }
}
