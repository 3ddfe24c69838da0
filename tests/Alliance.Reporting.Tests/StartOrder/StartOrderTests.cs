using Alliance.Contracts;
using Alliance.Contracts.Reporting.V1;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Alliance.Reporting.Tests.StartOrder;

/// <summary>
/// The real-stack defect: a first start published the demo data before reporting had declared its queues, and reporting
/// stayed at zero. Here the organization service loads and publishes everything before reporting has ever run (ADR 24).
/// </summary>
[Collection(DemoGroupCollection.Name)]
public class StartOrderTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Reporting_started_after_the_demo_data_was_published_counts_every_subsidiary_and_organization_exactly()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("start-order");
        var organizationDb = await servers.CreateDatabaseAsync("organization");

        // The publishing side alone: the organization service loads the demo group at start and its outbox publishes it all.
        await using var organization = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Organization}"] = organizationDb,
            [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
            ["OTEL_SERVICE_NAME"] = ResourceNames.Organization,
            ["DemoData:Enabled"] = "true",
        }, b => Alliance.Organization.Extensions.AddApplicationServices(b), a => Alliance.Organization.Extensions.MapApplicationEndpoints(a));
        await WaitUntilAsync(async () => await ScalarAsync(organizationDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0
            && await ScalarAsync(organizationDb, "SELECT count(*) FROM outbox_messages") > 0, "the organization service's outbox to be dispatched");
        var expected = await ExpectedDashboardAsync(organization);
        expected.Should().HaveCount(2, "the demo group has two subsidiaries");

        // Only now does reporting start, for the first time.
        await using var reporting = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Reporting}"] = await servers.CreateDatabaseAsync("reporting"),
            [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
            [$"ConnectionStrings:{ResourceNames.Cache}"] = $"{servers.RedisConnectionString},defaultDatabase=15",
            ["OTEL_SERVICE_NAME"] = ResourceNames.Reporting,
        }, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
        var client = reporting.Client<ReportingService.ReportingServiceClient>();
        var groupAdmin = new CallOptions(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin } });
        GroupDashboard dashboard = new();
        await WaitUntilAsync(async () =>
        {
            dashboard = await client.GetGroupDashboardAsync(new GetGroupDashboardRequest(), groupAdmin);
            return dashboard.Subsidiaries == expected.Count && dashboard.Organizations == expected.Sum(e => e.Organizations);
        }, "reporting to count what was published before it existed");

        dashboard.PerSubsidiary.Select(s => new SubsidiaryRow(Guid.Parse(s.SubsidiaryId), s.Name, s.Organizations, s.Committees, s.GeneralBranches, s.Branches, s.Groups))
            .Should().BeEquivalentTo(expected, "every subsidiary counts exactly its current organizations, by kind");
    }

    sealed record SubsidiaryRow(Guid SubsidiaryId, string Name, int Organizations, int Committees, int GeneralBranches, int Branches, int Groups);

    /// <summary>The dashboard's rows as the organization service's own database has them: current organizations by kind.</summary>
    static async Task<List<SubsidiaryRow>> ExpectedDashboardAsync(ServiceHost organization)
    {
        await using var scope = organization.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        var subsidiaries = await db.Subsidiaries.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync();
        var current = await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active)
            .Select(o => new { o.SubsidiaryId, o.Kind }).ToListAsync();
        int Count(Guid subsidiary, OrganizationKind kind) => current.Count(o => o.SubsidiaryId == subsidiary && o.Kind == kind);
        return [.. subsidiaries.Select(s => new SubsidiaryRow(s.Id, s.Name, current.Count(o => o.SubsidiaryId == s.Id),
            Count(s.Id, OrganizationKind.Committee), Count(s.Id, OrganizationKind.GeneralBranch), Count(s.Id, OrganizationKind.Branch), Count(s.Id, OrganizationKind.Group)))];
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {Bound.TotalSeconds:0} s for {what}");
            await Task.Delay(100);
        }
    }

    internal static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
