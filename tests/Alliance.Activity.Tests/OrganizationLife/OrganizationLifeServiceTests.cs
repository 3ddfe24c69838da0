using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.OrganizationLife;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Kind = Alliance.Activity.OrganizationLife.PartyOrganizationKind;

namespace Alliance.Activity.Tests.OrganizationLife;

/// <summary>
/// Organization life as the activity service runs it, over gRPC against real PostgreSQL: the seeded rules, rules with
/// their validation, audit and versions, boards computed from held activities across the year end, the subtree board,
/// reminders on a controllable clock (idempotent), the inbox's read state, and who sees and changes what.
/// </summary>
public class OrganizationLifeServiceTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    ServiceHost _host = null!;
    // 10 January 2027, 10:00 in Beijing.
    readonly MovableClock _clock = new(new DateTimeOffset(2027, 1, 10, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new()
    {
        ["OrganizationLife:Reminders:Enabled"] = "false",
        ["Notifications:Delivery:Enabled"] = "false",
    };
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    const string BranchAssembly = "0199a000-0000-7000-8000-000000000008", BranchCommittee = "0199a000-0000-7000-8000-000000000009",
        GroupMeeting = "0199a000-0000-7000-8000-00000000000a", PartyLesson = "0199a000-0000-7000-8000-00000000000b", JointStudy = "0199a000-0000-7000-8000-000000000001";

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("orglife");
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

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin, user: "集团管理员");

    OrganizationLifeService.OrganizationLifeServiceClient Life => _host.Client<OrganizationLifeService.OrganizationLifeServiceClient>();
    NotificationService.NotificationServiceClient Inbox => _host.Client<NotificationService.NotificationServiceClient>();
    ActivityService.ActivityServiceClient Activities => _host.Client<ActivityService.ActivityServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    async Task<int?> RunRemindersAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Reminders>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>An activity of <paramref name="type"/> hosted by <paramref name="host"/>, starting at <paramref name="start"/>, held unless told.</summary>
    async Task<Contracts.Activity.V1.Activity> HostAsync(OrganizationFacts host, string type, DateTimeOffset start, bool held = true)
    {
        var details = new ActivityDetails
        {
            Title = "组织生活", TypeId = type, StartsAt = Timestamp.FromDateTimeOffset(start), EndsAt = Timestamp.FromDateTimeOffset(start.AddHours(2)),
            Venue = new VenueRef { Address = "党员活动室" },
        };
        details.Hosts.Add(new HostRef { OrganizationId = host.Id.ToString() });
        var activity = await Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, GroupAdmin);
        if (!held) return activity;
        return await Activities.RecordActivityHeldAsync(new RecordActivityHeldRequest { Id = activity.Id }, GroupAdmin);
    }

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    static CreateMeetingRuleRequest Rule(string subsidiary = "", string kind = "branch", string period = "monthly", int remind = 5, params string[] types)
    {
        var request = new CreateMeetingRuleRequest { SubsidiaryId = subsidiary, OrganizationKind = kind, NameZh = "主题党日", NameEn = "Party day", Period = period, RemindDaysBefore = remind };
        request.ActivityTypeIds.AddRange(types.Length == 0 ? [JointStudy] : types);
        return request;
    }

    [Fact]
    public async Task The_group_starts_with_the_three_meetings_and_a_lesson_for_branches_and_rules_for_general_branches_and_committees()
    {
        var rules = (await Life.ListMeetingRulesAsync(new ListMeetingRulesRequest(), As(Roles.Member, SubsidiaryA))).Items;

        rules.Where(r => r.OrganizationKind == "branch").Select(r => (r.NameZh, r.Period)).Should().BeEquivalentTo(
            [("支部党员大会", "quarterly"), ("支委会", "monthly"), ("党小组会", "monthly"), ("党课", "quarterly")]);
        rules.Should().Contain(r => r.OrganizationKind == "general-branch").And.Contain(r => r.OrganizationKind == "committee");
        rules.Should().OnlyContain(r => r.SubsidiaryId == "" && r.ActivityTypeIds.Count > 0);
    }

    [Fact]
    public async Task A_branch_board_counts_held_activities_it_hosts_in_each_period_across_the_year_end()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var other = _directory.AddOrganization(SubsidiaryA, "甲第二党支部");
        // 17:00 UTC on New Year's Eve = 1 a.m. on 1 January in Beijing: Q1 2027's assembly, not Q4 2026's.
        await HostAsync(branch, BranchAssembly, new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero));
        await HostAsync(branch, BranchCommittee, new DateTimeOffset(2026, 12, 20, 14, 0, 0, TimeSpan.FromHours(8)));
        await HostAsync(branch, GroupMeeting, new DateTimeOffset(2027, 1, 8, 14, 0, 0, TimeSpan.FromHours(8)), held: false); // planned only
        await HostAsync(other, PartyLesson, new DateTimeOffset(2027, 1, 5, 14, 0, 0, TimeSpan.FromHours(8)));                // another branch's
        await HostAsync(branch, JointStudy, new DateTimeOffset(2027, 1, 6, 14, 0, 0, TimeSpan.FromHours(8)));                // a type no rule counts

        var january = await Life.GetOrganizationBoardAsync(new GetOrganizationBoardRequest { OrganizationId = branch.Id.ToString() }, GroupAdmin);
        var december = await Life.GetOrganizationBoardAsync(new GetOrganizationBoardRequest { OrganizationId = branch.Id.ToString(), On = "2026-12" }, GroupAdmin);

        january.Today.Should().Be("2027-01-10");
        january.Rules.ToDictionary(r => r.NameZh, r => (r.PeriodKey, r.State, r.DueOn)).Should().BeEquivalentTo(new Dictionary<string, (string, string, string)>
        {
            ["支部党员大会"] = ("2027-Q1", "done", "2027-03-31"),
            ["支委会"] = ("2027-01", "due", "2027-01-31"),
            ["党小组会"] = ("2027-01", "due", "2027-01-31"),
            ["党课"] = ("2027-Q1", "due", "2027-03-31"),
        });
        (january.Done, january.Due, january.Overdue).Should().Be((1, 3, 0));
        december.Rules.ToDictionary(r => r.NameZh, r => (r.PeriodKey, r.State)).Should().BeEquivalentTo(new Dictionary<string, (string, string)>
        {
            ["支部党员大会"] = ("2026-Q4", "overdue"),
            ["支委会"] = ("2026-12", "done"),
            ["党小组会"] = ("2026-12", "overdue"),
            ["党课"] = ("2026-Q4", "overdue"),
        });
        december.Rules.Single(r => r.NameZh == "支委会").HeldCount.Should().Be(1);
    }

    [Fact]
    public async Task The_subtree_board_covers_every_organization_below_worst_first_with_totals_and_paging()
    {
        var committee = _directory.AddOrganization(SubsidiaryA, "甲党委", kind: Kind.Committee);
        var general = _directory.AddOrganization(SubsidiaryA, "甲机关党总支", kind: Kind.GeneralBranch, parent: committee);
        var branches = Enumerable.Range(1, 5).Select(i => _directory.AddOrganization(SubsidiaryA, $"甲第{i}党支部", parent: general)).ToList();
        _directory.AddOrganization(SubsidiaryA, "甲第一党小组", kind: null, parent: branches[0]);
        var outside = _directory.AddOrganization(SubsidiaryA, "甲另一党委", kind: Kind.Committee);
        foreach (var type in new[] { BranchAssembly, BranchCommittee, GroupMeeting, PartyLesson })
            await HostAsync(branches[4], type, new DateTimeOffset(2027, 1, 4, 14, 0, 0, TimeSpan.FromHours(8)));

        var board = await Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest
        {
            SubsidiaryId = SubsidiaryA.ToString(), OrganizationId = committee.Id.ToString(), PageSize = 3,
        }, GroupAdmin);

        board.Organizations.Should().Be(7, "the committee, the general branch and five branches; the party group holds no organization life of its own");
        board.Total.Should().Be(7);
        board.Items.Should().HaveCount(3);
        board.Done.Should().Be(4);
        board.Items.Should().NotContain(i => i.OrganizationId == outside.Id.ToString());
        var second = await Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest
        {
            SubsidiaryId = SubsidiaryA.ToString(), OrganizationId = committee.Id.ToString(), PageSize = 3, Page = 3,
        }, GroupAdmin);
        second.Items.Should().ContainSingle().Which.OrganizationId.Should().Be(branches[4].Id.ToString(), "the branch that held everything comes last");
        var onlyDone = await Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest { SubsidiaryId = SubsidiaryA.ToString(), State = "done" }, GroupAdmin);
        onlyDone.Items.Should().ContainSingle().Which.Name.Should().Be("甲第5党支部");
    }

    [Fact]
    public async Task Rules_are_checked_audited_and_versioned_and_a_subsidiary_rule_binds_only_its_own_branches()
    {
        var mine = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        var theirs = _directory.AddOrganization(SubsidiaryB, "乙第一党支部");
        var admin = As(Roles.SubsidiaryAdmin, SubsidiaryA, "甲管理员");

        var rule = await Life.CreateMeetingRuleAsync(Rule(SubsidiaryA.ToString(), period: "yearly", remind: 30), admin);
        var again = await Life.CreateMeetingRuleAsync(WithKey(Rule(SubsidiaryA.ToString()), "k1"), admin);
        var repeat = await Life.CreateMeetingRuleAsync(WithKey(Rule(SubsidiaryA.ToString()), "k1"), admin);
        repeat.Id.Should().Be(again.Id, "the same Idempotency-Key returns the first rule");

        (await Life.GetOrganizationBoardAsync(new GetOrganizationBoardRequest { OrganizationId = mine.Id.ToString() }, admin))
            .Rules.Should().Contain(x => x.RuleId == rule.Id && x.PeriodKey == "2027");
        (await Life.GetOrganizationBoardAsync(new GetOrganizationBoardRequest { OrganizationId = theirs.Id.ToString() }, GroupAdmin))
            .Rules.Should().NotContain(x => x.RuleId == rule.Id);

        var revise = new ReviseMeetingRuleRequest
        {
            Id = rule.Id, OrganizationKind = "branch", NameZh = "主题党日（年度）", NameEn = "Party day", Period = "yearly", RemindDaysBefore = 20, ExpectedVersion = 1,
        };
        revise.ActivityTypeIds.Add(JointStudy);
        var revised = await Life.ReviseMeetingRuleAsync(revise, admin);
        revised.Version.Should().Be(2);
        (await Refused(() => Life.ReviseMeetingRuleAsync(revise, admin).ResponseAsync)).StatusCode.Should().Be(StatusCode.Aborted, "version 1 is stale");
        var history = await Life.GetMeetingRuleHistoryAsync(new GetMeetingRuleHistoryRequest { Id = rule.Id }, admin);
        history.Changes.Select(c => (c.Kind, c.Version, c.ChangedBy)).Should().Equal(("created", 1L, "甲管理员"), ("revised", 2L, "甲管理员"));
        history.Changes[1].RuleJson.Should().Contain("主题党日（年度）");
    }

    [Fact]
    public async Task A_rule_and_each_revision_go_out_through_the_outbox_whole_once_each()
    {
        var admin = As(Roles.SubsidiaryAdmin, SubsidiaryA, "甲管理员");
        var rule = await Life.CreateMeetingRuleAsync(WithKey(Rule(SubsidiaryA.ToString(), period: "quarterly"), "outbox-1"), admin);
        await Life.CreateMeetingRuleAsync(WithKey(Rule(SubsidiaryA.ToString(), period: "quarterly"), "outbox-1"), admin);
        var revise = new ReviseMeetingRuleRequest
        {
            Id = rule.Id, OrganizationKind = "branch", NameZh = "主题党日", NameEn = "Party day", Period = "quarterly", RemindDaysBefore = 5,
            Retired = true, ExpectedVersion = 1,
        };
        revise.ActivityTypeIds.Add(JointStudy);
        await Life.ReviseMeetingRuleAsync(revise, admin);
        await Refused(() => Life.ReviseMeetingRuleAsync(revise, admin).ResponseAsync);

        // The clock stands still in these tests: the two rows share their time, so they are told apart by type.
        var rows = await InDatabase(db => db.Database
            .SqlQueryRaw<string>("SELECT message_type || ' ' || body::text AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0}", $"%{rule.Id}%").ToListAsync());

        rows.Should().HaveCount(2);
        var created = rows.Should().ContainSingle(r => r.Contains(nameof(Contracts.Events.MeetingRuleCreated))).Which.ToLowerInvariant();
        var revised = rows.Should().ContainSingle(r => r.Contains(nameof(Contracts.Events.MeetingRuleRevised))).Which.ToLowerInvariant();
        created.Should().Contain("\"period\":\"quarterly\"").And.Contain("\"version\":1").And.Contain(JointStudy);
        revised.Should().Contain("\"retired\":true").And.Contain("\"version\":2");
    }

    static CreateMeetingRuleRequest WithKey(CreateMeetingRuleRequest request, string key)
    {
        request.ClientRequestId = key;
        return request;
    }

    [Fact]
    public async Task Bad_rules_are_refused_on_their_fields_and_nothing_is_written()
    {
        var before = await InDatabase(db => db.MeetingRules.CountAsync());
        var bad = new CreateMeetingRuleRequest { OrganizationKind = "club", Period = "weekly", RemindDaysBefore = 400, SubsidiaryId = "x" };
        bad.ActivityTypeIds.Add("not-an-id");

        var refused = await Refused(() => Life.CreateMeetingRuleAsync(bad, GroupAdmin).ResponseAsync);
        refused.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(refused).Keys.Should().BeEquivalentTo(["subsidiaryId", "organizationKind", "nameZh", "nameEn", "period", "activityTypeIds", "remindDaysBefore"]);
        var unknownType = await Refused(() => Life.CreateMeetingRuleAsync(Rule(types: Guid.NewGuid().ToString()), GroupAdmin).ResponseAsync);
        unknownType.StatusCode.Should().Be(StatusCode.NotFound);
        FieldErrors.From(unknownType).Should().ContainKey("activityTypeIds");
        var badDay = await Refused(() => Life.GetOrganizationBoardAsync(new GetOrganizationBoardRequest { OrganizationId = Guid.NewGuid().ToString(), On = "2027-13" }, GroupAdmin).ResponseAsync);
        FieldErrors.From(badDay).Should().ContainKey("on");
        (await InDatabase(db => db.MeetingRules.CountAsync())).Should().Be(before);
    }

    [Theory]
    [InlineData(Roles.GroupAdmin, true, true)]
    [InlineData(Roles.SubsidiaryAdmin, false, true)]
    [InlineData(Roles.Secretary, false, false)]
    [InlineData(Roles.Member, false, false)]
    public async Task Who_may_add_group_rules_and_rules_of_their_own_or_another_subsidiary(string role, bool groupRule, bool ownRule)
    {
        var caller = As(role, role == Roles.GroupAdmin ? null : SubsidiaryA);

        async Task<StatusCode> Try(string subsidiary)
        {
            try { await Life.CreateMeetingRuleAsync(Rule(subsidiary), caller); return StatusCode.OK; }
            catch (RpcException e) { return e.StatusCode; }
        }

        (await Try("")).Should().Be(groupRule ? StatusCode.OK : StatusCode.PermissionDenied);
        (await Try(SubsidiaryA.ToString())).Should().Be(ownRule ? StatusCode.OK : StatusCode.PermissionDenied);
        (await Try(SubsidiaryB.ToString())).Should().Be(role == Roles.GroupAdmin ? StatusCode.OK : StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Boards_of_another_subsidiary_are_not_found()
    {
        var theirs = _directory.AddOrganization(SubsidiaryB, "乙第一党支部");
        foreach (var role in new[] { Roles.SubsidiaryAdmin, Roles.Secretary, Roles.Member })
        {
            var caller = As(role, SubsidiaryA);
            (await Refused(() => Life.GetOrganizationBoardAsync(new GetOrganizationBoardRequest { OrganizationId = theirs.Id.ToString() }, caller).ResponseAsync))
                .StatusCode.Should().Be(StatusCode.NotFound);
            (await Refused(() => Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest { SubsidiaryId = SubsidiaryB.ToString() }, caller).ResponseAsync))
                .StatusCode.Should().Be(StatusCode.NotFound);
        }
        var own = await Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest { SubsidiaryId = SubsidiaryB.ToString() }, As(Roles.Member, SubsidiaryB));
        own.Total.Should().Be(1);
    }

    [Fact]
    public async Task Reminders_go_out_once_per_branch_rule_and_period_within_the_lead_and_overdue_notices_after_the_period()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        await HostAsync(branch, BranchCommittee, new DateTimeOffset(2027, 1, 4, 14, 0, 0, TimeSpan.FromHours(8)));
        // 10 January: the monthly meetings' due date (31 January) is 21 days away, beyond their 5 days; December's are overdue.
        (await RunRemindersAsync()).Should().Be(4, "December's committee meeting, group meeting, and Q4's assembly and lesson were not held");
        (await RunRemindersAsync()).Should().Be(0, "running again posts nothing twice");

        _clock.Now = new DateTimeOffset(2027, 1, 27, 2, 0, 0, TimeSpan.Zero); // 27 January: four days before the 31st
        (await RunRemindersAsync()).Should().Be(1, "only the group meeting is due within its lead; the committee met on 4 January");
        (await RunRemindersAsync()).Should().Be(0);

        var notices = await InDatabase(db => db.Notifications.OrderBy(n => n.Key).Select(n => n.Key).ToListAsync());
        notices.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        notices.Should().Contain(k => k.StartsWith("reminder:") && k.EndsWith(":2027-01"));
        notices.Where(k => k.StartsWith("overdue:")).Select(k => k.Split(':')[3]).Should().BeEquivalentTo(["2026-12", "2026-12", "2026-Q4", "2026-Q4"]);

        // Two runs at once: one holds the lock, the other skips or finds nothing new.
        _clock.Now = new DateTimeOffset(2027, 2, 26, 2, 0, 0, TimeSpan.Zero);
        var runs = await Task.WhenAll(RunRemindersAsync(), RunRemindersAsync());
        runs.Sum(r => r ?? 0).Should().Be(3, "January's group meeting is overdue, February's committee and group meeting are due within 5 days, and the assembly is 33 days away");
        (await InDatabase(db => db.Notifications.CountAsync())).Should().Be(8);
    }

    [Fact]
    public async Task The_inbox_shows_a_subsidiarys_notices_to_its_admins_and_secretaries_with_read_state_per_user()
    {
        var branch = _directory.AddOrganization(SubsidiaryA, "甲第一党支部");
        _directory.AddOrganization(SubsidiaryB, "乙第一党支部");
        await RunRemindersAsync();
        var secretary = As(Roles.Secretary, SubsidiaryA, "李书记");
        var admin = As(Roles.SubsidiaryAdmin, SubsidiaryA, "甲管理员");

        var list = await Inbox.ListNotificationsAsync(new ListNotificationsRequest(), secretary);
        list.Total.Should().Be(4);
        list.Unread.Should().Be(4);
        list.Items.Should().OnlyContain(n => n.SubsidiaryId == SubsidiaryA.ToString() && !n.Read && n.Link.Contains(branch.Id.ToString()));
        (await Inbox.CountUnreadNotificationsAsync(new CountUnreadNotificationsRequest(), As(Roles.GroupAdmin))).Unread.Should().Be(8);
        (await Inbox.CountUnreadNotificationsAsync(new CountUnreadNotificationsRequest(), As(Roles.Member, SubsidiaryA))).Unread.Should().Be(0);
        (await Inbox.CountUnreadNotificationsAsync(new CountUnreadNotificationsRequest(), As(Roles.Secretary, SubsidiaryB))).Unread.Should().Be(4);

        (await Inbox.MarkNotificationReadAsync(new MarkNotificationReadRequest { Id = list.Items[0].Id }, secretary)).Unread.Should().Be(3);
        (await Inbox.MarkNotificationReadAsync(new MarkNotificationReadRequest { Id = list.Items[0].Id }, secretary)).Unread.Should().Be(3, "reading twice changes nothing");
        (await Inbox.CountUnreadNotificationsAsync(new CountUnreadNotificationsRequest(), admin)).Unread.Should().Be(4, "read state is each user's own");
        (await Inbox.MarkAllNotificationsReadAsync(new MarkAllNotificationsReadRequest(), secretary)).Unread.Should().Be(0);
        (await Inbox.ListNotificationsAsync(new ListNotificationsRequest { UnreadOnly = true }, admin)).Total.Should().Be(4);

        var theirs = (await Inbox.ListNotificationsAsync(new ListNotificationsRequest(), As(Roles.SubsidiaryAdmin, SubsidiaryB))).Items[0];
        (await Refused(() => Inbox.MarkNotificationReadAsync(new MarkNotificationReadRequest { Id = theirs.Id }, secretary).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        FieldErrors.From(await Refused(() => Inbox.MarkNotificationReadAsync(new MarkNotificationReadRequest { Id = "x" }, secretary).ResponseAsync))
            .Should().ContainKey("id");
    }

    [Fact]
    public async Task The_board_of_a_subsidiary_with_five_thousand_branches_is_computed_whole_and_paged()
    {
        var branches = Enumerable.Range(1, 5_000).Select(i => _directory.AddOrganization(SubsidiaryA, $"甲第{i}党支部")).ToList();
        // Every other branch held its January committee meeting: activities and hosts written in bulk, as recorded.
        var held = branches.Where((_, i) => i % 2 == 0).Select(b => b.Id).ToArray();
        await InDatabase(db => db.Database.ExecuteSqlRawAsync("""
            WITH a AS (
                INSERT INTO activities (id, title, type_id, type_code, measure, visible_subsidiary_ids, starts_at, ends_at, venue_address, status,
                                        subsidiary_id, created_at, created_by, updated_at, updated_by, version)
                SELECT gen_random_uuid(), '支委会', {0}::uuid, 'branch-committee', 'organization', ARRAY[{1}::uuid], '2027-01-05T06:00:00Z', '2027-01-05T08:00:00Z',
                       '党员活动室', 'held', {1}::uuid, now(), 'bulk', now(), 'bulk', 2
                FROM unnest({2}::uuid[]) AS b(id)
                RETURNING id, subsidiary_id)
            INSERT INTO activity_hosts (id, activity_id, position, organization_id, subsidiary_id, name)
            SELECT gen_random_uuid(), a.id, 0, b.id, a.subsidiary_id, '支部'
            FROM (SELECT id, subsidiary_id, row_number() OVER () AS n FROM a) a
            JOIN (SELECT id, row_number() OVER () AS n FROM unnest({2}::uuid[]) AS id) b ON a.n = b.n
            """, Guid.Parse(BranchCommittee), SubsidiaryA, held));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var board = await Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest { SubsidiaryId = SubsidiaryA.ToString(), PageSize = 200 }, GroupAdmin);
        output.WriteLine($"The board of 5,000 branches: {watch.ElapsedMilliseconds} ms (first call).");

        board.Organizations.Should().Be(5_000);
        board.Total.Should().Be(5_000);
        board.Items.Should().HaveCount(200);
        board.Done.Should().Be(2_500);
        board.Due.Should().Be(5_000 * 4 - 2_500);
        watch.Restart();
        var done = await Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest { SubsidiaryId = SubsidiaryA.ToString(), State = "done", Page = 13, PageSize = 200 }, GroupAdmin);
        output.WriteLine($"Again, filtered to done: {watch.ElapsedMilliseconds} ms.");
        done.Total.Should().Be(2_500);
        done.Items.Should().HaveCount(100).And.OnlyContain(b => b.Done == 1);
    }
}
