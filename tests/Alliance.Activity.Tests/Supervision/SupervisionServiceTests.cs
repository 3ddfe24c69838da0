using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Supervision;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using DecisionItem = Alliance.Contracts.Activity.V1.DecisionItem;
using DecisionItemState = Alliance.Contracts.Activity.V1.DecisionItemState;
using SupervisionColour = Alliance.Contracts.Activity.V1.SupervisionColour;

namespace Alliance.Activity.Tests.Supervision;

/// <summary>
/// Joint meetings and supervision as the activity service runs them, over gRPC against real PostgreSQL, with the
/// organization service replaced by <see cref="FakeOrganizationDirectory"/> and a clock the tests move: what is stored
/// with its events and history, the history refused UPDATE and DELETE by the database, the sweep's colours and its one
/// escalation per red spell to the rotating secretary, the board's colours without a sweep, refused transitions that write
/// nothing, and who may do what.
/// </summary>
public class SupervisionServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new() { ["Supervision:SweepEnabled"] = "false" };
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid(), SubsidiaryC = Guid.NewGuid();
    AllianceFacts _alliance = null!;
    MemberUnitFacts _unitA = null!, _unitB = null!, _bank = null!;

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("supervision");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
            },
            a => a.MapApplicationEndpoints());
        var a = _directory.AddOrganization(SubsidiaryA, "甲公司党委");
        var b = _directory.AddOrganization(SubsidiaryB, "乙公司党委");
        var alliance = _directory.AddAlliance("城市服务联盟", [a, b], ["浦东银行"]);
        _unitA = alliance.Members.Single(m => m.OrganizationId == a.Id);
        _unitB = alliance.Members.Single(m => m.OrganizationId == b.Id);
        _bank = alliance.Members.Single(m => m.External);
        _alliance = new AllianceFacts(alliance.Id, alliance.Name, alliance.LeadSubsidiaryId, alliance.Members)
        {
            Rotation = [new(_unitA.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1)), new(_unitB.Id, new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1))],
        };
        _directory.Alliances[_alliance.Id] = _alliance;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin);
    static readonly CallOptions SecretaryA = As(Roles.Secretary, SubsidiaryA, "李书记");
    static readonly CallOptions SecretaryB = As(Roles.Secretary, SubsidiaryB, "王书记");

    MeetingService.MeetingServiceClient Meetings => _host.Client<MeetingService.MeetingServiceClient>();
    DecisionItemService.DecisionItemServiceClient Items => _host.Client<DecisionItemService.DecisionItemServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    Task<List<string>> OutboxBodiesAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type || ' ' || body AS \"Value\" FROM outbox_messages WHERE body LIKE {0} ORDER BY occurred_at, id", $"%{id}%").ToListAsync());

    Task<int?> SweepAsync() => InDatabase(async db =>
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SupervisionSweep>().RunAsync(CancellationToken.None);
    });

    async Task<JointMeeting> MeetingAsync(CallOptions? caller = null, string clientRequestId = "")
    {
        var details = new MeetingDetails
        {
            Title = "第一次联席会议", AllianceId = _alliance.Id.ToString(), Place = "城东党群服务中心", Minutes = "议定三项",
            StartsAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8))),
        };
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _unitA.Id.ToString(), People = { "李书记" } });
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _unitB.Id.ToString() });
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _bank.Id.ToString(), People = { "赵行长" } });
        return await Meetings.RecordMeetingAsync(new RecordMeetingRequest { Details = details, ClientRequestId = clientRequestId }, caller ?? SecretaryA);
    }

    async Task<DecisionItem> ItemAsync(JointMeeting meeting, string dueOn = "2026-04-30", CallOptions? caller = null, params (string Title, string DueOn)[] milestones)
    {
        var details = new DecisionItemDetails
        {
            Title = "共建充电桩", AcceptanceCriteria = "三个小区各建成一处", OwnerMemberUnitId = _unitB.Id.ToString(), OwnerPerson = "张经理",
            DueOn = dueOn, SupervisorMemberUnitId = _unitA.Id.ToString(),
        };
        details.Milestones.AddRange(milestones.Select(m => new MilestoneRef { Title = m.Title, DueOn = m.DueOn }));
        return await Items.RecordDecisionItemAsync(new RecordDecisionItemRequest { MeetingId = meeting.Id, Details = details }, caller ?? SecretaryA);
    }

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    void Today(int month, int day) => _clock.Now = new DateTimeOffset(2026, month, day, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_meeting_and_its_decision_item_are_stored_with_their_events_and_first_history_entry()
    {
        var meeting = await MeetingAsync(clientRequestId: "m-1");
        var again = await MeetingAsync(clientRequestId: "m-1");
        var item = await ItemAsync(meeting);

        again.Id.Should().Be(meeting.Id);
        meeting.Attendees.Select(a => a.Name).Should().Equal("甲公司党委", "乙公司党委", "浦东银行");
        meeting.Attendees[2].External.Should().BeTrue();
        item.State.Should().Be(DecisionItemState.Open);
        item.Colour.Should().Be(SupervisionColour.Green);
        item.OwnerName.Should().Be("乙公司党委");
        (await OutboxBodiesAbout(meeting.Id)).Should().Contain(b => b.Contains(nameof(Contracts.Events.JointMeetingRecorded)));
        (await OutboxBodiesAbout(item.Id)).Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.DecisionItemRecorded));
        var history = await Items.GetDecisionItemHistoryAsync(new GetDecisionItemHistoryRequest { Id = item.Id }, SecretaryB);
        history.Entries.Should().ContainSingle().Which.By.Should().Be("李书记");
        (await Meetings.GetMeetingAsync(new GetMeetingRequest { Id = meeting.Id }, SecretaryB)).DecisionItemCount.Should().Be(1);
    }

    [Fact]
    public async Task A_revised_meeting_records_what_changed_and_a_revision_that_changes_nothing_writes_nothing()
    {
        var meeting = await MeetingAsync();
        var details = new MeetingDetails
        {
            Title = "第一次联席会议（扩大）", AllianceId = _alliance.Id.ToString(), Place = "城东党群服务中心", Minutes = "议定三项",
            StartsAt = meeting.StartsAt,
        };
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _unitA.Id.ToString(), People = { "李书记" } });
        details.Attendees.Add(new AttendeeRef { MemberUnitId = _unitB.Id.ToString() });

        var revised = await Meetings.ReviseMeetingAsync(new ReviseMeetingRequest { Id = meeting.Id, Details = details, ExpectedVersion = meeting.Version }, SecretaryB);
        var again = await Meetings.ReviseMeetingAsync(new ReviseMeetingRequest { Id = meeting.Id, Details = details, ExpectedVersion = revised.Version }, SecretaryB);
        var stale = await Refused(() => Meetings.ReviseMeetingAsync(new ReviseMeetingRequest { Id = meeting.Id, Details = details, ExpectedVersion = meeting.Version }, SecretaryB).ResponseAsync);

        again.Version.Should().Be(revised.Version).And.Be(meeting.Version + 1);
        stale.StatusCode.Should().Be(StatusCode.Aborted);
        var history = await Meetings.GetMeetingHistoryAsync(new GetMeetingHistoryRequest { Id = meeting.Id }, SecretaryA);
        history.Changes.Select(c => c.Kind).Should().Equal("revised", "recorded");
        history.Changes[0].ChangedBy.Should().Be("王书记");
        history.Changes[0].Changes.Select(f => f.Field).Should().BeEquivalentTo(["title", "attendees"]);
        (await OutboxBodiesAbout(meeting.Id)).Count(b => b.Contains(nameof(Contracts.Events.JointMeetingRevised))).Should().Be(1);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_history()
    {
        var item = await ItemAsync(await MeetingAsync());

        var update = await Refused2(() => InDatabase(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE decision_item_history SET note = 'rewritten' WHERE decision_item_id = {0}", Guid.Parse(item.Id))));
        var delete = await Refused2(() => InDatabase(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM decision_item_history WHERE decision_item_id = {0}", Guid.Parse(item.Id))));

        update.MessageText.Should().Contain("append-only");
        delete.MessageText.Should().Contain("append-only");
        (await InDatabase(db => db.DecisionItemHistory.CountAsync(e => e.DecisionItemId == Guid.Parse(item.Id) && e.Note == null))).Should().Be(1);
    }

    static async Task<PostgresException> Refused2(Func<Task> write) => (await write.Should().ThrowAsync<PostgresException>()).Which;

    [Fact]
    public async Task The_sweep_recolours_and_escalates_a_red_item_once_to_the_rotating_secretary_of_the_day()
    {
        var item = await ItemAsync(await MeetingAsync(), dueOn: "2026-04-10");

        Today(4, 5);
        (await SweepAsync()).Should().Be(1);
        Today(4, 11);
        (await SweepAsync()).Should().Be(1);
        (await SweepAsync()).Should().Be(0);
        Today(4, 12);
        (await SweepAsync()).Should().Be(0);

        var escalations = (await OutboxBodiesAbout(item.Id)).Where(b => b.Contains(nameof(Contracts.Events.DecisionItemEscalated))).ToList();
        escalations.Should().ContainSingle().Which.Should().Contain(_unitB.Id.ToString()).And.Contain("乙公司党委");
        var history = (await Items.GetDecisionItemHistoryAsync(new GetDecisionItemHistoryRequest { Id = item.Id }, GroupAdmin)).Entries;
        history.Select(e => e.Kind).Should().Equal("escalated", "colour", "colour", "recorded");
        history[1].ToColour.Should().Be(SupervisionColour.Red);
        history[0].Note.Should().Be("乙公司党委");
        (await OutboxBodiesAbout(item.Id)).Count(b => b.Contains(nameof(Contracts.Events.DecisionItemStateChanged))).Should().Be(2);
        (await Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = item.Id }, SecretaryA)).Escalated.Should().BeTrue();
    }

    [Fact]
    public async Task A_second_sweep_while_one_holds_the_lock_skips_its_run()
    {
        await ItemAsync(await MeetingAsync(), dueOn: "2026-03-05");
        Today(3, 6);

        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActivityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SupervisionSweep.LockKey})");

        (await SweepAsync()).Should().BeNull();
        await transaction.RollbackAsync();
        (await SweepAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_board_shows_todays_colours_by_owner_even_when_no_sweep_has_run()
    {
        var meeting = await MeetingAsync();
        await ItemAsync(meeting, dueOn: "2026-03-20");
        await ItemAsync(meeting, dueOn: "2026-06-30", milestones: ("选址", "2026-03-10"));
        await ItemAsync(meeting, dueOn: "2026-06-30");

        Today(3, 21);
        var board = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { AllianceId = _alliance.Id.ToString() }, SecretaryB);

        board.Items.Select(i => i.Colour).Should().Equal(SupervisionColour.Red, SupervisionColour.Yellow, SupervisionColour.Green);
        board.Items[1].BehindPlan.Should().BeTrue();
        board.Colours.Select(c => (c.Colour, c.Count)).Should().Equal((SupervisionColour.Red, 1), (SupervisionColour.Yellow, 1), (SupervisionColour.Green, 1));
        board.Owners.Should().ContainSingle().Which.Should().Match<OwnerCount>(o => o.OwnerName == "乙公司党委" && o.Red == 1 && o.Yellow == 1 && o.Green == 1);
        var reds = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { Colour = SupervisionColour.Red }, GroupAdmin);
        reds.Total.Should().Be(1);
        (await InDatabase(db => db.DecisionItems.CountAsync(i => i.Colour == Alliance.Activity.Supervision.SupervisionColour.Red))).Should().Be(0, "nothing was written by reading");
    }

    [Fact]
    public async Task An_alliances_own_due_soon_days_colour_its_items_on_read_and_in_the_sweep_and_only_its_leads_planners_set_them()
    {
        var meeting = await MeetingAsync();
        var item = await ItemAsync(meeting, dueOn: "2026-03-21");
        Today(3, 1);
        (await Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = item.Id }, SecretaryA)).Colour.Should().Be(SupervisionColour.Green);

        var refused = await Refused(() => Items.SetSupervisionSettingAsync(new SetSupervisionSettingRequest { AllianceId = _alliance.Id.ToString(), DueSoonDays = 30 }, SecretaryB).ResponseAsync);
        var tooMany = await Refused(() => Items.SetSupervisionSettingAsync(new SetSupervisionSettingRequest { AllianceId = _alliance.Id.ToString(), DueSoonDays = 61 }, SecretaryA).ResponseAsync);
        var set = await Items.SetSupervisionSettingAsync(new SetSupervisionSettingRequest { AllianceId = _alliance.Id.ToString(), DueSoonDays = 30 }, SecretaryA);

        refused.StatusCode.Should().Be(StatusCode.PermissionDenied);
        tooMany.StatusCode.Should().Be(StatusCode.InvalidArgument);
        set.Should().Match<SupervisionSetting>(x => x.Own && x.DueSoonDays == 30 && x.GroupDueSoonDays == 7 && x.Version == 1);
        (await Items.GetSupervisionSettingAsync(new GetSupervisionSettingRequest { AllianceId = _alliance.Id.ToString() }, SecretaryB)).CanChange.Should().BeFalse();
        (await Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = item.Id }, SecretaryA)).Colour.Should().Be(SupervisionColour.Yellow);
        var board = await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { AllianceId = _alliance.Id.ToString() }, SecretaryB);
        board.Colours.Should().ContainSingle().Which.Colour.Should().Be(SupervisionColour.Yellow);
        (await SweepAsync()).Should().Be(1);

        await Items.SetSupervisionSettingAsync(new SetSupervisionSettingRequest { AllianceId = _alliance.Id.ToString(), Clear = true, ExpectedVersion = 1 }, SecretaryA);
        (await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest { AllianceId = _alliance.Id.ToString() }, SecretaryB))
            .Items.Single().Colour.Should().Be(SupervisionColour.Green);
    }

    [Fact]
    public async Task Refused_transitions_write_nothing_verify_before_claim_closing_twice_and_the_owner_verifying()
    {
        var item = await ItemAsync(await MeetingAsync());

        var early = await Refused(() => Items.VerifyDecisionItemAsync(new VerifyDecisionItemRequest { Id = item.Id }, SecretaryA).ResponseAsync);
        early.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        var claimed = await Items.ClaimDoneAsync(new ClaimDoneRequest { Id = item.Id, Note = "三处均已建成", Links = { "https://example.org/photos" } }, SecretaryB);
        var byOwner = await Refused(() => Items.VerifyDecisionItemAsync(new VerifyDecisionItemRequest { Id = item.Id }, SecretaryB).ResponseAsync);
        byOwner.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        await Items.VerifyDecisionItemAsync(new VerifyDecisionItemRequest { Id = item.Id, Note = "验收通过" }, SecretaryA);
        var twice = await Refused(() => Items.VerifyDecisionItemAsync(new VerifyDecisionItemRequest { Id = item.Id }, SecretaryA).ResponseAsync);
        twice.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        var cancel = await Refused(() => Items.CancelDecisionItemAsync(new CancelDecisionItemRequest { Id = item.Id, Reason = "x" }, SecretaryA).ResponseAsync);
        cancel.StatusCode.Should().Be(StatusCode.FailedPrecondition);

        var stored = await Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = item.Id }, SecretaryA);
        stored.State.Should().Be(DecisionItemState.Verified);
        stored.Version.Should().Be(claimed.Version + 2, "verified and its colour entry; the refusals wrote nothing");
        (await InDatabase(db => db.DecisionItemHistory.CountAsync(e => e.DecisionItemId == Guid.Parse(item.Id)))).Should().Be((int)stored.Version);
    }

    [Fact]
    public async Task Members_read_but_do_not_write_and_an_outside_subsidiary_sees_nothing()
    {
        var meeting = await MeetingAsync();
        var item = await ItemAsync(meeting);
        var member = As(Roles.Member, SubsidiaryB);
        var outsider = As(Roles.SubsidiaryAdmin, SubsidiaryC);

        (await Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = item.Id }, member)).MayProgress.Should().BeFalse();
        (await Refused(() => Items.RecordProgressAsync(new RecordProgressRequest { Id = item.Id, Note = "x" }, member).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => MeetingAsync(member))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Items.GetDecisionItemAsync(new GetDecisionItemRequest { Id = item.Id }, outsider).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => MeetingAsync(outsider))).StatusCode.Should().Be(StatusCode.NotFound);
        (await Items.ListDecisionItemsAsync(new ListDecisionItemsRequest(), outsider)).Total.Should().Be(0);
        (await Refused(() => Items.RecordProgressAsync(new RecordProgressRequest { Id = item.Id, Note = "x" }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied, "the supervising unit does not report for the owner");
        var progress = await Items.RecordProgressAsync(new RecordProgressRequest { Id = item.Id, Note = "已开工" }, SecretaryB);
        progress.State.Should().Be(DecisionItemState.InProgress);
    }
}
