using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Activity.Tests.Persistence;

/// <summary>A clock the tests move by hand.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Activities as the activity service runs them, over gRPC against real PostgreSQL, with the organization service
/// replaced by <see cref="FakeOrganizationDirectory"/>: what is stored, its events and audit, idempotent creates, the
/// booking constraint (also under concurrent requests), versions and who sees and changes what.
/// </summary>
public class ActivityServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new();
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid(), SubsidiaryC = Guid.NewGuid();
    static readonly DateTimeOffset March5 = new(2026, 3, 5, 14, 0, 0, TimeSpan.FromHours(8));
    const string JointStudy = "0199a000-0000-7000-8000-000000000001";

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("activities");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
            },
            a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin);

    ActivityService.ActivityServiceClient Activities => _host.Client<ActivityService.ActivityServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    Task<List<string>> OutboxTypesAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body LIKE {0} ORDER BY occurred_at, id", $"%{id}%").ToListAsync());

    static ActivityDetails Details(Guid organizationId, DateTimeOffset? start = null, double hours = 2, Guid? centerId = null,
        string title = "学习二十届三中全会精神", Guid? allianceId = null, params HostRef[] moreHosts)
    {
        var details = new ActivityDetails
        {
            Title = title, TypeId = JointStudy, AllianceId = allianceId?.ToString() ?? "",
            StartsAt = Timestamp.FromDateTimeOffset(start ?? March5), EndsAt = Timestamp.FromDateTimeOffset((start ?? March5).AddHours(hours)),
            Venue = centerId is { } c ? new VenueRef { ServiceCenterId = c.ToString() } : new VenueRef { Address = "城东路 1 号" },
            Agenda = "一、学习；二、交流",
        };
        details.Hosts.Add(new HostRef { OrganizationId = organizationId.ToString() });
        details.Hosts.AddRange(moreHosts);
        return details;
    }

    Task<Contracts.Activity.V1.Activity> ScheduleAsync(ActivityDetails details, CallOptions? caller = null, string clientRequestId = "") =>
        Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details, ClientRequestId = clientRequestId }, caller ?? GroupAdmin).ResponseAsync;

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    [Fact]
    public async Task A_scheduled_activity_is_stored_with_its_hosts_audit_entry_and_event_in_one_go()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var partner = _directory.AddOrganization(SubsidiaryB, "乙党委");
        var alliance = _directory.AddAlliance("城市服务联盟", [branch, partner], ["浦东银行"]);
        var bank = alliance.Members.Single(m => m.External);

        var activity = await ScheduleAsync(Details(branch.Id, allianceId: alliance.Id, moreHosts:
            [new HostRef { OrganizationId = partner.Id.ToString() }, new HostRef { MemberUnitId = bank.Id.ToString() }]),
            As(Roles.Secretary, SubsidiaryA, "李书记"));

        activity.Hosts.Select(h => h.Name).Should().Equal("甲第一党支部", "乙党委", "浦东银行");
        activity.Hosts[2].External.Should().BeTrue();
        activity.Measure.Should().Be(JointMeasure.Study);
        activity.AllianceName.Should().Be("城市服务联盟");
        activity.SubsidiaryId.Should().Be(SubsidiaryA.ToString());
        activity.CreatedBy.Should().Be("李书记");
        var stored = await InDatabase(db => db.Activities.Include(a => a.Hosts).SingleAsync(a => a.Id == Guid.Parse(activity.Id)));
        stored.Hosts.Should().HaveCount(3);
        stored.VisibleSubsidiaryIds.Should().BeEquivalentTo([SubsidiaryA, SubsidiaryB]);
        (await OutboxTypesAbout(activity.Id)).Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.ActivityScheduled));
        var history = await Activities.GetActivityHistoryAsync(new GetActivityHistoryRequest { Id = activity.Id }, GroupAdmin);
        history.Changes.Should().ContainSingle().Which.ChangedBy.Should().Be("李书记");
    }

    [Fact]
    public async Task A_repeated_schedule_with_the_same_client_request_id_returns_the_first_activity()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");

        var first = await ScheduleAsync(Details(branch.Id, title: "幂等"), clientRequestId: "key-1");
        var again = await ScheduleAsync(Details(branch.Id, title: "幂等"), clientRequestId: "key-1");

        again.Id.Should().Be(first.Id);
        (await InDatabase(db => db.Activities.CountAsync(a => a.Title == "幂等"))).Should().Be(1);
    }

    [Fact]
    public async Task An_overlapping_booking_of_a_service_center_is_refused_but_back_to_back_and_after_a_cancellation_are_not()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var center = _directory.AddServiceCenter(SubsidiaryA, "城东党群服务中心");
        var first = await ScheduleAsync(Details(branch.Id, March5, 2, center.Id));

        var overlap = await Refused(() => ScheduleAsync(Details(branch.Id, March5.AddHours(1), 2, center.Id)));
        overlap.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        Alliance.ServiceDefaults.Validation.FieldErrors.From(overlap).Should().ContainKey("venue.serviceCenterId")
            .WhoseValue.Single().Should().Contain("2026-03-05T14:00:00+08:00");

        var backToBack = await ScheduleAsync(Details(branch.Id, March5.AddHours(2), 1, center.Id));
        await Activities.CancelActivityAsync(new CancelActivityRequest { Id = first.Id, Reason = "场地维修", ExpectedVersion = first.Version }, GroupAdmin);
        var afterCancel = await ScheduleAsync(Details(branch.Id, March5.AddHours(1), 1, center.Id));

        backToBack.Venue.Name.Should().Be("城东党群服务中心");
        afterCancel.Venue.ServiceCenterId.Should().Be(center.Id.ToString());
        (await OutboxTypesAbout(first.Id)).Should().HaveCount(2).And.Contain(t => t.Contains(nameof(Contracts.Events.ActivityCancelled)));
    }

    [Fact]
    public async Task Of_concurrent_overlapping_bookings_of_one_center_exactly_one_wins_and_the_others_get_the_field_error()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var center = _directory.AddServiceCenter(SubsidiaryA, "并发中心");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await ScheduleAsync(Details(branch.Id, March5.AddMinutes(i * 10), 2, center.Id, title: $"并发{i}"));
                return (StatusCode?)null;
            }
            catch (RpcException e)
            {
                Alliance.ServiceDefaults.Validation.FieldErrors.From(e).Should().ContainKey("venue.serviceCenterId");
                return e.StatusCode;
            }
        }));

        attempts.Count(a => a is null).Should().Be(1);
        attempts.Where(a => a is not null).Should().OnlyContain(a => a == StatusCode.FailedPrecondition);
        (await InDatabase(db => db.Activities.CountAsync(a => a.ServiceCenterId == center.Id))).Should().Be(1);
    }

    [Fact]
    public async Task The_database_refuses_an_overlapping_booking_written_past_the_service()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var center = _directory.AddServiceCenter(SubsidiaryA, "约束中心");
        var booked = await ScheduleAsync(Details(branch.Id, March5, 2, center.Id));

        var write = () => InDatabase(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO activities SELECT (md5(random()::text))::uuid, title, type_id, type_code, measure, alliance_id, alliance_name, pairing_id, pairing_title, " +
            "visible_subsidiary_ids, starts_at + interval '1 hour', ends_at + interval '1 hour', service_center_id, venue_name, venue_address, agenda, outcome_notes, " +
            "status, cancel_reason, held_at, cancelled_at, subsidiary_id, created_at, created_by, updated_at, updated_by, version FROM activities WHERE id = {0}",
            Guid.Parse(booked.Id)));

        (await write.Should().ThrowAsync<Npgsql.PostgresException>()).Which.ConstraintName.Should().Be("ex_activities_service_center_booking");
    }

    [Fact]
    public async Task A_stale_version_changes_nothing_and_a_held_activity_counts_once()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var activity = await ScheduleAsync(Details(branch.Id));
        _clock.Now = March5.AddHours(3);

        var held = await Activities.RecordActivityHeldAsync(new RecordActivityHeldRequest { Id = activity.Id, OutcomeNotes = "学有所获", ExpectedVersion = 1 }, GroupAdmin);
        var stale = await Refused(() => Activities.ReviseActivityOutcomeAsync(new ReviseActivityOutcomeRequest { Id = activity.Id, OutcomeNotes = "x", ExpectedVersion = 1 }, GroupAdmin).ResponseAsync);
        var again = await Refused(() => Activities.RecordActivityHeldAsync(new RecordActivityHeldRequest { Id = activity.Id, ExpectedVersion = held.Version }, GroupAdmin).ResponseAsync);

        held.Status.Should().Be(ActivityStatus.Held);
        stale.StatusCode.Should().Be(StatusCode.Aborted);
        again.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        var now = await Activities.GetActivityAsync(new GetActivityRequest { Id = activity.Id }, GroupAdmin);
        (now.Version, now.OutcomeNotes).Should().Be((2L, "学有所获"));
        (await OutboxTypesAbout(activity.Id)).Count(t => t.Contains(nameof(Contracts.Events.ActivityHeld))).Should().Be(1);
    }

    [Fact]
    public async Task Another_subsidiary_sees_an_activity_only_while_it_takes_part_in_its_alliance_and_never_changes_it()
    {
        var hostA = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var memberC = _directory.AddOrganization(SubsidiaryC, "丙党委");
        var alliance = _directory.AddAlliance("联盟", hostA, memberC);
        var activity = await ScheduleAsync(Details(hostA.Id, allianceId: alliance.Id), As(Roles.SubsidiaryAdmin, SubsidiaryA));

        var inC = As(Roles.SubsidiaryAdmin, SubsidiaryC);
        var seen = await Activities.GetActivityAsync(new GetActivityRequest { Id = activity.Id }, inC);
        seen.CanChange.Should().BeFalse();
        (await Activities.ListActivitiesAsync(new ListActivitiesRequest { AllianceId = alliance.Id.ToString() }, inC)).Total.Should().Be(1);
        var change = await Refused(() => Activities.CancelActivityAsync(new CancelActivityRequest { Id = activity.Id, Reason = "x" }, inC).ResponseAsync);
        change.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var inB = As(Roles.SubsidiaryAdmin, SubsidiaryB);
        (await Refused(() => Activities.GetActivityAsync(new GetActivityRequest { Id = activity.Id }, inB).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Activities.ListActivitiesAsync(new ListActivitiesRequest(), inB)).Items.Should().NotContain(a => a.Id == activity.Id);

        _directory.Leave(alliance, alliance.Members.Single(m => m.OrganizationId == memberC.Id).Id);

        (await Refused(() => Activities.GetActivityAsync(new GetActivityRequest { Id = activity.Id }, inC).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Activities.ListActivitiesAsync(new ListActivitiesRequest { AllianceId = alliance.Id.ToString() }, inC)).Total.Should().Be(0);
    }

    [Fact]
    public async Task A_member_reads_but_may_not_schedule_and_a_secretary_schedules_only_with_a_host_of_its_subsidiary()
    {
        var hostA = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var hostB = _directory.AddOrganization(SubsidiaryB, "乙党委");

        (await Refused(() => ScheduleAsync(Details(hostA.Id), As(Roles.Member, SubsidiaryA)))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        var foreign = await Refused(() => ScheduleAsync(Details(hostB.Id), As(Roles.Secretary, SubsidiaryA)));
        foreign.StatusCode.Should().Be(StatusCode.NotFound);
        Alliance.ServiceDefaults.Validation.FieldErrors.From(foreign).Should().ContainKey("hosts[0].organizationId");
        var activity = await ScheduleAsync(Details(hostA.Id), As(Roles.Secretary, SubsidiaryA));

        (await Activities.GetActivityAsync(new GetActivityRequest { Id = activity.Id }, As(Roles.Member, SubsidiaryA))).CanChange.Should().BeFalse();
        (await Activities.GetActivityAsync(new GetActivityRequest { Id = activity.Id }, As(Roles.Secretary, SubsidiaryA))).CanChange.Should().BeTrue();
    }

    [Fact]
    public async Task The_list_filters_by_period_measure_host_and_status_and_sorts_by_start()
    {
        var host = _directory.AddOrganization(SubsidiaryC, "丙第九党支部");
        var other = _directory.AddOrganization(SubsidiaryC, "丙第十党支部");
        var caller = As(Roles.SubsidiaryAdmin, SubsidiaryC);
        var march = await ScheduleAsync(Details(host.Id, March5, title: "三月联学"), caller);
        var april = await ScheduleAsync(Details(host.Id, March5.AddMonths(1), title: "四月联学"), caller);
        var partyDay = Details(other.Id, March5.AddDays(1), title: "共同过党日");
        partyDay.TypeId = "0199a000-0000-7000-8000-000000000002";
        await ScheduleAsync(partyDay, caller);

        async Task<List<string>> Titles(ListActivitiesRequest request) =>
            (await Activities.ListActivitiesAsync(request, caller)).Items.Select(a => a.Title).ToList();

        (await Titles(new ListActivitiesRequest { From = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8))),
            To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(8))) }))
            .Should().Equal("三月联学", "共同过党日");
        (await Titles(new ListActivitiesRequest { Measure = JointMeasure.Study })).Should().Equal("三月联学", "四月联学");
        (await Titles(new ListActivitiesRequest { HostOrganizationId = other.Id.ToString() })).Should().Equal("共同过党日");
        (await Titles(new ListActivitiesRequest { Sort = "-starts", Search = "联学" })).Should().Equal("四月联学", "三月联学");
        await Activities.CancelActivityAsync(new CancelActivityRequest { Id = april.Id, Reason = "改期" }, caller);
        (await Titles(new ListActivitiesRequest { Status = ActivityStatus.Planned })).Should().Equal("三月联学", "共同过党日");
        march.Should().NotBeNull();
    }
}
