using Alliance.Activity.Common;
using Alliance.Activity.HostRotations;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StoredRotation = Alliance.Activity.HostRotations.HostRotation;

namespace Alliance.Activity.Tests.HostRotations;

/// <summary>
/// The rotating host (活动轮办) over gRPC against real PostgreSQL: who sets it, what is refused (and writes nothing), and
/// each month's state from the activities its host produced, on a clock the test moves.
/// </summary>
public class HostRotationServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new();
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid(), SubsidiaryC = Guid.NewGuid();
    const string JointStudy = "0199a000-0000-7000-8000-000000000001";

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("rotations");
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

    static CallOptions As(string role, Guid? tenant = null)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, "tester" } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin);
    HostRotationService.HostRotationServiceClient Rotations => _host.Client<HostRotationService.HostRotationServiceClient>();
    ActivityService.ActivityServiceClient Activities => _host.Client<ActivityService.ActivityServiceClient>();

    (Contracts.Activity.V1.HostRotation? _, Common.AllianceFacts Alliance, Common.OrganizationFacts Lead, Common.OrganizationFacts Member) Setting()
    {
        var lead = _directory.AddOrganization(SubsidiaryA, "甲党委");
        var member = _directory.AddOrganization(SubsidiaryB, "乙党委");
        var alliance = _directory.AddAlliance("轮办联盟", [lead, member], ["街道社区"]);
        return (null, alliance, lead, member);
    }

    static SetHostRotationRequest Request(Common.AllianceFacts alliance, int year, params (int Month, Guid Unit)[] slots)
    {
        var request = new SetHostRotationRequest { AllianceId = alliance.Id.ToString(), Year = year };
        request.Slots.AddRange(slots.Select(s => new HostRotationSlotInput { Month = s.Month, MemberUnitId = s.Unit.ToString(), Note = "" }));
        return request;
    }

    Task<int> StoredRotations() => InDatabase(db => db.Set<StoredRotation>().CountAsync());

    async Task<T> InDatabase<T>(Func<Data.ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<Data.ActivityDbContext>());
    }

    async Task<Contracts.Activity.V1.Activity> ScheduleAsync(Common.AllianceFacts alliance, HostRef host, DateTimeOffset start, HostRef? alsoHost = null)
    {
        var details = new ActivityDetails
        {
            Title = "轮办联学", TypeId = JointStudy, AllianceId = alliance.Id.ToString(),
            StartsAt = Timestamp.FromDateTimeOffset(start), EndsAt = Timestamp.FromDateTimeOffset(start.AddHours(2)),
            Venue = new VenueRef { Address = "城东路 1 号" },
        };
        details.Hosts.Add(host);
        if (alsoHost is not null) details.Hosts.Add(alsoHost);
        return await Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, GroupAdmin);
    }

    [Fact]
    public async Task Each_month_shows_what_its_host_produced_held_planned_missed_due_or_upcoming()
    {
        var (_, alliance, lead, member) = Setting();
        var units = alliance.Members.ToDictionary(m => m.Name, m => m.Id);
        var set = await Rotations.SetHostRotationAsync(Request(alliance, 2026,
            (1, units["甲党委"]), (2, units["乙党委"]), (3, units["街道社区"]), (4, units["甲党委"]), (5, units["乙党委"])), As(Roles.Secretary, SubsidiaryA));
        set.Version.Should().Be(1);
        set.CanChange.Should().BeTrue();

        var china = TimeSpan.FromHours(8);
        var january = await ScheduleAsync(alliance, new HostRef { OrganizationId = lead.Id.ToString() }, new DateTimeOffset(2026, 1, 10, 9, 0, 0, china));
        await Activities.RecordActivityHeldAsync(new RecordActivityHeldRequest { Id = january.Id, ExpectedVersion = january.Version }, GroupAdmin);
        // Hosted by the wrong unit in February: it does not count for February's host.
        await ScheduleAsync(alliance, new HostRef { OrganizationId = lead.Id.ToString() }, new DateTimeOffset(2026, 2, 10, 9, 0, 0, china));
        // The external unit hosts April's on 1 April at 00:30 China time (still 31 March in UTC): April, not March.
        await ScheduleAsync(alliance, new HostRef { MemberUnitId = units["街道社区"].ToString() }, new DateTimeOffset(2026, 4, 1, 0, 30, 0, china),
            alsoHost: new HostRef { OrganizationId = member.Id.ToString() });
        await ScheduleAsync(alliance, new HostRef { OrganizationId = lead.Id.ToString() }, new DateTimeOffset(2026, 4, 8, 9, 0, 0, china));

        var read = await Rotations.GetHostRotationAsync(new GetHostRotationRequest { AllianceId = alliance.Id.ToString(), Year = 2026 }, As(Roles.Member, SubsidiaryB));

        read.CanChange.Should().BeFalse("a member reads only");
        read.Slots.Select(s => (s.Month, s.Name, s.State, s.Activities.Count)).Should().Equal(
            (1, "甲党委", "held", 1), (2, "乙党委", "missed", 0), (3, "街道社区", "due", 0), (4, "甲党委", "planned", 1), (5, "乙党委", "upcoming", 0));
        read.Slots[2].External.Should().BeTrue();
    }

    [Fact]
    public async Task Only_planners_of_the_lead_subsidiary_set_it_and_bad_input_or_a_stale_version_writes_nothing()
    {
        var (_, alliance, _, _) = Setting();
        var unit = alliance.Members[0].Id;
        var before = await StoredRotations();

        async Task<StatusCode> StatusOf(SetHostRotationRequest request, CallOptions options)
        {
            try { await Rotations.SetHostRotationAsync(request, options); return StatusCode.OK; }
            catch (RpcException e) { return e.StatusCode; }
        }

        (await StatusOf(Request(alliance, 2026, (1, unit)), As(Roles.Member, SubsidiaryA))).Should().Be(StatusCode.PermissionDenied);
        (await StatusOf(Request(alliance, 2026, (1, unit)), As(Roles.SubsidiaryAdmin, SubsidiaryB))).Should().Be(StatusCode.PermissionDenied, "B is a member, not the lead");
        (await StatusOf(Request(alliance, 2026, (1, unit)), As(Roles.SubsidiaryAdmin, SubsidiaryC))).Should().Be(StatusCode.NotFound);
        (await StatusOf(Request(alliance, 2026, (13, unit)), GroupAdmin)).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(Request(alliance, 2026, (1, unit), (1, unit)), GroupAdmin)).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(Request(alliance, 1999, (1, unit)), GroupAdmin)).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(Request(alliance, 2026, (1, Guid.NewGuid())), GroupAdmin)).Should().Be(StatusCode.FailedPrecondition);
        _directory.Leave(alliance, alliance.Members[1].Id);
        (await StatusOf(Request(_directory.Alliances[alliance.Id], 2026, (1, alliance.Members[1].Id)), GroupAdmin)).Should().Be(StatusCode.FailedPrecondition, "the unit left");
        (await StoredRotations()).Should().Be(before, "nothing was written");

        var first = await Rotations.SetHostRotationAsync(Request(alliance, 2026, (1, unit)), As(Roles.SubsidiaryAdmin, SubsidiaryA));
        var second = await Rotations.SetHostRotationAsync(WithVersion(Request(alliance, 2026, (1, unit), (2, unit)), first.Version), GroupAdmin);
        (await StatusOf(WithVersion(Request(alliance, 2026, (3, unit)), first.Version), GroupAdmin)).Should().Be(StatusCode.Aborted, "the version read is stale");

        second.Version.Should().Be(2);
        second.Slots.Select(s => s.Month).Should().Equal(1, 2);
        (await InDatabase(db => db.Set<Alliance.Activity.HostRotations.HostRotationSlot>().CountAsync(s => s.RotationId == db.Set<StoredRotation>().Single(x => x.AllianceId == alliance.Id).Id))).Should().Be(2);
    }

    static SetHostRotationRequest WithVersion(SetHostRotationRequest request, long version)
    {
        request.ExpectedVersion = version;
        return request;
    }

    [Fact]
    public void A_months_state_follows_its_activities_and_the_group_calendar()
    {
        HostRotationReading.StateOf(2026, 3, [], new DateOnly(2026, 2, 28)).Should().Be("upcoming");
        HostRotationReading.StateOf(2026, 3, [], new DateOnly(2026, 3, 1)).Should().Be("due");
        HostRotationReading.StateOf(2026, 3, [], new DateOnly(2026, 3, 31)).Should().Be("due");
        HostRotationReading.StateOf(2026, 3, [], new DateOnly(2026, 4, 1)).Should().Be("missed");
        HostRotationReading.StateOf(2026, 12, [], new DateOnly(2027, 1, 1)).Should().Be("missed", "across the year end");
    }
}
