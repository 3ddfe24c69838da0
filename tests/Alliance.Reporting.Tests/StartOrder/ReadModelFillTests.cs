using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Contracts.Reporting.V1;
using Alliance.Organization.Data;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Alliance.Tools.Reconcile;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using static Alliance.Reporting.Tests.StartOrder.StartOrderTests;

namespace Alliance.Reporting.Tests.StartOrder;

/// <summary>
/// New or empty read models are filled from the organization service's current state, then follow the events (ADR 26):
/// what the events of months would have built, even when those events are gone.
/// </summary>
[Collection(DemoGroupCollection.Name)]
public class ReadModelFillTests
{
    static readonly CallOptions GroupAdmin = new(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin } });

    [Fact]
    public async Task Read_models_filled_from_the_current_state_hold_exactly_what_the_events_built()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("fill-same");
        // Made before the demo group loads: creating a database while it copies can wait past the connect timeout.
        var activityDb = await servers.CreateDatabaseAsync("activity");
        // The demo group is loaded once the organization service has started; nothing changes it afterwards.
        await using var organization = await OrganizationAsync(servers, bus, demoData: true);
        // One reporting follows the events from the start.
        var followedDb = await servers.CreateDatabaseAsync("reporting");
        await using var followed = await ReportingAsync(servers, followedDb, bus, source: null, redisDatabase: 13);
        // Activities of the demo group's organizations: planned, held and cancelled.
        await using var activity = await ActivityAsync(activityDb, bus, organization);
        await ScheduleActivitiesAsync(activity, organization);
        await RecordJointWorkAsync(activity, organization);
        // Another, on a broker of its own where nothing is published, knows only what the sources' current state says.
        var filledDb = await servers.CreateDatabaseAsync("reporting");
        await using (await ReportingAsync(servers, filledDb, await servers.CreateVirtualHostAsync("fill-alone"), organization, redisDatabase: 12, activity)) { }

        // The followed one converges on what the filled one holds since its start, table by table.
        foreach (var (table, columns) in ComparedColumns)
        {
            var filled = await RowsAsync(filledDb, table, columns);
            await WaitUntilAsync(async () => (await RowsAsync(followedDb, table, columns)).SequenceEqual(filled), $"{table} as the events build it");
            filled.Should().NotBeEmpty($"the demo group has {table}");
        }
        (await ScalarAsync(filledDb, "SELECT count(*) FROM member_views")).Should().BeGreaterThan(1000, "the demo group's members are there");
        (await ScalarAsync(filledDb, "SELECT count(*) FROM meeting_rule_views WHERE rule_id::text LIKE '0199a001-0000-7000-8000-%'"))
            .Should().Be(9, "the group's default rules come with the fill");
    }

    [Fact]
    public async Task A_reporting_whose_events_are_gone_is_filled_from_the_source_while_it_changes_and_then_counts_exactly()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("fill-gone");
        await using var organization = await OrganizationAsync(servers, bus, demoData: true);
        var organizationDb = organization.App.Configuration.GetConnectionString(ResourceNames.Databases.Organization)!;
        await WaitUntilAsync(async () => await ScalarAsync(organizationDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0,
            "the demo data's events to be dispatched");
        // Months later: the outbox's rows are long deleted and reporting's queues were never read (a read model added since).
        await ScalarAsync(organizationDb, "DELETE FROM outbox_messages");
        await DeleteReportingQueuesAsync(bus);

        // The source keeps changing while reporting starts and fills: organizations created, some dissolved at once.
        var subsidiaryId = (await ScalarTextAsync(organizationDb, "SELECT id::text FROM subsidiaries ORDER BY code LIMIT 1"))!;
        var client = organization.Client<OrganizationService.OrganizationServiceClient>();
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            var created = 0;
            while (!stop.IsCancellationRequested || created < 20)
            {
                var o = await client.CreateOrganizationAsync(new CreateOrganizationRequest
                    { SubsidiaryId = subsidiaryId, Name = $"联建支部{created:000}", Kind = Contracts.Organization.V1.OrganizationKind.Branch }, GroupAdmin);
                if (created++ % 3 == 0)
                    await client.DissolveOrganizationAsync(new DissolveOrganizationRequest { Id = o.Id, ExpectedVersion = o.Version }, GroupAdmin);
            }
            return created;
        });

        var reportingDb = await servers.CreateDatabaseAsync("reporting");
        await using var reporting = await ReportingAsync(servers, reportingDb, bus, organization, redisDatabase: 11);
        await Task.Delay(500);
        await stop.CancelAsync();
        var created = await writes;

        await WaitUntilAsync(async () => await ReconcileAsync(organization, reporting) == 0, "reporting to match the source exactly");
        (await ScalarAsync(reportingDb, "SELECT version FROM read_model_builds")).Should().Be(ReadModels.ReadModelBuild.CurrentVersion);
        (await ScalarAsync(reportingDb, "SELECT state_events FROM read_model_builds")).Should().BeGreaterThan(1000);
        created.Should().BeGreaterThanOrEqualTo(20);

        // Started again, it finds its read models at the current version and does not fill them again.
        var filledAt = await ScalarTextAsync(reportingDb, "SELECT filled_at::text FROM read_model_builds");
        await using (await ReportingAsync(servers, reportingDb, bus, organization, redisDatabase: 11)) { }
        (await ScalarTextAsync(reportingDb, "SELECT filled_at::text FROM read_model_builds")).Should().Be(filledAt);
    }

    [Fact]
    public async Task The_reporting_model_has_its_migrations()
    {
        var servers = await RealServers.GetAsync();
        await using var db = new ReportingDbContext(new DbContextOptionsBuilder<ReportingDbContext>()
            .UseNpgsql(await servers.CreateDatabaseAsync("reporting")).Options);
        db.Database.HasPendingModelChanges().Should().BeFalse("every mapping change has its migration and the snapshot is current");
    }

    /// <summary>Every read model's columns except the times that order events (state events carry the Unix epoch); a table may name the rows compared.</summary>
    static readonly (string Table, string Columns)[] ComparedColumns =
    [
        ("subsidiary_counts", "subsidiary_id, name, registered, organizations, committees, general_branches, branches, groups"),
        ("organization_names", "organization_id, subsidiary_id, name, kind, ended"),
        ("alliance_views", "alliance_id, formed, name, lead_subsidiary_id, rotation_order, rotation_starts_on, rotation_period_months"),
        ("alliance_units", "member_unit_id, alliance_id, joined, organization_id, subsidiary_id, name, left_on"),
        ("person_views", "person_id, subsidiary_id, holds_management_post"),
        ("member_views", "person_id, subsidiary_id, organization_id, status"),
        ("role_views", "role_id, person_id, subsidiary_id, organization_id, role, starts_on, ends_on"),
        ("pairing_views", "pairing_id, subsidiary_id, partner_subsidiary_id, agreement_sequence, title, expires_on, ended_on"),
        ("activity_views", "activity_id, subsidiary_id, type_id, type_code, measure, alliance_id, pairing_id, starts_at, month, status"),
        ("activity_host_views", "activity_id, position, organization_id, subsidiary_id, member_unit_id, name, external"),
        ("invitation_views", "participant_id, activity_id, expected_count, withdrawn"),
        ("check_in_views", "check_in_id, activity_id, organization_id, subsidiary_id"),
        // The group's default rules are seeded by the activity service's migration, not published: they reach reporting by
        // the fill alone (ADR 37), which every new reporting database and version 3 make.
        ("meeting_rule_views WHERE rule_id::text NOT LIKE '0199a001-0000-7000-8000-%'",
            "rule_id, subsidiary_id, organization_kind, name_zh, name_en, period, activity_type_ids, retired, version"),
        ("decision_item_views", "decision_item_id, alliance_id, owner_member_unit_id, owner_organization_id, due_on, state, colour, verified_on"),
    ];

    static async Task<List<string>> RowsAsync(string database, string table, string columns)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT ({columns})::text FROM {table} ORDER BY 1", conn);
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    static async Task<ServiceHost> OrganizationAsync(RealServers servers, string bus, bool demoData) => await ServiceHost.StartAsync(new Dictionary<string, string?>
    {
        [$"ConnectionStrings:{ResourceNames.Databases.Organization}"] = await servers.CreateDatabaseAsync("organization"),
        [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
        ["OTEL_SERVICE_NAME"] = ResourceNames.Organization,
        ["DemoData:Enabled"] = demoData ? "true" : "false",
    }, b => Alliance.Organization.Extensions.AddApplicationServices(b), a => Alliance.Organization.Extensions.MapApplicationEndpoints(a));

    /// <summary>A reporting host; with a source, it fills new or empty read models from it before it consumes.</summary>
    static Task<ServiceHost> ReportingAsync(RealServers servers, string database, string bus, ServiceHost? source, int redisDatabase,
        ServiceHost? activitySource = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Reporting}"] = database,
            [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
            [$"ConnectionStrings:{ResourceNames.Cache}"] = $"{servers.RedisConnectionString},defaultDatabase={redisDatabase}",
            ["OTEL_SERVICE_NAME"] = ResourceNames.Reporting,
        };
        if (source is not null) configuration[$"services:{ResourceNames.Organization}:http:0"] = AddressOf(source);
        if (activitySource is not null) configuration[$"services:{ResourceNames.Activity}:http:0"] = AddressOf(activitySource);
        return ServiceHost.StartAsync(configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
    }

    /// <summary>The activity service, asking the organization service about hosts as the caller (ADR 27).</summary>
    static async Task<ServiceHost> ActivityAsync(string database, string bus, ServiceHost organization) => await ServiceHost.StartAsync(new Dictionary<string, string?>
    {
        [$"ConnectionStrings:{ResourceNames.Databases.Activity}"] = database,
        [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
        ["OTEL_SERVICE_NAME"] = ResourceNames.Activity,
        [$"services:{ResourceNames.Organization}:http:0"] = AddressOf(organization),
    }, b => Alliance.Activity.Extensions.AddApplicationServices(b), a => Alliance.Activity.Extensions.MapApplicationEndpoints(a));

    /// <summary>Six activities hosted by demo organizations, two of them jointly: two held, one cancelled.</summary>
    static async Task ScheduleActivitiesAsync(ServiceHost activity, ServiceHost organization)
    {
        var organizationDb = organization.App.Configuration.GetConnectionString(ResourceNames.Databases.Organization)!;
        var hosts = new List<string>();
        await using (var conn = new NpgsqlConnection(organizationDb))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT id::text FROM party_organizations WHERE status = 'Active' ORDER BY path LIMIT 3", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) hosts.Add(reader.GetString(0));
        }
        hosts.Should().HaveCount(3);
        var client = activity.Client<Contracts.Activity.V1.ActivityService.ActivityServiceClient>();
        var started = new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
        {
            var details = new Contracts.Activity.V1.ActivityDetails
            {
                Title = $"联学{i}", TypeId = "0199a000-0000-7000-8000-00000000000" + (1 + i % 2),
                StartsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(started.AddDays(i * 9)),
                EndsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(started.AddDays(i * 9).AddHours(2)),
                Venue = new Contracts.Activity.V1.VenueRef { Address = "城东路 1 号" },
            };
            details.Hosts.Add(new Contracts.Activity.V1.HostRef { OrganizationId = hosts[i % 3] });
            if (i < 2) details.Hosts.Add(new Contracts.Activity.V1.HostRef { OrganizationId = hosts[(i + 1) % 3] });
            var a = await client.ScheduleActivityAsync(new Contracts.Activity.V1.ScheduleActivityRequest { Details = details }, GroupAdmin);
            if (i is 0 or 3) await client.RecordActivityHeldAsync(new Contracts.Activity.V1.RecordActivityHeldRequest { Id = a.Id, OutcomeNotes = "圆满", ExpectedVersion = a.Version }, GroupAdmin);
            if (i == 4) await client.CancelActivityAsync(new Contracts.Activity.V1.CancelActivityRequest { Id = a.Id, Reason = "改期", ExpectedVersion = a.Version }, GroupAdmin);
        }
    }

    /// <summary>
    /// Joint work beyond the activities (ADR 37): an activity starting now with two invitations (one withdrawn) and a check-in
    /// by code; a meeting rule, revised; a joint meeting of a demo alliance with two decision items, one of them verified.
    /// </summary>
    static async Task RecordJointWorkAsync(ServiceHost activity, ServiceHost organization)
    {
        var organizationDb = organization.App.Configuration.GetConnectionString(ResourceNames.Databases.Organization)!;
        var units = new List<(string Id, string AllianceId, string SubsidiaryId, string OrganizationId)>();
        await using (var conn = new NpgsqlConnection(organizationDb))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT u.id::text, u.alliance_id::text, u.subsidiary_id::text, u.organization_id::text FROM alliance_member_units u
                WHERE u.left_on IS NULL AND u.organization_id IS NOT NULL
                  AND u.alliance_id = (SELECT alliance_id FROM alliance_member_units WHERE left_on IS NULL AND organization_id IS NOT NULL
                                       GROUP BY alliance_id HAVING count(*) >= 2 ORDER BY alliance_id LIMIT 1)
                ORDER BY u.id LIMIT 2
                """, conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) units.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        units.Should().HaveCount(2, "the demo group has an alliance of two units of the group");
        var (owner, supervisor) = (units[0], units[1]);

        var activities = activity.Client<Contracts.Activity.V1.ActivityService.ActivityServiceClient>();
        var attendance = activity.Client<Contracts.Activity.V1.AttendanceService.AttendanceServiceClient>();
        var now = DateTimeOffset.UtcNow;
        var details = new Contracts.Activity.V1.ActivityDetails
        {
            Title = "现场联学", TypeId = "0199a000-0000-7000-8000-000000000001",
            StartsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now.AddMinutes(5)),
            EndsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now.AddHours(2)),
            Venue = new Contracts.Activity.V1.VenueRef { Address = "城东路 1 号" },
        };
        details.Hosts.Add(new Contracts.Activity.V1.HostRef { OrganizationId = owner.OrganizationId });
        var a = await activities.ScheduleActivityAsync(new Contracts.Activity.V1.ScheduleActivityRequest { Details = details }, GroupAdmin);
        await attendance.InviteParticipantAsync(new Contracts.Activity.V1.InviteParticipantRequest { ActivityId = a.Id, OrganizationId = owner.OrganizationId }, GroupAdmin);
        var withdrawn = await attendance.InviteParticipantAsync(new Contracts.Activity.V1.InviteParticipantRequest { ActivityId = a.Id, OrganizationId = supervisor.OrganizationId }, GroupAdmin);
        await attendance.WithdrawInvitationAsync(new Contracts.Activity.V1.WithdrawInvitationRequest { ActivityId = a.Id, ParticipantId = withdrawn.Id }, GroupAdmin);
        var code = await attendance.GetCheckInCodeAsync(new Contracts.Activity.V1.GetCheckInCodeRequest { ActivityId = a.Id }, GroupAdmin);
        var member = new CallOptions(new Metadata { { AllianceMetadata.UserRole, Roles.Member }, { AllianceMetadata.TenantId, owner.SubsidiaryId }, { AllianceMetadata.UserId, "xiaowang" } });
        await attendance.CheckInAsync(new Contracts.Activity.V1.CheckInRequest { ActivityId = a.Id, Code = code.Code }, member);

        var life = activity.Client<Contracts.Activity.V1.OrganizationLifeService.OrganizationLifeServiceClient>();
        var rule = await life.CreateMeetingRuleAsync(new Contracts.Activity.V1.CreateMeetingRuleRequest
        {
            OrganizationKind = "branch", NameZh = "支部委员会", NameEn = "Branch committee", Period = "monthly",
            ActivityTypeIds = { "0199a000-0000-7000-8000-000000000001" }, RemindDaysBefore = 5,
        }, GroupAdmin);
        await life.ReviseMeetingRuleAsync(new Contracts.Activity.V1.ReviseMeetingRuleRequest
        {
            Id = rule.Id, OrganizationKind = "branch", NameZh = "支部委员会会议", NameEn = "Branch committee meeting", Period = "monthly",
            ActivityTypeIds = { "0199a000-0000-7000-8000-000000000001" }, RemindDaysBefore = 5, ExpectedVersion = rule.Version,
        }, GroupAdmin);

        var meetings = activity.Client<Contracts.Activity.V1.MeetingService.MeetingServiceClient>();
        var items = activity.Client<Contracts.Activity.V1.DecisionItemService.DecisionItemServiceClient>();
        var meeting = await meetings.RecordMeetingAsync(new Contracts.Activity.V1.RecordMeetingRequest
        {
            Details = new Contracts.Activity.V1.MeetingDetails
            {
                Title = "联席会议", AllianceId = owner.AllianceId, Place = "城东路 1 号",
                StartsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now.AddDays(-1)),
                Attendees = { new Contracts.Activity.V1.AttendeeRef { MemberUnitId = owner.Id }, new Contracts.Activity.V1.AttendeeRef { MemberUnitId = supervisor.Id } },
            },
        }, GroupAdmin);
        var due = DateOnly.FromDateTime(now.AddDays(40).UtcDateTime).ToString("yyyy-MM-dd");
        Contracts.Activity.V1.DecisionItemDetails Item(string title) => new()
        {
            Title = title, AcceptanceCriteria = "验收", OwnerMemberUnitId = owner.Id, SupervisorMemberUnitId = supervisor.Id, DueOn = due,
        };
        await items.RecordDecisionItemAsync(new Contracts.Activity.V1.RecordDecisionItemRequest { MeetingId = meeting.Id, Details = Item("共建阵地") }, GroupAdmin);
        var verified = await items.RecordDecisionItemAsync(new Contracts.Activity.V1.RecordDecisionItemRequest { MeetingId = meeting.Id, Details = Item("联合培训") }, GroupAdmin);
        verified = await items.ClaimDoneAsync(new Contracts.Activity.V1.ClaimDoneRequest { Id = verified.Id, Note = "已完成", ExpectedVersion = verified.Version }, GroupAdmin);
        // Verified by someone else than who claimed it done.
        var verifier = new CallOptions(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, "supervisor" } });
        await items.VerifyDecisionItemAsync(new Contracts.Activity.V1.VerifyDecisionItemRequest { Id = verified.Id, Note = "属实", ExpectedVersion = verified.Version }, verifier);
    }

    static async Task<int> ReconcileAsync(ServiceHost organization, ServiceHost reporting) =>
        await ReconcileCommand.RunAsync(["--organization", AddressOf(organization), "--reporting", AddressOf(reporting)], new StringWriter());

    static async Task DeleteReportingQueuesAsync(string bus)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(bus) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var subscription in EventSubscriptions.Alliance.OfService(ResourceNames.Reporting))
            await channel.QueueDeleteAsync(subscription.Queue);
    }

    static async Task<string?> ScalarTextAsync(string database, string sql)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (string?)await cmd.ExecuteScalarAsync();
    }

    static string AddressOf(ServiceHost host) =>
        host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}
