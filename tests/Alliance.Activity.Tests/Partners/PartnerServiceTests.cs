using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CheckIn = Alliance.Activity.Attendance.CheckIn;
using DecisionItem = Alliance.Contracts.Activity.V1.DecisionItem;
using DecisionItemState = Alliance.Contracts.Activity.V1.DecisionItemState;

namespace Alliance.Activity.Tests.Partners;

/// <summary>
/// Partners (people of an alliance's external units) in the activity service, over gRPC against real PostgreSQL with the
/// organization service in memory: they see and report on their own unit's decision items only (others' are not found),
/// never supervise, read meetings without the group's people, and check in at their alliances' activities as themselves,
/// inside the window, once, counted for their unit. Every refusal writes nothing.
/// </summary>
public class PartnerServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new() { ["Supervision:SweepEnabled"] = "false" };
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    static readonly DateTimeOffset March5 = new(2026, 3, 5, 14, 0, 0, TimeSpan.FromHours(8));
    const string JointStudy = "0199a000-0000-7000-8000-000000000001";
    OrganizationFacts _branchA = null!;
    AllianceFacts _alliance = null!;
    MemberUnitFacts _unitA = null!, _unitB = null!, _bank = null!, _street = null!;

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("partners");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
            },
            a => a.MapApplicationEndpoints());
        _branchA = _directory.AddOrganization(SubsidiaryA, "甲公司党委");
        var b = _directory.AddOrganization(SubsidiaryB, "乙公司党委");
        _alliance = _directory.AddAlliance("城市服务联盟", [_branchA, b], ["浦东银行", "城东街道"]);
        _unitA = _alliance.Members.Single(m => m.OrganizationId == _branchA.Id);
        _unitB = _alliance.Members.Single(m => m.OrganizationId == b.Id);
        _bank = _alliance.Members.Single(m => m.Name == "浦东银行");
        _street = _alliance.Members.Single(m => m.Name == "城东街道");
        _directory.Partners["zhao"] = ("赵行长", "浦东银行");
        _directory.Partners["qian"] = ("钱主任", "城东街道");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions SecretaryA = As(Roles.Secretary, SubsidiaryA, "李书记");
    static readonly CallOptions Bank = As(Roles.Partner, user: "zhao");
    static readonly CallOptions Street = As(Roles.Partner, user: "qian");
    static readonly CallOptions NoAccount = As(Roles.Partner, user: "nobody");

    MeetingService.MeetingServiceClient Meetings => _host.Client<MeetingService.MeetingServiceClient>();
    DecisionItemService.DecisionItemServiceClient Items => _host.Client<DecisionItemService.DecisionItemServiceClient>();
    ActivityService.ActivityServiceClient Activities => _host.Client<ActivityService.ActivityServiceClient>();
    AttendanceService.AttendanceServiceClient Attendance => _host.Client<AttendanceService.AttendanceServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    Task<int> HistoryRowsOf(string itemId) => InDatabase(db => db.DecisionItemHistory.CountAsync(e => e.DecisionItemId == Guid.Parse(itemId)));

    Task<int> CheckInsOf(string activityId) => InDatabase(db => db.Set<CheckIn>().CountAsync(c => c.ActivityId == Guid.Parse(activityId)));

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    async Task<JointMeeting> MeetingAsync()
    {
        var details = new MeetingDetails
        {
            Title = "第一次联席会议", AllianceId = _alliance.Id.ToString(), Place = "城东党群服务中心", Minutes = "议定三项",
            StartsAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8))),
        };
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _unitA.Id.ToString(), People = { "李书记" } });
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _unitB.Id.ToString(), People = { "王书记" } });
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _bank.Id.ToString(), People = { "赵行长" } });
        return await Meetings.RecordMeetingAsync(new RecordMeetingRequest { Details = details }, SecretaryA);
    }

    async Task<DecisionItem> ItemAsync(JointMeeting meeting, MemberUnitFacts owner, string title)
    {
        var details = new DecisionItemDetails
        {
            Title = title, AcceptanceCriteria = "按期完成", OwnerMemberUnitId = owner.Id.ToString(), DueOn = "2026-04-30",
            SupervisorMemberUnitId = _unitA.Id.ToString(),
        };
        details.Milestones.Add(new MilestoneRef { Title = "方案", DueOn = "2026-03-20" });
        return await Items.RecordDecisionItemAsync(new RecordDecisionItemRequest { MeetingId = meeting.Id, Details = details }, SecretaryA);
    }

    /// <summary>A meeting with three items: the bank's, unit B's and the street office's.</summary>
    async Task<(JointMeeting Meeting, DecisionItem Bank, DecisionItem UnitB, DecisionItem Street)> ThreeItemsAsync()
    {
        var meeting = await MeetingAsync();
        return (meeting, await ItemAsync(meeting, _bank, "开设联盟服务窗口"), await ItemAsync(meeting, _unitB, "共建充电桩"),
            await ItemAsync(meeting, _street, "社区议事会"));
    }

    [Fact]
    public async Task A_partner_lists_only_their_units_decision_items_whatever_filters_they_send()
    {
        var (meeting, bank, unitB, _) = await ThreeItemsAsync();

        var all = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { IncludeClosed = true }, Bank);
        var ofMeeting = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { MeetingId = meeting.Id }, Bank);
        var askingForB = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { OwnerMemberUnitId = unitB.OwnerMemberUnitId }, Bank);
        var withoutAccount = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest(), NoAccount);
        var secretary = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { MeetingId = meeting.Id }, SecretaryA);

        all.Items.Select(i => i.Id).Should().Equal(bank.Id);
        all.Total.Should().Be(1);
        all.Owners.Should().ContainSingle().Which.OwnerName.Should().Be("浦东银行");
        all.Items[0].MayProgress.Should().BeTrue();
        all.Items[0].MaySupervise.Should().BeFalse();
        all.Items[0].CreatedBy.Should().BeEmpty("a partner is not shown who of the group recorded it");
        ofMeeting.Items.Select(i => i.Id).Should().Equal(bank.Id);
        askingForB.Total.Should().Be(0);
        withoutAccount.Total.Should().Be(0);
        secretary.Total.Should().Be(3);
    }

    [Fact]
    public async Task Another_units_item_is_not_found_for_a_partner_and_reporting_on_it_writes_nothing()
    {
        var (_, _, unitB, street) = await ThreeItemsAsync();

        var get = await Refused(() => Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = unitB.Id }, Bank).ResponseAsync);
        var history = await Refused(() => Items.GetDecisionItemHistoryAsync(new GetDecisionItemHistoryRequest { Id = street.Id }, Bank).ResponseAsync);
        var progress = await Refused(() => Items.RecordProgressAsync(new RecordProgressRequest { Id = unitB.Id, Note = "已完成方案", ExpectedVersion = unitB.Version }, Bank).ResponseAsync);
        var claim = await Refused(() => Items.ClaimDoneAsync(new ClaimDoneRequest { Id = street.Id, Note = "已办结", ExpectedVersion = street.Version }, Bank).ResponseAsync);
        var noAccount = await Refused(() => Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = street.Id }, NoAccount).ResponseAsync);

        new[] { get, history, progress, claim, noAccount }.Select(e => e.StatusCode).Should().AllBeEquivalentTo(StatusCode.NotFound);
        (await HistoryRowsOf(unitB.Id)).Should().Be(1);
        (await HistoryRowsOf(street.Id)).Should().Be(1);
        (await Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = street.Id }, Street)).Version.Should().Be(street.Version);
    }

    [Fact]
    public async Task A_partner_reports_progress_on_and_claims_their_own_item_and_its_history_names_them_but_not_the_groups_staff()
    {
        var (_, bank, _, _) = await ThreeItemsAsync();

        var progressed = await Items.RecordProgressAsync(new RecordProgressRequest
        {
            Id = bank.Id, Note = "窗口已选址", ExpectedVersion = bank.Version, MilestonesReached = { 0 }, Links = { "https://example.org/photo" },
        }, Bank);
        var claimed = await Items.ClaimDoneAsync(new ClaimDoneRequest { Id = bank.Id, Note = "窗口已开放", ExpectedVersion = progressed.Version }, Bank);
        var history = await Items.GetDecisionItemHistoryAsync(new GetDecisionItemHistoryRequest { Id = bank.Id }, Bank);
        var asSecretary = await Items.GetDecisionItemHistoryAsync(new GetDecisionItemHistoryRequest { Id = bank.Id }, SecretaryA);

        progressed.State.Should().Be(DecisionItemState.InProgress);
        progressed.Milestones[0].HasReachedOn.Should().BeTrue();
        progressed.UpdatedBy.Should().Be("zhao");
        claimed.State.Should().Be(DecisionItemState.Done);
        history.Entries.Where(e => e.Kind is "progress" or "claimed").Should().OnlyContain(e => e.By == "zhao" && e.ByRole == Roles.Partner);
        history.Entries.Single(e => e.Kind == "recorded").By.Should().BeEmpty();
        asSecretary.Entries.Single(e => e.Kind == "recorded").By.Should().Be("李书记");
        asSecretary.Entries.Single(e => e.Kind == "progress").Note.Should().Be("窗口已选址");
    }

    [Fact]
    public async Task A_partner_may_not_verify_reject_or_cancel_even_their_own_item_and_nothing_is_written()
    {
        var (_, bank, _, _) = await ThreeItemsAsync();
        var claimed = await Items.ClaimDoneAsync(new ClaimDoneRequest { Id = bank.Id, Note = "窗口已开放", ExpectedVersion = bank.Version }, Bank);

        var verify = await Refused(() => Items.VerifyDecisionItemAsync(new VerifyDecisionItemRequest { Id = bank.Id, ExpectedVersion = claimed.Version }, Bank).ResponseAsync);
        var reject = await Refused(() => Items.RejectDecisionItemAsync(new RejectDecisionItemRequest { Id = bank.Id, Reason = "不行", ExpectedVersion = claimed.Version }, Bank).ResponseAsync);
        var cancel = await Refused(() => Items.CancelDecisionItemAsync(new CancelDecisionItemRequest { Id = bank.Id, Reason = "不做了", ExpectedVersion = claimed.Version }, Bank).ResponseAsync);
        var record = await Refused(() => Items.RecordDecisionItemAsync(new RecordDecisionItemRequest { MeetingId = bank.MeetingId }, Bank).ResponseAsync);

        new[] { verify, reject, cancel, record }.Select(e => e.StatusCode).Should().AllBeEquivalentTo(StatusCode.PermissionDenied);
        var after = await Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = bank.Id }, SecretaryA);
        after.State.Should().Be(DecisionItemState.Done);
        after.Version.Should().Be(claimed.Version);
    }

    [Fact]
    public async Task A_partner_reads_a_meeting_with_their_own_items_counted_and_without_the_groups_people()
    {
        var (meeting, _, _, _) = await ThreeItemsAsync();

        var shown = await Meetings.GetMeetingAsync(new GetMeetingRequest { Id = meeting.Id }, Bank);
        var listed = await Meetings.ListMeetingsAsync(new ListMeetingsRequest(), Bank);
        var toSecretary = await Meetings.GetMeetingAsync(new GetMeetingRequest { Id = meeting.Id }, SecretaryA);

        shown.DecisionItemCount.Should().Be(1);
        shown.Attendees.Select(a => a.Name).Should().Equal("甲公司党委", "乙公司党委", "浦东银行");
        shown.Attendees.Where(a => !a.External).Should().OnlyContain(a => a.People.Count == 0);
        shown.Attendees.Single(a => a.External).People.Should().Equal("赵行长");
        shown.CreatedBy.Should().BeEmpty();
        shown.UpdatedBy.Should().BeEmpty();
        shown.CanChange.Should().BeFalse();
        listed.Items.Should().ContainSingle().Which.Should().Match<JointMeeting>(m => m.DecisionItemCount == 1 && m.CreatedBy == "" && m.Attendees[0].People.Count == 0);
        toSecretary.DecisionItemCount.Should().Be(3);
        toSecretary.Attendees[0].People.Should().Equal("李书记");
        toSecretary.CreatedBy.Should().Be("李书记");
    }

    async Task<Contracts.Activity.V1.Activity> AllianceActivityAsync()
    {
        var details = new ActivityDetails
        {
            Title = "联盟联学", TypeId = JointStudy, AllianceId = _alliance.Id.ToString(), Venue = new VenueRef { Address = "城东路 1 号" },
            StartsAt = Timestamp.FromDateTimeOffset(March5), EndsAt = Timestamp.FromDateTimeOffset(March5.AddHours(2)),
        };
        details.Hosts.Add(new HostRef { OrganizationId = _branchA.Id.ToString() });
        return await Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, SecretaryA);
    }

    Task<CheckInResult> CheckInAsync(string activityId, string code, CallOptions caller, string personId = "") =>
        Attendance.CheckInAsync(new CheckInRequest { ActivityId = activityId, Code = code, PersonId = personId }, caller).ResponseAsync;

    async Task<string> CodeAsync(string activityId) =>
        (await Attendance.GetCheckInCodeAsync(new GetCheckInCodeRequest { ActivityId = activityId }, SecretaryA)).Code;

    [Fact]
    public async Task A_partner_checks_in_with_the_venue_code_once_as_themselves_and_counts_for_their_unit()
    {
        var activity = await AllianceActivityAsync();
        await Attendance.InviteParticipantAsync(new InviteParticipantRequest { ActivityId = activity.Id, MemberUnitId = _bank.Id.ToString() }, SecretaryA);
        _clock.Now = March5.AddMinutes(-5);
        var code = await CodeAsync(activity.Id);

        var first = await CheckInAsync(activity.Id, code, Bank);
        var second = await CheckInAsync(activity.Id, code, Bank);

        first.AlreadyCheckedIn.Should().BeFalse();
        first.CheckIn.Method.Should().Be(CheckInMethod.Code);
        first.CheckIn.Name.Should().Be("赵行长");
        first.CheckIn.OrganizationName.Should().Be("浦东银行");
        first.CheckIn.HasPersonId.Should().BeFalse();
        first.CheckIn.HasSubsidiaryId.Should().BeFalse();
        first.CheckIn.HasOrganizationId.Should().BeFalse();
        second.AlreadyCheckedIn.Should().BeTrue();
        second.CheckIn.Id.Should().Be(first.CheckIn.Id);
        (await CheckInsOf(activity.Id)).Should().Be(1);
        var attendance = await Attendance.GetActivityAttendanceAsync(new GetActivityAttendanceRequest { ActivityId = activity.Id }, SecretaryA);
        attendance.CheckedIn.Should().Be(1);
        attendance.Organizations.Single(o => o.Name == "浦东银行").Should().Match<OrganizationAttendance>(o => o.Invited == 1 && o.CheckedIn == 1);
    }

    [Fact]
    public async Task A_partner_checks_in_without_a_code_only_when_their_unit_is_invited()
    {
        var activity = await AllianceActivityAsync();
        await Attendance.InviteParticipantAsync(new InviteParticipantRequest { ActivityId = activity.Id, MemberUnitId = _bank.Id.ToString() }, SecretaryA);
        _clock.Now = March5.AddMinutes(10);

        var invited = await CheckInAsync(activity.Id, "", Bank);
        var notInvited = await Refused(() => CheckInAsync(activity.Id, "", Street));
        var asPerson = await Refused(() => CheckInAsync(activity.Id, "", Street, Guid.NewGuid().ToString()));

        invited.CheckIn.Method.Should().Be(CheckInMethod.Self);
        invited.CheckIn.OrganizationName.Should().Be("浦东银行");
        notInvited.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(notInvited).Should().ContainKey("code");
        asPerson.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(asPerson).Should().ContainKey("personId");
        (await CheckInsOf(activity.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_partners_check_in_outside_the_window_with_a_stale_code_or_without_an_account_is_refused_and_nothing_is_written()
    {
        var activity = await AllianceActivityAsync();
        await Attendance.InviteParticipantAsync(new InviteParticipantRequest { ActivityId = activity.Id, MemberUnitId = _bank.Id.ToString() }, SecretaryA);
        _clock.Now = March5;
        var code = await CodeAsync(activity.Id);

        _clock.Now = March5.AddMinutes(5);
        var stale = await Refused(() => CheckInAsync(activity.Id, code, Street));
        var fresh = await CodeAsync(activity.Id);
        var noAccount = await Refused(() => CheckInAsync(activity.Id, fresh, NoAccount));
        _clock.Now = March5.AddHours(3);
        var late = await Refused(() => CheckInAsync(activity.Id, "", Bank));
        _clock.Now = March5.AddDays(-1);
        var early = await Refused(() => CheckInAsync(activity.Id, "", Bank));

        stale.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(stale)["code"].Single().Should().Contain("expired");
        noAccount.StatusCode.Should().Be(StatusCode.NotFound);
        FieldErrors.From(late)["activityId"].Single().Should().Contain("closed at");
        FieldErrors.From(early)["activityId"].Single().Should().Contain("opens at");
        (await CheckInsOf(activity.Id)).Should().Be(0);
    }

    [Fact]
    public async Task A_partner_does_not_see_or_check_in_at_an_activity_outside_their_alliances()
    {
        var other = _directory.AddAlliance("乡村振兴联盟", [_branchA], ["农商银行"]);
        var details = new ActivityDetails
        {
            Title = "乡村联学", TypeId = JointStudy, AllianceId = other.Id.ToString(), Venue = new VenueRef { Address = "城东路 1 号" },
            StartsAt = Timestamp.FromDateTimeOffset(March5), EndsAt = Timestamp.FromDateTimeOffset(March5.AddHours(2)),
        };
        details.Hosts.Add(new HostRef { OrganizationId = _branchA.Id.ToString() });
        var activity = await Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, SecretaryA);
        _clock.Now = March5;
        var code = await CodeAsync(activity.Id);

        var refused = await Refused(() => CheckInAsync(activity.Id, code, Bank));

        refused.StatusCode.Should().Be(StatusCode.NotFound);
        (await CheckInsOf(activity.Id)).Should().Be(0);
    }
}
