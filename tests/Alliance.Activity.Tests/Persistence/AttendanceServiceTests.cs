using CheckIn = Alliance.Activity.Attendance.CheckIn;
using CheckInSecret = Alliance.Activity.Attendance.CheckInSecret;
using CheckInCodes = Alliance.Activity.Attendance.CheckInCodes;
using StoredFeed = Alliance.Activity.CalendarFeeds.CalendarFeed;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Activity.Tests.Persistence;

/// <summary>
/// Invitations, check-ins, attendance and calendar feeds as the activity service runs them, over gRPC against real
/// PostgreSQL, with the organization service in memory and a clock the tests move: what is stored, its events and audit,
/// check-in counted once (also eight at once), every refusal writing nothing, and who may do what.
/// </summary>
public class AttendanceServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new();
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    static readonly DateTimeOffset March5 = new(2026, 3, 5, 14, 0, 0, TimeSpan.FromHours(8));
    const string JointStudy = "0199a000-0000-7000-8000-000000000001";

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("attendance");
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

    static readonly CallOptions SecretaryA = As(Roles.Secretary, SubsidiaryA, "李书记");
    ActivityService.ActivityServiceClient Activities => _host.Client<ActivityService.ActivityServiceClient>();
    AttendanceService.AttendanceServiceClient Attendance => _host.Client<AttendanceService.AttendanceServiceClient>();
    CalendarFeedService.CalendarFeedServiceClient Feeds => _host.Client<CalendarFeedService.CalendarFeedServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    Task<List<string>> OutboxTypesAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body LIKE {0} ORDER BY occurred_at, id", $"%{id}%").ToListAsync());

    Task<int> CheckInsOf(string activityId) => InDatabase(db => db.Set<CheckIn>().CountAsync(c => c.ActivityId == Guid.Parse(activityId)));

    async Task<Contracts.Activity.V1.Activity> ScheduleAsync(Common.OrganizationFacts host, string title = "学习二十届三中全会精神")
    {
        var details = new ActivityDetails
        {
            Title = title, TypeId = JointStudy, StartsAt = Timestamp.FromDateTimeOffset(March5), EndsAt = Timestamp.FromDateTimeOffset(March5.AddHours(2)),
            Venue = new VenueRef { Address = "城东路 1 号" },
        };
        details.Hosts.Add(new HostRef { OrganizationId = host.Id.ToString() });
        return await Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, SecretaryA);
    }

    Task<Participant> InviteOrganizationAsync(string activityId, Guid organizationId, CallOptions? caller = null) =>
        Attendance.InviteParticipantAsync(new InviteParticipantRequest { ActivityId = activityId, OrganizationId = organizationId.ToString() }, caller ?? SecretaryA).ResponseAsync;

    Task<CheckInResult> CheckInAsync(string activityId, string code, CallOptions caller, string personId = "") =>
        Attendance.CheckInAsync(new CheckInRequest { ActivityId = activityId, Code = code, PersonId = personId }, caller).ResponseAsync;

    Task<CheckInCode> CodeAsync(string activityId) => Attendance.GetCheckInCodeAsync(new GetCheckInCodeRequest { ActivityId = activityId }, SecretaryA).ResponseAsync;

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    [Fact]
    public async Task Invitations_are_stored_with_their_expected_people_an_audit_entry_and_an_event_and_inviting_again_changes_nothing()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var guests = _directory.AddOrganization(SubsidiaryA, "甲第二党支部");
        _directory.AddPerson(guests, "王五");
        _directory.AddPerson(guests, "赵六");
        var zhang = _directory.AddPerson(branch, "张三");
        var activity = await ScheduleAsync(branch);

        var organization = await InviteOrganizationAsync(activity.Id, guests.Id);
        var person = await Attendance.InviteParticipantAsync(new InviteParticipantRequest { ActivityId = activity.Id, PersonId = zhang.Id.ToString() }, SecretaryA);
        var again = await InviteOrganizationAsync(activity.Id, guests.Id);

        organization.ExpectedCount.Should().Be(2);
        organization.Name.Should().Be("甲第二党支部");
        organization.InvitedBy.Should().Be("李书记");
        person.Kind.Should().Be(ParticipantKind.Person);
        person.OrganizationId.Should().Be(branch.Id.ToString());
        again.Id.Should().Be(organization.Id);
        var list = await Attendance.ListParticipantsAsync(new ListParticipantsRequest { ActivityId = activity.Id }, SecretaryA);
        list.Total.Should().Be(2);
        (await OutboxTypesAbout(activity.Id)).Count(t => t.Contains(nameof(Contracts.Events.ParticipantInvited))).Should().Be(2);
        var history = await Activities.GetActivityHistoryAsync(new GetActivityHistoryRequest { Id = activity.Id }, SecretaryA);
        history.Changes.Select(c => c.Kind).Should().Equal("participant-invited", "participant-invited", "scheduled");
        history.Changes[1].Changes.Single().NewValue.Should().Be("甲第二党支部 (organization)");
    }

    [Fact]
    public async Task A_withdrawn_invitation_is_kept_marked_audited_and_no_longer_counts()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        _directory.AddPerson(branch, "张三");
        var activity = await ScheduleAsync(branch);
        var invitation = await InviteOrganizationAsync(activity.Id, branch.Id);

        var withdrawn = await Attendance.WithdrawInvitationAsync(new WithdrawInvitationRequest { ActivityId = activity.Id, ParticipantId = invitation.Id }, SecretaryA);

        withdrawn.WithdrawnBy.Should().Be("李书记");
        (await Attendance.ListParticipantsAsync(new ListParticipantsRequest { ActivityId = activity.Id }, SecretaryA)).Total.Should().Be(0);
        (await Attendance.ListParticipantsAsync(new ListParticipantsRequest { ActivityId = activity.Id, IncludeWithdrawn = true }, SecretaryA)).Total.Should().Be(1);
        (await Attendance.GetActivityAttendanceAsync(new GetActivityAttendanceRequest { ActivityId = activity.Id }, SecretaryA)).Invited.Should().Be(0);
        (await OutboxTypesAbout(activity.Id)).Should().Contain(t => t.Contains(nameof(Contracts.Events.InvitationWithdrawn)));
        (await Activities.GetActivityHistoryAsync(new GetActivityHistoryRequest { Id = activity.Id }, SecretaryA)).Changes.First().Kind.Should().Be("invitation-withdrawn");
    }

    [Fact]
    public async Task Check_in_with_the_venue_code_is_stored_with_its_event_and_a_second_check_in_counts_once()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var activity = await ScheduleAsync(branch);
        await InviteOrganizationAsync(activity.Id, branch.Id);
        _clock.Now = March5.AddMinutes(-10);
        var code = await CodeAsync(activity.Id);
        var member = As(Roles.Member, SubsidiaryA, "小王");

        var first = await CheckInAsync(activity.Id, code.Code, member);
        _clock.Now = March5.AddMinutes(5);
        var second = await CheckInAsync(activity.Id, (await CodeAsync(activity.Id)).Code, member);

        code.Code.Should().MatchRegex("^[0-9]{6}$");
        (code.ValidUntil.ToDateTimeOffset() - code.ValidFrom.ToDateTimeOffset()).Should().Be(TimeSpan.FromSeconds(60));
        first.AlreadyCheckedIn.Should().BeFalse();
        first.CheckIn.Method.Should().Be(CheckInMethod.Code);
        first.CheckIn.OrganizationName.Should().Be("甲第一党支部");
        second.AlreadyCheckedIn.Should().BeTrue();
        second.CheckIn.Id.Should().Be(first.CheckIn.Id);
        (await CheckInsOf(activity.Id)).Should().Be(1);
        (await OutboxTypesAbout(activity.Id)).Count(t => t.Contains(nameof(Contracts.Events.ParticipantCheckedIn))).Should().Be(1);
        var secrets = await InDatabase(db => db.Set<CheckInSecret>().Where(s => s.ActivityId == Guid.Parse(activity.Id)).ToListAsync());
        secrets.Should().ContainSingle().Which.Secret.Should().HaveCount(CheckInCodes.SecretBytes);
    }

    [Fact]
    public async Task Eight_check_ins_of_one_user_at_once_store_one_and_publish_one_event()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var activity = await ScheduleAsync(branch);
        _clock.Now = March5;
        var code = (await CodeAsync(activity.Id)).Code;
        var member = As(Roles.Member, SubsidiaryA, "小王");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => CheckInAsync(activity.Id, code, member))));

        results.Select(r => r.CheckIn.Id).Distinct().Should().ContainSingle();
        results.Count(r => !r.AlreadyCheckedIn).Should().BeLessThanOrEqualTo(1);
        (await CheckInsOf(activity.Id)).Should().Be(1);
        (await OutboxTypesAbout(activity.Id)).Count(t => t.Contains(nameof(Contracts.Events.ParticipantCheckedIn))).Should().Be(1);
    }

    [Fact]
    public async Task A_stale_or_wrong_code_outside_the_window_or_at_a_cancelled_activity_is_refused_and_nothing_is_written()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var activity = await ScheduleAsync(branch);
        var member = As(Roles.Member, SubsidiaryA, "小王");
        _clock.Now = March5;
        var code = (await CodeAsync(activity.Id)).Code;

        _clock.Now = March5.AddMinutes(5);
        var stale = await Refused(() => CheckInAsync(activity.Id, code, member));
        var wrong = await Refused(() => CheckInAsync(activity.Id, code == "000000" ? "000001" : "000000", member));
        var malformed = await Refused(() => CheckInAsync(activity.Id, "12 34", member));
        _clock.Now = March5.AddHours(3);
        var late = await Refused(() => CheckInAsync(activity.Id, code, member));
        var lateCode = await Refused(() => CodeAsync(activity.Id));
        _clock.Now = March5.AddDays(-1);
        await Activities.CancelActivityAsync(new CancelActivityRequest { Id = activity.Id, Reason = "暴雨" }, SecretaryA);
        _clock.Now = March5;
        var cancelled = await Refused(() => CheckInAsync(activity.Id, code, member));

        stale.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(stale)["code"].Single().Should().Contain("expired");
        FieldErrors.From(wrong)["code"].Single().Should().Contain("not the code");
        malformed.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(late)["activityId"].Single().Should().Contain("closed at");
        lateCode.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(cancelled)["activityId"].Single().Should().Contain("cancelled");
        (await CheckInsOf(activity.Id)).Should().Be(0);
        (await OutboxTypesAbout(activity.Id)).Should().NotContain(t => t.Contains(nameof(Contracts.Events.ParticipantCheckedIn)));
    }

    [Fact]
    public async Task An_invited_person_checks_in_themselves_but_one_not_invited_or_unknown_is_refused()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var other = _directory.AddOrganization(SubsidiaryA, "甲第三党支部");
        var zhang = _directory.AddPerson(branch, "张三");
        var li = _directory.AddPerson(other, "李四");
        var activity = await ScheduleAsync(branch);
        await InviteOrganizationAsync(activity.Id, branch.Id);
        _clock.Now = March5.AddMinutes(10);

        var self = await CheckInAsync(activity.Id, "", As(Roles.Member, SubsidiaryA, "zhangsan"), zhang.Id.ToString());
        var notInvited = await Refused(() => CheckInAsync(activity.Id, "", As(Roles.Member, SubsidiaryA, "lisi"), li.Id.ToString()));
        var unknown = await Refused(() => CheckInAsync(activity.Id, "", As(Roles.Member, SubsidiaryA, "nobody"), Guid.NewGuid().ToString()));
        var neither = await Refused(() => CheckInAsync(activity.Id, "", As(Roles.Member, SubsidiaryA, "nobody")));

        self.CheckIn.Method.Should().Be(CheckInMethod.Self);
        self.CheckIn.Name.Should().Be("张三");
        self.CheckIn.PersonId.Should().Be(zhang.Id.ToString());
        notInvited.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(notInvited).Should().ContainKey("personId");
        unknown.StatusCode.Should().Be(StatusCode.NotFound);
        neither.StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await CheckInsOf(activity.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_user_linked_to_a_person_checks_in_as_them_without_naming_anyone_and_may_name_no_one_else()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第五党支部");
        var wang = _directory.AddPerson(branch, "王五");
        var zhao = _directory.AddPerson(branch, "赵六");
        _directory.LinkedPeople["wangwu"] = wang.Id;
        var activity = await ScheduleAsync(branch);
        await InviteOrganizationAsync(activity.Id, branch.Id);
        _clock.Now = March5.AddMinutes(10);
        var wangwu = As(Roles.Member, SubsidiaryA, "wangwu");

        var other = await Refused(() => CheckInAsync(activity.Id, "", wangwu, zhao.Id.ToString()));
        other.StatusCode.Should().Be(StatusCode.PermissionDenied);
        FieldErrors.From(other)["personId"].Single().Should().Contain("王五");
        (await CheckInsOf(activity.Id)).Should().Be(0, "a refused check-in writes nothing");

        var self = await CheckInAsync(activity.Id, "", wangwu);
        (self.CheckIn.PersonId, self.CheckIn.Name, self.CheckIn.OrganizationId).Should().Be((wang.Id.ToString(), "王五", branch.Id.ToString()));
        (await CheckInAsync(activity.Id, (await CodeAsync(activity.Id)).Code, wangwu)).AlreadyCheckedIn.Should().BeTrue();
        (await CheckInsOf(activity.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Attendance_counts_invited_against_checked_in_by_organization_and_a_persons_history_lists_their_activities()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var zhang = _directory.AddPerson(branch, "张三");
        _directory.AddPerson(branch, "王五");
        _directory.AddPerson(branch, "赵六");
        _directory.AddPerson(branch, "钱七");
        var first = await ScheduleAsync(branch, "第一次联学");
        var second = await ScheduleAsync(branch, "第二次联学");
        await InviteOrganizationAsync(first.Id, branch.Id);
        await Attendance.InviteParticipantAsync(new InviteParticipantRequest { ActivityId = second.Id, PersonId = zhang.Id.ToString() }, SecretaryA);
        _clock.Now = March5;
        await CheckInAsync(first.Id, "", As(Roles.Member, SubsidiaryA, "zhangsan"), zhang.Id.ToString());
        _clock.Now = March5.AddSeconds(1);
        await CheckInAsync(first.Id, (await CodeAsync(first.Id)).Code, As(Roles.Member, SubsidiaryA, "guest"));

        var attendance = await Attendance.GetActivityAttendanceAsync(new GetActivityAttendanceRequest { ActivityId = first.Id }, As(Roles.Member, SubsidiaryA));
        var history = await Attendance.GetPersonAttendanceAsync(new GetPersonAttendanceRequest { PersonId = zhang.Id.ToString() }, SecretaryA);
        var checkIns = await Attendance.ListCheckInsAsync(new ListCheckInsRequest { ActivityId = first.Id, PageSize = 1 }, SecretaryA);

        attendance.Invited.Should().Be(4);
        attendance.CheckedIn.Should().Be(2);
        attendance.Rate.Should().Be(0.5);
        attendance.Organizations.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "甲第一党支部", Invited = 4, CheckedIn = 2 },
            o => o.ExcludingMissingMembers());
        history.Total.Should().Be(2);
        history.Attended.Should().Be(1);
        history.Items.Select(i => (i.Activity.Title, i.Invited, i.CheckIn is not null)).Should().BeEquivalentTo([("第一次联学", false, true), ("第二次联学", true, false)]);
        checkIns.Total.Should().Be(2);
        checkIns.Items.Should().ContainSingle().Which.Name.Should().Be("张三");
    }

    [Fact]
    public async Task A_person_invited_by_name_and_through_their_organization_is_expected_once_and_another_subsidiarys_members_are_not_counted()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var partner = _directory.AddOrganization(SubsidiaryB, "乙党委");
        var zhang = _directory.AddPerson(branch, "张三");
        _directory.AddPerson(branch, "王五");
        _directory.AddPerson(partner, "乙的党员");
        var alliance = _directory.AddAlliance("城市服务联盟", branch, partner);
        var details = new ActivityDetails
        {
            Title = "联盟联学", TypeId = JointStudy, AllianceId = alliance.Id.ToString(), Venue = new VenueRef { Address = "城东路 1 号" },
            StartsAt = Timestamp.FromDateTimeOffset(March5), EndsAt = Timestamp.FromDateTimeOffset(March5.AddHours(2)),
        };
        details.Hosts.Add(new HostRef { OrganizationId = branch.Id.ToString() });
        var activity = await Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, SecretaryA);

        await InviteOrganizationAsync(activity.Id, branch.Id);
        await Attendance.InviteParticipantAsync(new InviteParticipantRequest { ActivityId = activity.Id, PersonId = zhang.Id.ToString() }, SecretaryA);
        var other = await InviteOrganizationAsync(activity.Id, partner.Id);

        other.Name.Should().Be("乙党委");
        other.ExpectedCount.Should().Be(0, "a secretary of A may not count B's people");
        var attendance = await Attendance.GetActivityAttendanceAsync(new GetActivityAttendanceRequest { ActivityId = activity.Id }, SecretaryA);
        attendance.Invited.Should().Be(2);
        attendance.Organizations.Select(o => (o.Name, o.Invited)).Should().Equal(("甲第一党支部", 2), ("乙党委", 0));
    }

    [Fact]
    public async Task Members_may_not_invite_or_see_the_code_and_another_subsidiary_does_not_see_the_activity()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var activity = await ScheduleAsync(branch);
        _clock.Now = March5;
        var member = As(Roles.Member, SubsidiaryA);
        var outsider = As(Roles.SubsidiaryAdmin, SubsidiaryB);

        (await Refused(() => InviteOrganizationAsync(activity.Id, branch.Id, member))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Attendance.GetCheckInCodeAsync(new GetCheckInCodeRequest { ActivityId = activity.Id }, member).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => InviteOrganizationAsync(activity.Id, branch.Id, outsider))).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Attendance.GetActivityAttendanceAsync(new GetActivityAttendanceRequest { ActivityId = activity.Id }, outsider).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => CheckInAsync(activity.Id, "123456", outsider))).StatusCode.Should().Be(StatusCode.NotFound);
        (await Attendance.GetCheckInCodeAsync(new GetCheckInCodeRequest { ActivityId = activity.Id }, As(Roles.GroupAdmin))).Code.Should().HaveLength(6);
    }

    [Fact]
    public async Task A_calendar_feed_is_read_by_its_token_alone_and_stops_when_revoked()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var other = _directory.AddOrganization(SubsidiaryA, "甲第三党支部");
        await ScheduleAsync(branch, "本支部的活动");
        await ScheduleAsync(other, "别的支部的活动");

        var created = await Feeds.CreateCalendarFeedAsync(new CreateCalendarFeedRequest { OrganizationId = branch.Id.ToString() }, SecretaryA);
        var content = await Feeds.ReadCalendarFeedAsync(new ReadCalendarFeedRequest { Token = created.Token });
        var stored = await InDatabase(db => db.Set<StoredFeed>().SingleAsync(f => f.Id == Guid.Parse(created.Feed.Id)));
        var listedByB = await Feeds.ListCalendarFeedsAsync(new ListCalendarFeedsRequest(), As(Roles.SubsidiaryAdmin, SubsidiaryB));
        var revokeByB = await Refused(() => Feeds.RevokeCalendarFeedAsync(new RevokeCalendarFeedRequest { Id = created.Feed.Id }, As(Roles.SubsidiaryAdmin, SubsidiaryB)).ResponseAsync);
        await Feeds.RevokeCalendarFeedAsync(new RevokeCalendarFeedRequest { Id = created.Feed.Id }, As(Roles.SubsidiaryAdmin, SubsidiaryA));
        var afterRevoke = await Refused(() => Feeds.ReadCalendarFeedAsync(new ReadCalendarFeedRequest { Token = created.Token }).ResponseAsync);

        created.Token.Should().HaveLength(43);
        content.Feed.Name.Should().Be("甲第一党支部");
        content.Activities.Select(a => a.Title).Should().Equal("本支部的活动");
        stored.TokenHash.Should().Equal(StoredFeed.Hash(created.Token));
        listedByB.Total.Should().Be(0);
        revokeByB.StatusCode.Should().Be(StatusCode.NotFound);
        afterRevoke.StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Feeds.CreateCalendarFeedAsync(new CreateCalendarFeedRequest { OrganizationId = branch.Id.ToString() }, As(Roles.Member, SubsidiaryA)).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
    }
}
