using System.Diagnostics;
using System.Reflection;
using Alliance.Activity.OrganizationLife;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Time;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using A = Alliance.Contracts.Activity.V1;
using O = Alliance.Contracts.Organization.V1;

namespace Alliance.Bench.Activity;

/// <summary>
/// Where a board's time goes, layer by layer, warm: the activity service's gRPC method called directly (no gateway), what it
/// asks the organization service (every page of the subsidiary's organizations), and its compliance statement alone in
/// PostgreSQL (the service's own SQL text and parameters; EXPLAIN ANALYZE's execution time).
/// </summary>
sealed class Layers(GrpcChannel activity, GrpcChannel organization, Load load)
{
    readonly A.OrganizationLifeService.OrganizationLifeServiceClient _boards = new(AsGroupAdmin(activity));
    readonly A.DecisionItemService.DecisionItemServiceClient _items = new(AsGroupAdmin(activity));
    readonly O.OrganizationService.OrganizationServiceClient _organizations = new(AsGroupAdmin(organization));

    static Grpc.Core.CallInvoker AsGroupAdmin(GrpcChannel channel) => channel.Intercept(headers =>
    {
        headers.Add(AllianceMetadata.UserRole, Roles.GroupAdmin);
        headers.Add(AllianceMetadata.UserId, "bench");
        return headers;
    });

    public Task<Latency> BoardGrpcAsync(string subsidiaryId, int requests) => TimeAsync(requests, async () =>
        await _boards.ListOrganizationBoardsAsync(new A.ListOrganizationBoardsRequest { SubsidiaryId = subsidiaryId, Page = 1, PageSize = 20 }));

    public Task<Latency> SupervisionGrpcAsync(int requests) => TimeAsync(requests, async () =>
        await _items.ListDecisionItemsAsync(new A.ListDecisionItemsRequest { Page = 1, PageSize = 20 }));

    public Task<Latency> OrganizationsAsync(string subsidiaryId, int requests) => TimeAsync(requests, async () =>
    {
        for (int page = 1, seen = 0; ; page++)
        {
            var list = await _organizations.ListOrganizationsAsync(new O.ListOrganizationsRequest { SubsidiaryId = subsidiaryId, Page = page, PageSize = 200 });
            seen += list.Items.Count;
            if (list.Items.Count == 0 || seen >= list.Total) return;
        }
    });

    /// <summary>The compliance statement for a subsidiary's organizations today: its time as sent, and EXPLAIN ANALYZE's plan.</summary>
    public async Task<(Latency Sql, string Plan)> ComplianceSqlAsync(IReadOnlyList<PartyOrganization> organizations, int requests)
    {
        var sql = (string)typeof(Compliance).GetField("Sql", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        List<MeetingRule> rules;
        await using (var db = load.NewContext()) rules = await db.MeetingRules.AsNoTracking().Where(r => !r.Retired).ToListAsync();
        var day = GroupCalendar.DayOf(DateTimeOffset.UtcNow);
        var periods = rules.Select(r => MeetingPeriod.Containing(r.Period, day)).ToList();
        var bound = organizations.Where(o => o.Kind is not null).ToList();
        void Bind(NpgsqlCommand command)
        {
            command.Parameters.Add(new NpgsqlParameter("organization_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = bound.Select(o => o.Id).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("organization_kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = bound.Select(o => o.Kind!).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("subsidiary_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = bound.Select(o => o.SubsidiaryId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("rule_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rules.Select(r => r.Id).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = periods.Select(p => p.StartsAt.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("ends", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = periods.Select(p => p.EndsAt.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = periods.Min(p => p.StartsAt).UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = periods.Max(p => p.EndsAt).UtcDateTime });
        }
        await using var source = NpgsqlDataSource.Create(load.ConnectionString);
        var latency = await TimeAsync(requests, async () =>
        {
            await using var command = source.CreateCommand(sql);
            command.CommandTimeout = 300;
            Bind(command);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        });
        await using var explain = source.CreateCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql);
        explain.CommandTimeout = 300;
        Bind(explain);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return (latency, string.Join('\n', plan));
    }

    static async Task<Latency> TimeAsync(int requests, Func<Task> call)
    {
        await call();
        var ms = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            ms.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Boards.Summary(ms);
    }
}
