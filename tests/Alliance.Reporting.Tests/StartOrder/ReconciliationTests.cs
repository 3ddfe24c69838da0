using Alliance.Contracts;
using Alliance.Testing;
using Alliance.Tools.Reconcile;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Alliance.Reporting.Tests.StartOrder.StartOrderTests;

namespace Alliance.Reporting.Tests.StartOrder;

/// <summary>tools/Reconcile against the real organization and reporting services, loaded with the demo group.</summary>
[Collection(DemoGroupCollection.Name)]
public class ReconciliationTests
{
    [Fact]
    public async Task The_reconciliation_finds_no_difference_once_reporting_has_caught_up_and_names_a_count_that_a_read_model_lost()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("reconcile");
        var reportingDb = await servers.CreateDatabaseAsync("reporting");
        const int redisDatabase = 14;
        await using var reporting = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Reporting}"] = reportingDb,
            [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
            [$"ConnectionStrings:{ResourceNames.Cache}"] = $"{servers.RedisConnectionString},defaultDatabase={redisDatabase}",
            ["OTEL_SERVICE_NAME"] = ResourceNames.Reporting,
        }, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
        await using var organization = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Organization}"] = await servers.CreateDatabaseAsync("organization"),
            [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
            ["OTEL_SERVICE_NAME"] = ResourceNames.Organization,
            ["DemoData:Enabled"] = "true",
        }, b => Alliance.Organization.Extensions.AddApplicationServices(b), a => Alliance.Organization.Extensions.MapApplicationEndpoints(a));
        string[] args = ["--organization", AddressOf(organization), "--reporting", AddressOf(reporting)];

        var output = new StringWriter();
        await WaitUntilAsync(async () =>
        {
            output = new StringWriter();
            return await ReconcileCommand.RunAsync(args, output) == 0;
        }, "reporting to match the organization service");
        output.ToString().Should().Contain("No differences");

        // A read model loses a row behind reporting's back: one full member of a subsidiary.
        var subsidiary = await OneFullMemberRemovedAsync(reportingDb);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString))
            await redis.GetDatabase(redisDatabase).StringIncrementAsync("reporting:dashboard:version"); // as a consumer's commit does

        output = new StringWriter();
        var exitCode = await ReconcileCommand.RunAsync(args, output);

        exitCode.Should().Be(1, "a difference was found");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(l => l.Contains($"({subsidiary}): full members: source ", StringComparison.Ordinal), output.ToString())
            .Which.Should().MatchRegex(@"source (\d+), reporting (\d+)");
        var numbers = System.Text.RegularExpressions.Regex.Match(lines.Single(l => l.Contains("full members", StringComparison.Ordinal)), @"source (\d+), reporting (\d+)");
        (long.Parse(numbers.Groups[1].Value) - long.Parse(numbers.Groups[2].Value)).Should().Be(1);
        lines.Should().HaveCount(2, "the one difference and the summary line");
    }

    static async Task<Guid> OneFullMemberRemovedAsync(string reportingDb)
    {
        await using var conn = new Npgsql.NpgsqlConnection(reportingDb);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "DELETE FROM member_views WHERE person_id = (SELECT person_id FROM member_views WHERE status = 'full' AND organization_id IS NOT NULL LIMIT 1) RETURNING subsidiary_id", conn);
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    static string AddressOf(ServiceHost host) =>
        host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}
