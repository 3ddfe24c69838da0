using Alliance.Activity.Bulletins;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Time;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Activity.Tests.Lists;

/// <summary>
/// The problem and resource lists and matching as the activity service runs them, over gRPC against real PostgreSQL (with
/// its outbox), the organization service replaced by <see cref="FakeOrganizationDirectory"/>: what is stored with its
/// audit entries and events, a match followed from proposal to resolution, refused input that writes nothing, the
/// bulletin's section, the catalogue, and who may do what.
/// </summary>
public class ListServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new() { ["Supervision:SweepEnabled"] = "false" };
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid(), SubsidiaryC = Guid.NewGuid();
    OrganizationFacts _branchA = null!, _branchB = null!, _branchC = null!;
    AllianceFacts _alliance = null!, _other = null!;
    MemberUnitFacts _unitA = null!, _unitB = null!, _bank = null!, _street = null!;

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("lists");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
            },
            a => a.MapApplicationEndpoints());
        _branchA = _directory.AddOrganization(SubsidiaryA, "甲公司党委");
        _branchB = _directory.AddOrganization(SubsidiaryB, "乙公司党委");
        _branchC = _directory.AddOrganization(SubsidiaryC, "丙公司党委");
        _alliance = _directory.AddAlliance("城市服务联盟", [_branchA, _branchB], ["浦东银行", "城东街道"]);
        _other = _directory.AddAlliance("科创联盟", [_branchC, _branchB], []);
        _unitA = _alliance.Members.Single(m => m.OrganizationId == _branchA.Id);
        _unitB = _alliance.Members.Single(m => m.OrganizationId == _branchB.Id);
        _bank = _alliance.Members.Single(m => m.Name == "浦东银行");
        _street = _alliance.Members.Single(m => m.Name == "城东街道");
        _directory.Partners["zhao"] = ("赵行长", "浦东银行");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin, user: "集团管理员");
    static readonly CallOptions SecretaryA = As(Roles.Secretary, SubsidiaryA, "李书记");
    static readonly CallOptions SecretaryB = As(Roles.Secretary, SubsidiaryB, "王书记");
    static readonly CallOptions SecretaryC = As(Roles.Secretary, SubsidiaryC, "陈书记");
    static readonly CallOptions MemberA = As(Roles.Member, SubsidiaryA, "普通党员");
    static readonly CallOptions PartnerZhao = As(Roles.Partner, user: "zhao");

    ProblemListService.ProblemListServiceClient Problems => _host.Client<ProblemListService.ProblemListServiceClient>();
    ResourceListService.ResourceListServiceClient Offers => _host.Client<ResourceListService.ResourceListServiceClient>();
    MatchService.MatchServiceClient Matches => _host.Client<MatchService.MatchServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    /// <summary>The events in the outbox that name <paramref name="id"/>, by their type's short name, in order.</summary>
    async Task<List<string>> OutboxTypesAbout(string id) => (await InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body LIKE {0} ORDER BY occurred_at, id", $"%{id}%").ToListAsync()))
        .Select(t => t.Split(',')[0].Split('.').Last()).ToList();

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    Task<Problem> PostAsync(MemberUnitFacts unit, CallOptions caller, string category = "venue", string[]? tags = null, string clientRequestId = "") =>
        Problems.PostProblemAsync(new PostProblemRequest
        {
            AllianceId = _alliance.Id.ToString(), MemberUnitId = unit.Id.ToString(), ClientRequestId = clientRequestId,
            Details = new ProblemDetails
            {
                Title = "主题党日缺少会场", Need = "12月主题党日需要能坐80人的会议室，有投影。", Category = category, Urgency = "high",
                Tags = { tags ?? ["党日活动", "会议室"] }, WantedBy = "2026-12-25",
            },
        }, caller).ResponseAsync;

    Task<ResourceOffer> OfferAsync(CallOptions caller, MemberUnitFacts? unit = null, string kind = "venue", string[]? tags = null, double? capacity = 1,
        string title = "党群服务中心多功能厅", OrganizationFacts? toGroupFrom = null, string from = "2026-12-01", string to = "2027-03-31")
    {
        var details = new ResourceOfferDetails
        {
            Kind = kind, Title = title, Description = "120座，投影音响齐全", Tags = { tags ?? ["会议室", "党日活动"] }, CapacityUnit = "场",
            Windows = { new AvailabilityWindow { From = from, To = to } },
            People = { new OfferedPerson { Name = "管理员小王", Skills = { "会务" } } },
        };
        if (capacity is { } c) details.Capacity = c;
        var request = toGroupFrom is null
            ? new OfferResourceRequest { AllianceId = _alliance.Id.ToString(), MemberUnitId = (unit ?? _unitB).Id.ToString(), Details = details }
            : new OfferResourceRequest { Scope = "group", OrganizationId = toGroupFrom.Id.ToString(), Details = details };
        return Offers.OfferResourceAsync(request, caller).ResponseAsync;
    }

    [Fact]
    public async Task A_posted_problem_is_stored_with_its_audit_entry_and_event_and_a_retry_answers_the_same_problem()
    {
        var problem = await PostAsync(_unitA, SecretaryA, clientRequestId: "post-1");
        var again = await PostAsync(_unitA, SecretaryA, clientRequestId: "post-1");

        again.Id.Should().Be(problem.Id);
        problem.State.Should().Be("open");
        problem.Details.Tags.Should().Equal("党日活动", "会议室");
        problem.UnitName.Should().Be("甲公司党委");
        (await OutboxTypesAbout(problem.Id)).Should().Equal("ProblemPosted");
        var history = await Problems.GetProblemHistoryAsync(new GetProblemHistoryRequest { Id = problem.Id }, SecretaryA);
        history.Changes.Should().ContainSingle().Which.Kind.Should().Be("posted");
        (await InDatabase(db => db.Problems.CountAsync(p => p.AllianceId == _alliance.Id))).Should().Be(1);
    }

    [Fact]
    public async Task A_match_is_ranked_with_its_reasons_accepted_and_followed_to_resolved_which_resolves_the_problem()
    {
        var problem = await PostAsync(_unitA, SecretaryA);
        var near = await OfferAsync(SecretaryB);
        var unrelated = await OfferAsync(SecretaryB, kind: "venue", tags: ["篮球场"], title: "职工篮球场");
        await OfferAsync(SecretaryB, kind: "funding", tags: ["会议室"], title: "共建经费");

        var ranked = await Matches.RankMatchesAsync(new RankMatchesRequest { ProblemId = problem.Id }, SecretaryA);

        ranked.Candidates.Should().Be(2, "the funding offer does not answer a venue problem");
        ranked.Items.Select(i => i.Offer.Id).Should().Equal(near.Id, unrelated.Id);
        ranked.Items[0].Parts.Select(p => p.Zh).Should().Contain(["类别相符：场地阵地 ↔ 场地阵地 +0.35", "同一联盟 +0.15"]);
        ranked.Items[0].Parts.Select(p => p.En).Should().Contain("shared tags: 会议室, 党日活动 +0.25");

        var match = await Matches.ProposeMatchAsync(new ProposeMatchRequest { ProblemId = problem.Id, OfferId = near.Id, Note = "请乙公司支持" }, SecretaryA);
        var accepted = await Matches.AcceptMatchAsync(new DecideMatchRequest { Id = match.Id }, SecretaryB);

        accepted.State.Should().Be("accepted");
        (await Problems.GetProblemAsync(new GetProblemRequest { Id = problem.Id }, SecretaryA)).State.Should().Be("matched");
        (await Offers.GetResourceOfferAsync(new GetResourceOfferRequest { Id = near.Id }, SecretaryB)).State.Should().Be("used-up");

        var resolved = await Matches.ResolveMatchAsync(new ResolveMatchRequest
        {
            Id = match.Id, Outcome = "主题党日在乙公司多功能厅举行，80人参加", EvidenceLinks = { "https://example.org/news/1" },
        }, SecretaryA);

        resolved.State.Should().Be("resolved");
        resolved.ResolvedBy.Should().Be("李书记");
        var done = await Problems.GetProblemAsync(new GetProblemRequest { Id = problem.Id }, SecretaryA);
        done.State.Should().Be("resolved");
        done.Outcome.Should().Be("主题党日在乙公司多功能厅举行，80人参加");
        // The clock stands still in this test, so the events' order within one instant is not asserted.
        (await OutboxTypesAbout(problem.Id))
            .Should().BeEquivalentTo(["ProblemPosted", "MatchProposed", "MatchAccepted", "ProblemStateChanged", "ProblemStateChanged"]);
        (await Problems.GetProblemHistoryAsync(new GetProblemHistoryRequest { Id = problem.Id }, SecretaryA)).Changes.Select(c => c.Kind)
            .Should().Equal("resolved", "matched", "posted");

        await using var scope = _host.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IBulletinContentSource>().Single(s => s.Section == BulletinSections.ProblemsResolved);
        var december = MeetingPeriod.Containing(PeriodLength.Monthly, new DateOnly(2026, 12, 1));
        var entries = await source.EntriesAsync(new BulletinScope(_alliance.Id), december, CancellationToken.None);
        entries.Should().ContainSingle(e => e.SourceId == Guid.Parse(problem.Id)).Which.DetailZh.Should().Contain("党群服务中心多功能厅");
        (await source.EntriesAsync(new BulletinScope(_other.Id), december, CancellationToken.None)).Should().BeEmpty();
        (await source.EntriesAsync(new BulletinScope(null), december.Next(), CancellationToken.None)).Should().NotContain(e => e.SourceId == Guid.Parse(problem.Id));
    }

    [Fact]
    public async Task A_declined_match_keeps_its_reason_and_the_problem_stays_open_and_a_decline_without_reason_writes_nothing()
    {
        var problem = await PostAsync(_unitA, SecretaryA);
        var offer = await OfferAsync(SecretaryB);
        var match = await Matches.ProposeMatchAsync(new ProposeMatchRequest { ProblemId = problem.Id, OfferId = offer.Id }, SecretaryA);

        (await Refused(() => Matches.DeclineMatchAsync(new DecideMatchRequest { Id = match.Id }, SecretaryB).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => Matches.ProposeMatchAsync(new ProposeMatchRequest { ProblemId = problem.Id, OfferId = offer.Id }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.AlreadyExists);
        var declined = await Matches.DeclineMatchAsync(new DecideMatchRequest { Id = match.Id, Reason = "场地档期已满" }, SecretaryB);

        declined.State.Should().Be("declined");
        declined.DeclineReason.Should().Be("场地档期已满");
        (await Problems.GetProblemAsync(new GetProblemRequest { Id = problem.Id }, SecretaryA)).State.Should().Be("open");
        (await Refused(() => Matches.AcceptMatchAsync(new DecideMatchRequest { Id = match.Id }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await OutboxTypesAbout(match.Id)).Should().BeEquivalentTo(["MatchProposed", "MatchDeclined"]);
    }

    [Fact]
    public async Task Bad_input_is_refused_on_its_fields_and_writes_nothing()
    {
        var bad = await Refused(() => Problems.PostProblemAsync(new PostProblemRequest
        {
            AllianceId = _alliance.Id.ToString(), MemberUnitId = _unitA.Id.ToString(),
            Details = new ProblemDetails { Title = "", Need = "x", Category = "spaceship", Urgency = "soon", WantedBy = "25/12/2026", Tags = { new string('x', 31) } },
        }, SecretaryA).ResponseAsync);
        var badOffer = await Refused(() => Offers.OfferResourceAsync(new OfferResourceRequest
        {
            AllianceId = _alliance.Id.ToString(), MemberUnitId = _unitB.Id.ToString(),
            Details = new ResourceOfferDetails { Kind = "boat", Title = "x", Capacity = -1, Windows = { new AvailabilityWindow { From = "2026-12-10", To = "2026-12-01" } } },
        }, SecretaryB).ResponseAsync);

        bad.StatusCode.Should().Be(StatusCode.InvalidArgument);
        Alliance.ServiceDefaults.Validation.FieldErrors.From(bad).Keys.Should().BeEquivalentTo(["title", "category", "urgency", "wantedBy", "tags"]);
        Alliance.ServiceDefaults.Validation.FieldErrors.From(badOffer).Keys.Should().BeEquivalentTo(["kind", "capacity", "windows[0].to"]);
        (await InDatabase(db => db.Problems.CountAsync(p => p.AllianceId == _alliance.Id))).Should().Be(0);
        (await InDatabase(db => db.ResourceOffers.CountAsync(o => o.AllianceId == _alliance.Id))).Should().Be(0);
    }

    [Fact]
    public async Task Only_the_alliance_s_administrators_secretaries_and_partners_see_its_lists_and_each_posts_for_their_own_unit()
    {
        var problem = await PostAsync(_unitA, SecretaryA);
        var groupOffer = await OfferAsync(SecretaryC, toGroupFrom: _branchC, title: "丙公司报告厅");

        (await Refused(() => PostAsync(_unitA, SecretaryB))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => PostAsync(_unitA, MemberA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Problems.GetProblemAsync(new GetProblemRequest { Id = problem.Id }, SecretaryC).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        (await Problems.GetProblemAsync(new GetProblemRequest { Id = problem.Id }, SecretaryB)).CanChange.Should().BeFalse();
        (await Problems.GetProblemAsync(new GetProblemRequest { Id = problem.Id }, GroupAdmin)).CanChange.Should().BeTrue();
        (await Refused(() => Problems.WithdrawProblemAsync(new WithdrawProblemRequest { Id = problem.Id, Reason = "不需要了" }, SecretaryB).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);

        // A partner posts for their own unit, not for another external unit, and does not see the group's own offers.
        var partners = await PostAsync(_bank, PartnerZhao);
        partners.External.Should().BeTrue();
        (await Refused(() => PostAsync(_street, PartnerZhao))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Problems.ListProblemsAsync(new ListProblemsRequest(), PartnerZhao)).Items.Select(p => p.Id).Should().BeEquivalentTo([problem.Id, partners.Id]);
        (await Offers.ListResourceOffersAsync(new ListResourceOffersRequest(), PartnerZhao)).Items.Should().BeEmpty();
        (await Refused(() => OfferAsync(PartnerZhao, toGroupFrom: _branchA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Offers.ListResourceOffersAsync(new ListResourceOffersRequest(), SecretaryA)).Items.Select(o => o.Id).Should().Contain(groupOffer.Id);

        // The lead's secretaries act for an external unit; the problem's unit withdraws it.
        (await Problems.GetProblemAsync(new GetProblemRequest { Id = partners.Id }, SecretaryA)).CanChange.Should().BeTrue();
        var withdrawn = await Problems.WithdrawProblemAsync(new WithdrawProblemRequest { Id = partners.Id, Reason = "已自行解决" }, PartnerZhao);
        withdrawn.State.Should().Be("withdrawn");
        (await OutboxTypesAbout(partners.Id)).Should().BeEquivalentTo(["ProblemPosted", "ProblemStateChanged"]);
    }

    [Fact]
    public async Task The_list_filters_by_text_tag_category_and_state_and_pages()
    {
        await PostAsync(_unitA, SecretaryA);
        await PostAsync(_unitA, SecretaryA, category: "funding", tags: ["乡村振兴"]);
        var legal = await Problems.PostProblemAsync(new PostProblemRequest
        {
            AllianceId = _alliance.Id.ToString(), MemberUnitId = _unitA.Id.ToString(),
            Details = new ProblemDetails { Title = "劳动争议多", Need = "需要律师法律咨询", Category = "expertise", Tags = { "法律" } },
        }, SecretaryA);

        (await Problems.ListProblemsAsync(new ListProblemsRequest { Search = "律师" }, SecretaryA)).Items.Select(p => p.Id).Should().Equal(legal.Id);
        (await Problems.ListProblemsAsync(new ListProblemsRequest { Tag = "乡村振兴" }, SecretaryA)).Total.Should().Be(1);
        (await Problems.ListProblemsAsync(new ListProblemsRequest { Category = "venue", State = "open" }, SecretaryA)).Total.Should().Be(1);
        var page = await Problems.ListProblemsAsync(new ListProblemsRequest { PageSize = 2, Page = 2, Sort = "title" }, SecretaryA);
        page.Total.Should().Be(3);
        page.Items.Should().ContainSingle();
        (await Refused(() => Problems.ListProblemsAsync(new ListProblemsRequest { Sort = "colour" }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task The_catalogue_holds_the_alliance_s_and_the_group_s_offers_available_in_the_period()
    {
        var inPeriod = await OfferAsync(SecretaryB, from: "2027-01-01", to: "2027-01-31", title: "一月可用的会议室");
        var later = await OfferAsync(SecretaryB, from: "2027-05-01", to: "2027-05-31", title: "五月可用的会议室");
        var group = await OfferAsync(SecretaryC, toGroupFrom: _branchC, title: "集团报告厅");
        var withdrawn = await OfferAsync(SecretaryB, title: "撤回的场地");
        await Offers.WithdrawResourceOfferAsync(new WithdrawResourceOfferRequest { Id = withdrawn.Id }, SecretaryB);

        var catalogue = await Offers.GetResourceCatalogueAsync(new GetResourceCatalogueRequest
        {
            AllianceId = _alliance.Id.ToString(), From = "2027-01-01", To = "2027-03-31",
        }, SecretaryA);

        catalogue.AllianceName.Should().Be("城市服务联盟");
        catalogue.Offers.Select(o => o.Id).Should().BeEquivalentTo([inPeriod.Id, group.Id]);
        catalogue.Offers.Select(o => o.Id).Should().NotContain([later.Id, withdrawn.Id]);
        (await Refused(() => Offers.GetResourceCatalogueAsync(new GetResourceCatalogueRequest
        {
            AllianceId = _alliance.Id.ToString(), From = "2027-03-31", To = "2027-01-01",
        }, SecretaryA).ResponseAsync)).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => Offers.GetResourceCatalogueAsync(new GetResourceCatalogueRequest
        {
            AllianceId = _alliance.Id.ToString(), From = "2027-01-01", To = "2027-03-31",
        }, SecretaryC).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task An_offer_of_a_unit_that_shares_another_alliance_ranks_above_one_of_a_unit_only_in_the_group()
    {
        // 乙 is in both alliances with 丙; 甲 only in this one. A problem of 乙: 丙's group offer is near, 甲's... is in the same alliance.
        var problem = await PostAsync(_unitB, SecretaryB);
        var fromC = await OfferAsync(SecretaryC, toGroupFrom: _branchC, title: "丙公司会议室");
        var far = _directory.AddOrganization(Guid.NewGuid(), "丁公司党委");
        var farOffer = await OfferAsync(GroupAdmin, toGroupFrom: far, title: "丁公司会议室");

        var ranked = await Matches.RankMatchesAsync(new RankMatchesRequest { ProblemId = problem.Id }, GroupAdmin);

        ranked.Items.Select(i => i.Offer.Id).Should().Equal(fromC.Id, farOffer.Id);
        ranked.Items[0].Parts.Single(p => p.Name == "distance").Zh.Should().Be("双方结对或同在另一联盟 +0.08");
        ranked.Items[1].Parts.Single(p => p.Name == "distance").En.Should().Be("only the same group +0");
    }
}
