using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Talent.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Common;
using Alliance.Talent.Data;
using Alliance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Profile = Alliance.Talent.Profiles.Profile;

namespace Alliance.Talent.Tests;

/// <summary>
/// The talent service as it runs, over gRPC against real PostgreSQL and RabbitMQ, with the organization service replaced
/// by <see cref="FakeOrganizationDirectory"/>: profiles from events (out of order, twice), search by characters and pinyin
/// in scope, the review workflow of dynamic lists, size limits, re-evaluation, HR-left flags, bad input and who may do what.
/// </summary>
public class TalentServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    static readonly Guid BranchA = Guid.NewGuid(), GroupA = Guid.NewGuid(), BranchB = Guid.NewGuid();
    static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-10);

    public async Task InitializeAsync()
    {
        var servers = await RealServers.GetAsync();
        _host = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Talent}"] = await servers.CreateDatabaseAsync("talent"),
            [$"ConnectionStrings:{ResourceNames.Bus}"] = await servers.CreateVirtualHostAsync("talent"),
            ["OTEL_SERVICE_NAME"] = ResourceNames.Talent,
        }, b =>
        {
            b.AddApplicationServices();
            b.Services.AddSingleton<IOrganizationDirectory>(_directory);
        }, a => a.MapApplicationEndpoints());
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        _directory.Subtree(BranchA, GroupA);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin);
    static readonly CallOptions AdminA = As(Roles.SubsidiaryAdmin, SubsidiaryA, "甲管理员");
    static readonly CallOptions AdminB = As(Roles.SubsidiaryAdmin, SubsidiaryB, "乙管理员");

    ProfileService.ProfileServiceClient Profiles => _host.Client<ProfileService.ProfileServiceClient>();
    DynamicListService.DynamicListServiceClient Lists => _host.Client<DynamicListService.DynamicListServiceClient>();

    Task PublishAsync<T>(T evt) where T : class, IIntegrationEvent =>
        _host.Services.GetRequiredService<IBus>().Publish(evt, ctx => ctx.MessageId = evt.EventId);

    async Task<T> InDatabase<T>(Func<TalentDbContext, Task<T>> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TalentDbContext>());
    }

    static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        T value;
        while (!condition(value = await read()) && DateTime.UtcNow < deadline) await Task.Delay(100);
        return value;
    }

    /// <summary>A profile stored as the events would have left it.</summary>
    Task<Guid> PersonAsync(Guid subsidiary, string name, Guid? organization = null, string? status = "full", string? title = null, params string[] skills) =>
        InDatabase(async db =>
        {
            var id = Guid.NewGuid();
            var p = Profile.Begin(id, subsidiary, T0);
            p.ApplyPerson(name, "employee", subsidiary, T0);
            if (organization is { } o) { p.ApplyOrganization(o, T0); p.ApplyStatus(status!, new DateOnly(2015, 7, 1), T0); }
            if (title is not null) p.ApplyHr(title, "研发部", active: true, T0);
            if (skills.Length > 0) p.Change(new Profile.Details(skills, [], null, null, [], null), T0);
            db.Profiles.Add(p);
            await db.SaveChangesAsync();
            return id;
        });

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    Task<TalentList> DefineAsync(int limit, CallOptions? caller = null, string subsidiary = "") =>
        Lists.DefineListAsync(new DefineListRequest
        {
            NameZh = "技术专家", NameEn = "Technical experts", SubsidiaryId = subsidiary,
            Criteria = new ListCriteria { Text = "高级职称", SizeLimitPerUnit = limit, ReevaluationMonths = 12 },
        }, caller ?? GroupAdmin).ResponseAsync;

    async Task<ListEntry> ListedAsync(string listId, Guid person, CallOptions caller)
    {
        var entry = await Lists.NominateAsync(new NominateRequest { ListId = listId, PersonId = person.ToString(), Reason = "业绩突出" }, caller);
        entry = await Lists.ReviewEntryAsync(new EntryDecisionRequest { ListId = listId, EntryId = entry.Id }, caller);
        return await Lists.PlaceOnListAsync(new EntryDecisionRequest { ListId = listId, EntryId = entry.Id }, caller);
    }

    [Fact]
    public async Task A_profile_begins_with_whichever_event_comes_first_and_older_or_repeated_events_change_nothing()
    {
        var person = Guid.NewGuid();
        var org = Guid.NewGuid();
        var joined = new MemberJoined(Guid.NewGuid(), SubsidiaryA, T0.AddSeconds(1), person, org, "probationary", new DateOnly(2025, 7, 1));
        IIntegrationEvent[] events =
        [
            joined,
            new PersonUpdated(Guid.NewGuid(), SubsidiaryA, T0.AddSeconds(5), person, "王晓明", false),
            new PersonRegistered(Guid.NewGuid(), SubsidiaryA, T0, person, "王小明", "employee", false),
            new MemberStatusChanged(Guid.NewGuid(), SubsidiaryA, T0.AddSeconds(3), person, org, "probationary", "full", new DateOnly(2026, 7, 1)),
            joined, // redelivered: the inbox takes it once
            new PersonSyncedFromHr(Guid.NewGuid(), SubsidiaryA, T0.AddSeconds(2), person, Guid.NewGuid(), "王晓明", "E1", "研发部", "高级工程师", true, false),
        ];
        foreach (var e in events) await _host.Services.GetRequiredService<IBus>().Publish(e, e.GetType(), ctx => ctx.MessageId = e.EventId);
        var ids = events.Select(e => e.EventId).Distinct().ToArray();

        var consumed = await EventuallyAsync(() => InDatabase(db => db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = ANY({0})", ids).SingleAsync()), n => n >= ids.Length);
        consumed.Should().Be(ids.Length, "each event is taken once");
        var profile = await InDatabase(db => db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == person));

        profile!.Name.Should().Be("王晓明", "the registration is older than the update and arrived after it");
        profile.PartyStatus.Should().Be("full");
        profile.JoinedOn.Should().Be(new DateOnly(2025, 7, 1));
        profile.OrganizationId.Should().Be(org);
        profile.Title.Should().Be("高级工程师");
        profile.Department.Should().Be("研发部");
        (await InDatabase(db => db.Profiles.CountAsync(p => p.PersonId == person))).Should().Be(1);
    }

    [Fact]
    public async Task Someone_who_leaves_in_HR_is_flagged_on_every_list_and_stays_on_it()
    {
        var person = await PersonAsync(SubsidiaryA, "李离职", BranchA);
        var reserve = await ListedAsync(Talent.Lists.TalentList.ReserveCadres.ToString(), person, AdminA);
        var backbone = await Lists.NominateAsync(new NominateRequest { ListId = Talent.Lists.TalentList.YoungBackbone.ToString(), PersonId = person.ToString(), Reason = "青年骨干" }, AdminA);

        await PublishAsync(new PersonLeftInHr(Guid.NewGuid(), SubsidiaryA, DateTimeOffset.UtcNow, person, Guid.NewGuid(), "deactivated"));

        var entries = await EventuallyAsync(() => InDatabase(db => db.ListEntries.AsNoTracking().Where(e => e.PersonId == person).ToListAsync()),
            es => es.All(e => e.LeftInHr));
        entries.Should().HaveCount(2).And.OnlyContain(e => e.LeftInHr);
        entries.Single(e => e.Id == Guid.Parse(reserve.Id)).State.Should().Be("listed");
        entries.Single(e => e.Id == Guid.Parse(backbone.Id)).State.Should().Be("nominated");
        var history = await Lists.GetEntryHistoryAsync(new GetEntryHistoryRequest { ListId = reserve.ListId, EntryId = reserve.Id }, AdminA);
        history.Items.Select(i => i.Change).Should().Equal("nominated", "reviewed", "listed", "flagged-left-in-hr");
        (await Profiles.GetProfileAsync(new GetProfileRequest { PersonId = person.ToString() }, AdminA)).LeftInHr.Should().BeTrue();
        var flagged = await Lists.ListEntriesAsync(new ListEntriesRequest { ListId = reserve.ListId, FlaggedOnly = true }, AdminA);
        flagged.Items.Should().ContainSingle(e => e.Id == reserve.Id);
    }

    [Fact]
    public async Task Profiles_are_found_by_skill_title_and_name_in_characters_full_pinyin_and_initials_within_scope()
    {
        var zhang = await PersonAsync(SubsidiaryA, "张三丰", BranchA, title: "高级工程师", skills: ["数据分析", "Python"]);
        var other = await PersonAsync(SubsidiaryB, "张三", BranchB, title: "工程师", skills: ["数据分析"]);

        async Task<IEnumerable<string>> Search(SearchProfilesRequest r, CallOptions caller) =>
            (await Profiles.SearchProfilesAsync(r, caller)).Items.Select(p => p.PersonId);

        (await Search(new SearchProfilesRequest { Query = "zhangsanfeng" }, GroupAdmin)).Should().Contain(zhang.ToString()).And.NotContain(other.ToString());
        (await Search(new SearchProfilesRequest { Query = "zsf" }, GroupAdmin)).Should().Contain(zhang.ToString());
        (await Search(new SearchProfilesRequest { Query = "sjfx" }, GroupAdmin)).Should().Contain([zhang.ToString(), other.ToString()], "initials of a skill");
        (await Search(new SearchProfilesRequest { Skill = "数据" }, GroupAdmin)).Should().Contain([zhang.ToString(), other.ToString()]);
        (await Search(new SearchProfilesRequest { Skill = "python" }, GroupAdmin)).Should().Contain(zhang.ToString()).And.NotContain(other.ToString());
        (await Search(new SearchProfilesRequest { Title = "高级" }, GroupAdmin)).Should().Contain(zhang.ToString()).And.NotContain(other.ToString());
        (await Search(new SearchProfilesRequest { Skill = "数据" }, AdminA)).Should().Contain(zhang.ToString()).And.NotContain(other.ToString(), "another subsidiary's");
        (await Search(new SearchProfilesRequest { Skill = "数据" }, AdminB)).Should().Contain(other.ToString()).And.NotContain(zhang.ToString());

        _directory.Link("支部书记", new MyPersonFacts(Guid.NewGuid(), SubsidiaryA, BranchA));
        (await Search(new SearchProfilesRequest { Skill = "数据" }, As(Roles.Secretary, SubsidiaryA, "支部书记"))).Should().Contain(zhang.ToString());
        _directory.Link("张三丰", new MyPersonFacts(zhang, SubsidiaryA, BranchA));
        (await Search(new SearchProfilesRequest(), As(Roles.Member, SubsidiaryA, "张三丰"))).Should().Equal(zhang.ToString());
        (await Search(new SearchProfilesRequest(), As(Roles.Member, SubsidiaryA, "nobody"))).Should().BeEmpty();
        (await Refused(() => Profiles.SearchProfilesAsync(new SearchProfilesRequest(), As(Roles.Partner, user: "partner")).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Profiles.SearchProfilesAsync(new SearchProfilesRequest { Sort = "age" }, GroupAdmin).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task A_member_changes_their_own_profile_with_an_audit_entry_and_an_event_but_not_anothers()
    {
        var me = await PersonAsync(SubsidiaryA, "赵一", BranchA);
        var colleague = await PersonAsync(SubsidiaryA, "钱二", BranchA);
        _directory.Link("赵一", new MyPersonFacts(me, SubsidiaryA, BranchA));
        var member = As(Roles.Member, SubsidiaryA, "赵一");

        var changed = await Profiles.ChangeProfileAsync(new ChangeProfileRequest
        {
            PersonId = me.ToString(), Skills = { "项目管理", "项目管理" }, Certificates = { "PMP" }, EducationLevel = "master", BirthYear = 1990,
        }, member);

        changed.Skills.Should().Equal("项目管理");
        changed.Version.Should().Be(2, "a profile begins at version 1");
        var history = await Profiles.GetProfileHistoryAsync(new GetProfileHistoryRequest { PersonId = me.ToString() }, AdminA);
        history.Changes.Should().ContainSingle().Which.ChangedBy.Should().Be("赵一");
        (await InDatabase(db => db.Database.SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body LIKE {0}", $"%{me}%").ToListAsync()))
            .Should().ContainSingle().Which.Should().Contain(nameof(ProfileChanged));
        (await Refused(() => Profiles.ChangeProfileAsync(new ChangeProfileRequest { PersonId = colleague.ToString(), Skills = { "x" } }, member).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        var bad = await Refused(() => Profiles.ChangeProfileAsync(new ChangeProfileRequest { PersonId = me.ToString(), Skills = { " " }, EducationLevel = "phd", BirthYear = 1800 }, member).ResponseAsync);
        bad.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(bad).Keys.Should().BeEquivalentTo(["skills[0]", "educationLevel", "birthYear"]);
        (await Refused(() => Profiles.ChangeProfileAsync(new ChangeProfileRequest { PersonId = me.ToString(), ExpectedVersion = 7, Skills = { "x" } }, member).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.Aborted);
    }

    [Fact]
    public async Task An_entry_goes_nominated_reviewed_listed_removed_with_its_history_and_events()
    {
        var person = await PersonAsync(SubsidiaryA, "孙骨干", BranchA);
        var list = Talent.Lists.TalentList.ReserveCadres.ToString();
        _directory.Link("甲书记", new MyPersonFacts(Guid.NewGuid(), SubsidiaryA, BranchA));
        var secretary = As(Roles.Secretary, SubsidiaryA, "甲书记");

        var entry = await Lists.NominateAsync(new NominateRequest { ListId = list, PersonId = person.ToString(), Reason = "业务骨干", ClientRequestId = "n-1" }, secretary);
        var again = await Lists.NominateAsync(new NominateRequest { ListId = list, PersonId = person.ToString(), Reason = "业务骨干", ClientRequestId = "n-1" }, secretary);
        again.Id.Should().Be(entry.Id, "the same client request id returns the first entry");
        var twice = await Refused(() => Lists.NominateAsync(new NominateRequest { ListId = list, PersonId = person.ToString(), Reason = "again" }, secretary).ResponseAsync);
        twice.StatusCode.Should().Be(StatusCode.FailedPrecondition);

        (await Refused(() => Lists.ReviewEntryAsync(new EntryDecisionRequest { ListId = list, EntryId = entry.Id }, secretary).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied, "a secretary nominates, an administrator decides");
        (await Refused(() => Lists.ReviewEntryAsync(new EntryDecisionRequest { ListId = list, EntryId = entry.Id }, AdminB).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound, "another subsidiary's entry");
        (await Refused(() => Lists.PlaceOnListAsync(new EntryDecisionRequest { ListId = list, EntryId = entry.Id }, AdminA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.FailedPrecondition, "a nominated entry is reviewed before it is listed");
        await Lists.ReviewEntryAsync(new EntryDecisionRequest { ListId = list, EntryId = entry.Id }, AdminA);
        var listed = await Lists.PlaceOnListAsync(new EntryDecisionRequest { ListId = list, EntryId = entry.Id }, AdminA);
        listed.State.Should().Be("listed");
        var noReason = await Refused(() => Lists.RemoveEntryAsync(new EntryDecisionRequest { ListId = list, EntryId = entry.Id }, AdminA).ResponseAsync);
        FieldErrors.From(noReason).Should().ContainKey("reason");
        var removed = await Lists.RemoveEntryAsync(new EntryDecisionRequest { ListId = list, EntryId = entry.Id, Reason = "调离本单位" }, AdminA);

        removed.State.Should().Be("removed");
        removed.Reason.Should().Be("调离本单位");
        var history = await Lists.GetEntryHistoryAsync(new GetEntryHistoryRequest { ListId = list, EntryId = entry.Id }, GroupAdmin);
        history.Items.Select(i => (i.Change, i.ChangedBy)).Should().Equal(("nominated", "甲书记"), ("reviewed", "甲管理员"), ("listed", "甲管理员"), ("removed", "甲管理员"));
        history.Items[^1].Reason.Should().Be("调离本单位");
        (await InDatabase(db => db.Database.SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body LIKE {0}", $"%{entry.Id}%").ToListAsync()))
            .Should().HaveCount(4).And.OnlyContain(t => t.Contains(nameof(ListEntryChanged)));
        var rejected = await Lists.NominateAsync(new NominateRequest { ListId = list, PersonId = person.ToString(), Reason = "再次提名" }, AdminA);
        (await Lists.RejectEntryAsync(new EntryDecisionRequest { ListId = list, EntryId = rejected.Id, Reason = "条件不符" }, AdminA)).State.Should().Be("rejected");
    }

    [Fact]
    public async Task Listing_beyond_the_units_size_limit_is_refused_with_a_clear_message()
    {
        var list = await DefineAsync(limit: 1);
        var first = await PersonAsync(SubsidiaryA, "周一", BranchA);
        var second = await PersonAsync(SubsidiaryA, "吴二", BranchA);
        var elsewhere = await PersonAsync(SubsidiaryB, "郑三", BranchB);
        await ListedAsync(list.Id, first, AdminA);
        await ListedAsync(list.Id, elsewhere, AdminB);

        var entry = await Lists.NominateAsync(new NominateRequest { ListId = list.Id, PersonId = second.ToString(), Reason = "推荐" }, AdminA);
        await Lists.ReviewEntryAsync(new EntryDecisionRequest { ListId = list.Id, EntryId = entry.Id }, AdminA);
        var full = await Refused(() => Lists.PlaceOnListAsync(new EntryDecisionRequest { ListId = list.Id, EntryId = entry.Id }, AdminA).ResponseAsync);

        full.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        full.Status.Detail.Should().Contain("limit of 1");
        var counts = await Lists.ListEntriesAsync(new ListEntriesRequest { ListId = list.Id }, GroupAdmin);
        counts.Units.Should().HaveCount(2).And.OnlyContain(u => u.Listed == 1 && u.Limit == 1);
    }

    [Fact]
    public async Task A_reevaluation_confirms_or_removes_each_listed_entry_and_flags_the_rest_when_it_closes()
    {
        var list = await DefineAsync(limit: 10, AdminA, SubsidiaryA.ToString());
        var kept = await ListedAsync(list.Id, await PersonAsync(SubsidiaryA, "冯留任", BranchA), AdminA);
        var dropped = await ListedAsync(list.Id, await PersonAsync(SubsidiaryA, "陈调出", BranchA), AdminA);
        var forgotten = await ListedAsync(list.Id, await PersonAsync(SubsidiaryA, "褚遗漏", BranchA), AdminA);

        var open = await Lists.OpenReevaluationAsync(new OpenReevaluationRequest { ListId = list.Id, Period = "2026", ClientRequestId = "r-1" }, AdminA);
        open.Entries.Should().Be(3);
        (await Lists.OpenReevaluationAsync(new OpenReevaluationRequest { ListId = list.Id, Period = "2026", ClientRequestId = "r-1" }, AdminA)).Id.Should().Be(open.Id);
        (await Refused(() => Lists.OpenReevaluationAsync(new OpenReevaluationRequest { ListId = list.Id, Period = "2026" }, AdminA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.FailedPrecondition, "one is open already");
        await Lists.ConfirmEntryAsync(new EntryDecisionRequest { ListId = list.Id, EntryId = kept.Id }, AdminA);
        await Lists.RemoveEntryAsync(new EntryDecisionRequest { ListId = list.Id, EntryId = dropped.Id, Reason = "复核未通过" }, AdminA);
        var closed = await Lists.CloseReevaluationAsync(new CloseReevaluationRequest { ListId = list.Id, ReevaluationId = open.Id }, AdminA);

        closed.Flagged.Should().Be(1);
        var entries = (await Lists.ListEntriesAsync(new ListEntriesRequest { ListId = list.Id }, AdminA)).Items.ToDictionary(e => e.Id);
        entries[kept.Id].NotReevaluated.Should().BeFalse();
        entries[dropped.Id].State.Should().Be("removed");
        entries[forgotten.Id].NotReevaluated.Should().BeTrue();
        entries[forgotten.Id].State.Should().Be("listed", "flagged, not removed");
        (await Lists.ListListsAsync(new ListListsRequest(), AdminB)).Items.Should().NotContain(l => l.Id == list.Id, "subsidiary A's own list");
    }

    [Fact]
    public async Task Bad_input_and_callers_without_access_are_refused_and_nothing_is_written()
    {
        var person = await PersonAsync(SubsidiaryB, "外单位", BranchB);
        var list = Talent.Lists.TalentList.YoungBackbone.ToString();

        var bad = await Refused(() => Lists.DefineListAsync(new DefineListRequest { Criteria = new ListCriteria { MaxAge = -1, MinEducationLevel = "x", SizeLimitPerUnit = -2 } }, GroupAdmin).ResponseAsync);
        bad.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(bad).Keys.Should().Contain(["nameZh", "nameEn", "criteria.maxAge", "criteria.minEducationLevel", "criteria.sizeLimitPerUnit"]);
        (await Refused(() => Lists.NominateAsync(new NominateRequest { ListId = "x", PersonId = "" }, AdminA).ResponseAsync)).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => Lists.NominateAsync(new NominateRequest { ListId = list, PersonId = person.ToString(), Reason = "r" }, AdminA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound, "units nominate their own people only");
        (await Refused(() => Lists.ListListsAsync(new ListListsRequest(), As(Roles.Member, SubsidiaryA)).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Lists.ListListsAsync(new ListListsRequest(), As(Roles.Partner, user: "p")).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Lists.DefineListAsync(new DefineListRequest { NameZh = "甲", NameEn = "A" }, As(Roles.Secretary, SubsidiaryA)).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Lists.DefineListAsync(new DefineListRequest { NameZh = "乙", NameEn = "B", SubsidiaryId = SubsidiaryB.ToString() }, AdminA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Lists.ListEntriesAsync(new ListEntriesRequest { ListId = Guid.NewGuid().ToString() }, GroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await InDatabase(db => db.ListEntries.CountAsync(e => e.PersonId == person))).Should().Be(0);
        (await InDatabase(db => db.TalentLists.CountAsync(l => l.NameZh == "甲" || l.NameZh == "乙"))).Should().Be(0);
    }

    [Fact]
    public async Task A_lists_filters_are_checked_at_nomination()
    {
        var list = await Lists.DefineListAsync(new DefineListRequest
        {
            NameZh = "党员人才", NameEn = "Member talents", Criteria = new ListCriteria { MustBePartyMember = true, MaxAge = 40, MinEducationLevel = "bachelor" },
        }, GroupAdmin);
        var outsider = await PersonAsync(SubsidiaryA, "非党员");
        var member = await PersonAsync(SubsidiaryA, "老党员", BranchA);
        await Profiles.ChangeProfileAsync(new ChangeProfileRequest { PersonId = member.ToString(), BirthYear = 1970, EducationLevel = "master" }, AdminA);

        (await Refused(() => Lists.NominateAsync(new NominateRequest { ListId = list.Id, PersonId = outsider.ToString(), Reason = "r" }, AdminA).ResponseAsync))
            .Status.Detail.Should().Contain("party members only");
        (await Refused(() => Lists.NominateAsync(new NominateRequest { ListId = list.Id, PersonId = member.ToString(), Reason = "r" }, AdminA).ResponseAsync))
            .Status.Detail.Should().Contain("up to 40 years old");
    }
}
