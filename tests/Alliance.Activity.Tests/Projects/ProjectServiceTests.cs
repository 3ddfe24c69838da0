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

namespace Alliance.Activity.Tests.Projects;

/// <summary>
/// Tackling projects, cooperation agreements, practical projects and shared results as the activity service runs them,
/// over gRPC against real PostgreSQL (events through the outbox to RabbitMQ), with the organization service replaced by
/// <see cref="FakeOrganizationDirectory"/> and a clock the tests move: what is stored with its events and audit, idempotent
/// creates, refused input that writes nothing, the bulletin's milestones on known data, and who sees and changes what.
/// </summary>
public class ProjectServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new() { ["Supervision:SweepEnabled"] = "false" };
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid(), SubsidiaryC = Guid.NewGuid();
    OrganizationFacts _port = null!, _builder = null!, _outsider = null!;
    PersonFacts _engineer = null!;
    AllianceFacts _alliance = null!;
    MemberUnitFacts _unitA = null!, _unitB = null!, _bank = null!;

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("projects");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
            },
            a => a.MapApplicationEndpoints());
        _port = _directory.AddOrganization(SubsidiaryA, "港务公司党委");
        _builder = _directory.AddOrganization(SubsidiaryB, "建工公司党委");
        _outsider = _directory.AddOrganization(SubsidiaryC, "商贸公司党委");
        _engineer = _directory.AddPerson(_port, "王工");
        _alliance = _directory.AddAlliance("临港新片区党建联盟", [_port, _builder], ["临港银行"]);
        _unitA = _alliance.Members.Single(m => m.OrganizationId == _port.Id);
        _unitB = _alliance.Members.Single(m => m.OrganizationId == _builder.Id);
        _bank = _alliance.Members.Single(m => m.External);
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
    static readonly CallOptions MemberB = As(Roles.Member, SubsidiaryB, "党员乙");
    static readonly CallOptions AdminC = As(Roles.SubsidiaryAdmin, SubsidiaryC, "丙管理员");
    static readonly CallOptions Partner = As(Roles.Partner, null, "partner-1");

    ProjectService.ProjectServiceClient Projects => _host.Client<ProjectService.ProjectServiceClient>();
    CooperationAgreementService.CooperationAgreementServiceClient Agreements => _host.Client<CooperationAgreementService.CooperationAgreementServiceClient>();
    PracticalProjectService.PracticalProjectServiceClient Practical => _host.Client<PracticalProjectService.PracticalProjectServiceClient>();
    SharedResultService.SharedResultServiceClient Results => _host.Client<SharedResultService.SharedResultServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    Task<List<string>> OutboxBodiesAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type || ' ' || body AS \"Value\" FROM outbox_messages WHERE body LIKE {0} ORDER BY occurred_at, id", $"%{id}%").ToListAsync());

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    ProjectDetails Details(string title = "洋山港四期配套工程", bool withAlliance = true)
    {
        var details = new ProjectDetails
        {
            Title = title, Description = "项目工期提前", Category = "major-engineering", Year = 2026, OrganizationId = _port.Id.ToString(),
            AllianceId = withAlliance ? _alliance.Id.ToString() : "", LeaderPersonId = _engineer.Id.ToString(),
        };
        details.Team.Add(new TeamMemberRef { PersonId = _engineer.Id.ToString() });
        if (withAlliance) details.Team.Add(new TeamMemberRef { MemberUnitId = _bank.Id.ToString(), ContactName = "赵经理" });
        return details;
    }

    Task<Project> CreateAsync(CallOptions? caller = null, string clientRequestId = "", bool withAlliance = true, string title = "洋山港四期配套工程") =>
        Projects.CreateProjectAsync(new CreateProjectRequest { Details = Details(title, withAlliance), ClientRequestId = clientRequestId }, caller ?? SecretaryA).ResponseAsync;

    [Fact]
    public async Task A_project_is_stored_with_its_team_audit_and_event_and_a_retry_creates_nothing_more()
    {
        var project = await CreateAsync(clientRequestId: "p-1");
        var again = await CreateAsync(clientRequestId: "p-1");

        again.Id.Should().Be(project.Id);
        project.Status.Should().Be("planned");
        project.LeaderName.Should().Be("王工");
        project.Team.Select(t => (t.Name, t.UnitName, t.External)).Should().Equal(("王工", "港务公司党委", false), ("赵经理", "临港银行", true));
        (await OutboxBodiesAbout(project.Id)).Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.ProjectCreated));
        var history = await Projects.GetProjectHistoryAsync(new GetProjectHistoryRequest { Id = project.Id }, SecretaryB);
        history.Changes.Should().ContainSingle().Which.ChangedBy.Should().Be("李书记");
    }

    [Fact]
    public async Task Milestones_and_outcomes_give_progress_overdue_flags_and_events()
    {
        var project = await CreateAsync();
        project = await Projects.AddMilestoneAsync(new AddMilestoneRequest { ProjectId = project.Id, Title = "桩基完成", PlannedOn = "2026-05-31" }, SecretaryA);
        project = await Projects.AddMilestoneAsync(new AddMilestoneRequest { ProjectId = project.Id, Title = "主体封顶", PlannedOn = "2026-06-10" }, SecretaryA);
        project = await Projects.ChangeProjectStatusAsync(new ChangeProjectStatusRequest { Id = project.Id, Status = "in-progress", ExpectedVersion = project.Version }, SecretaryA);
        project = await Projects.ReachMilestoneAsync(new ReachMilestoneRequest { ProjectId = project.Id, MilestoneId = project.Milestones[0].Id, ReachedOn = "2026-05-20" }, SecretaryA);
        project = await Projects.RecordOutcomeAsync(new RecordOutcomeRequest
        {
            ProjectId = project.Id, Label = "工期提前", Unit = "days-ahead", Value = "270", Target = "180",
        }, SecretaryA);

        project.Progress.Should().Be(0.5);
        project.MilestonesOverdue.Should().Be(1);
        project.Milestones[1].Overdue.Should().BeTrue();
        project.Outcomes.Should().ContainSingle().Which.Value.Should().Be("270");
        var events = await OutboxBodiesAbout(project.Id);
        events.Should().Contain(e => e.Contains(nameof(Contracts.Events.ProjectStatusChanged)));
        events.Should().Contain(e => e.Contains(nameof(Contracts.Events.ProjectMilestoneReached)) && e.Contains("\"daysLate\":-11"));
        events.Should().Contain(e => e.Contains(nameof(Contracts.Events.ProjectOutcomeRecorded)) && e.Contains("days-ahead"));
    }

    [Fact]
    public async Task Refused_input_answers_on_its_field_and_writes_nothing()
    {
        var project = await CreateAsync();

        (await Refused(() => Projects.RecordOutcomeAsync(new RecordOutcomeRequest { ProjectId = project.Id, Label = "服务", Unit = "people-served", Value = "3.5" }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => Projects.RecordOutcomeAsync(new RecordOutcomeRequest { ProjectId = project.Id, Label = "服务", Unit = "people", Value = "3" }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => Projects.ChangeProjectStatusAsync(new ChangeProjectStatusRequest { Id = project.Id, Status = "completed" }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await Refused(() => Projects.ChangeProjectStatusAsync(new ChangeProjectStatusRequest { Id = project.Id, Status = "in-progress", ExpectedVersion = 9 }, SecretaryA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.Aborted);
        var bad = Details();
        bad.Category = "sports";
        bad.Year = 1800;
        var errors = Alliance.ServiceDefaults.Validation.FieldErrors.From(await Refused(() => Projects.CreateProjectAsync(new CreateProjectRequest { Details = bad }, SecretaryA).ResponseAsync));
        errors.Keys.Should().Contain(["category", "year"]);

        var stored = await Projects.GetProjectAsync(new GetProjectRequest { Id = project.Id }, SecretaryA);
        stored.Version.Should().Be(1);
        stored.Outcomes.Should().BeEmpty();
        (await OutboxBodiesAbout(project.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Members_of_the_alliance_see_projects_the_owner_changes_them_and_others_and_partners_see_nothing()
    {
        var project = await CreateAsync();
        var own = await CreateAsync(withAlliance: false, title: "港区自有项目");

        (await Projects.GetProjectAsync(new GetProjectRequest { Id = project.Id }, MemberB)).CanChange.Should().BeFalse();
        (await Projects.GetProjectAsync(new GetProjectRequest { Id = project.Id }, SecretaryB)).CanChange.Should().BeFalse();
        (await Projects.GetProjectAsync(new GetProjectRequest { Id = project.Id }, GroupAdmin)).CanChange.Should().BeTrue();
        (await Refused(() => Projects.GetProjectAsync(new GetProjectRequest { Id = own.Id }, SecretaryB).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Projects.GetProjectAsync(new GetProjectRequest { Id = project.Id }, AdminC).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Projects.GetProjectAsync(new GetProjectRequest { Id = project.Id }, Partner).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Projects.ChangeProjectStatusAsync(new ChangeProjectStatusRequest { Id = project.Id, Status = "in-progress" }, SecretaryB).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => CreateAsync(MemberB))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Projects.CreateProjectAsync(new CreateProjectRequest { Details = Details() }, SecretaryB).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound, "the owning organization is not theirs to name");
        (await Projects.ListProjectsAsync(new ListProjectsRequest { AllianceId = _alliance.Id.ToString() }, SecretaryB)).Items.Select(p => p.Id).Should().Equal(project.Id);
        (await Projects.ListProjectsAsync(new ListProjectsRequest(), SecretaryA)).Total.Should().Be(2);
        (await Projects.ListProjectsAsync(new ListProjectsRequest(), AdminC)).Total.Should().Be(0);
        (await Projects.ListProjectsAsync(new ListProjectsRequest { Search = "自有", Year = 2026, Category = "major-engineering", Status = "planned" }, GroupAdmin))
            .Items.Should().ContainSingle().Which.Id.Should().Be(own.Id);
    }

    [Fact]
    public async Task The_bulletin_gives_the_milestones_reached_in_the_month_and_completed_projects_with_their_measures()
    {
        var project = await CreateAsync();
        project = await Projects.AddMilestoneAsync(new AddMilestoneRequest { ProjectId = project.Id, Title = "桩基完成", PlannedOn = "2026-05-31" }, SecretaryA);
        project = await Projects.AddMilestoneAsync(new AddMilestoneRequest { ProjectId = project.Id, Title = "竣工验收", PlannedOn = "2026-06-30" }, SecretaryA);
        project = await Projects.ChangeProjectStatusAsync(new ChangeProjectStatusRequest { Id = project.Id, Status = "in-progress" }, SecretaryA);
        await Projects.ReachMilestoneAsync(new ReachMilestoneRequest { ProjectId = project.Id, MilestoneId = project.Milestones[0].Id, ReachedOn = "2026-05-28" }, SecretaryA);
        await Projects.ReachMilestoneAsync(new ReachMilestoneRequest { ProjectId = project.Id, MilestoneId = project.Milestones[1].Id, ReachedOn = "2026-06-05" }, SecretaryA);
        await Projects.RecordOutcomeAsync(new RecordOutcomeRequest { ProjectId = project.Id, Label = "工期提前", Unit = "days-ahead", Value = "270" }, SecretaryA);
        await Projects.RecordOutcomeAsync(new RecordOutcomeRequest { ProjectId = project.Id, Label = "带动产值", Unit = "cny", Value = "1200000" }, SecretaryA);
        await Projects.ChangeProjectStatusAsync(new ChangeProjectStatusRequest { Id = project.Id, Status = "completed" }, SecretaryA);
        var other = await CreateAsync(withAlliance: false, title: "港区自有项目");
        other = await Projects.AddMilestoneAsync(new AddMilestoneRequest { ProjectId = other.Id, Title = "方案评审", PlannedOn = "2026-06-01" }, SecretaryA);
        other = await Projects.ChangeProjectStatusAsync(new ChangeProjectStatusRequest { Id = other.Id, Status = "in-progress" }, SecretaryA);
        await Projects.ReachMilestoneAsync(new ReachMilestoneRequest { ProjectId = other.Id, MilestoneId = other.Milestones[0].Id, ReachedOn = "2026-06-01" }, SecretaryA);

        await using var scope = _host.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IBulletinContentSource>().Single(s => s.Section == BulletinSections.Milestones);
        var june = new MeetingPeriod(PeriodLength.Monthly, new DateOnly(2026, 6, 1));
        var ofAlliance = await source.EntriesAsync(new BulletinScope(_alliance.Id), june, CancellationToken.None);
        var ofGroup = await source.EntriesAsync(new BulletinScope(null), june, CancellationToken.None);
        var may = await source.EntriesAsync(new BulletinScope(_alliance.Id), june.Previous(), CancellationToken.None);

        ofAlliance.Select(e => e.TitleZh).Should().Equal(
            "洋山港四期配套工程：竣工验收", "洋山港四期配套工程：项目完成，工期提前270天（提前工期）", "洋山港四期配套工程：项目完成，带动产值1200000元");
        ofAlliance[0].DetailZh.Should().Be("港务公司党委，比计划提前25天");
        ofAlliance.Where(e => e.Measure is not null).Select(e => (e.Measure, e.Unit)).Should().Equal((270m, "days-ahead"), (1_200_000m, "cny"));
        ofGroup.Should().HaveCount(4).And.Contain(e => e.TitleEn == "港区自有项目: 方案评审" && e.DetailEn == "港务公司党委, on plan");
        may.Should().ContainSingle().Which.DetailEn.Should().Be("港务公司党委, 3 days ahead of plan");
    }

    [Fact]
    public async Task Agreements_are_counted_by_status_per_alliance_with_their_events()
    {
        var details = new AgreementDetails { AllianceId = _alliance.Id.ToString(), Title = "港城融合人才共育协议", ValueAmount = "500000", ValueUnit = "cny", SignedOn = "2026-06-01" };
        details.MemberUnitIds.Add(_unitA.Id.ToString());
        details.MemberUnitIds.Add(_bank.Id.ToString());
        var signed = await Agreements.CreateAgreementAsync(new CreateAgreementRequest { Details = details, Status = "signed", ClientRequestId = "a-1" }, SecretaryA);
        details.SignedOn = "";
        var negotiating = await Agreements.CreateAgreementAsync(new CreateAgreementRequest { Details = details }, SecretaryB);
        await Agreements.ChangeAgreementStatusAsync(new ChangeAgreementStatusRequest { Id = negotiating.Id, Status = "terminated" }, SecretaryB);
        var again = await Agreements.CreateAgreementAsync(new CreateAgreementRequest { Details = details, Status = "signed", ClientRequestId = "a-1" }, SecretaryA);

        signed.Parties.Select(p => p.Name).Should().Equal("港务公司党委", "临港银行");
        again.Id.Should().Be(signed.Id);
        var counts = await Agreements.CountAgreementsAsync(new CountAgreementsRequest { AllianceId = _alliance.Id.ToString() }, MemberB);
        counts.Total.Should().Be(2);
        counts.ByStatus.Single(c => c.Status == "signed").Count.Should().Be(1);
        counts.ByStatus.Single(c => c.Status == "terminated").Count.Should().Be(1);
        (await OutboxBodiesAbout(signed.Id)).Should().Contain(e => e.Contains(nameof(Contracts.Events.CooperationAgreementSigned)));
        (await Refused(() => Agreements.ChangeAgreementStatusAsync(new ChangeAgreementStatusRequest { Id = signed.Id, Status = "completed" }, SecretaryB).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Agreements.CountAgreementsAsync(new CountAgreementsRequest { AllianceId = _alliance.Id.ToString() }, AdminC).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Agreements.ListAgreementsAsync(new ListAgreementsRequest(), Partner).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Practical_projects_and_shared_results_are_published_to_the_alliance_and_reuses_counted()
    {
        var practical = await Practical.RegisterPracticalProjectAsync(new RegisterPracticalProjectRequest
        {
            Details = new PracticalProjectDetails
            {
                AllianceId = _alliance.Id.ToString(), MemberUnitId = _unitB.Id.ToString(), Title = "为新片区职工开设夜校", BeneficiaryKind = "workers",
                Beneficiaries = "园区一线职工", BeneficiaryCount = 320, DoneOn = "2026-06-10",
            },
        }, SecretaryB);
        (await Refused(() => Practical.RegisterPracticalProjectAsync(new RegisterPracticalProjectRequest
        {
            Details = new PracticalProjectDetails
            {
                AllianceId = _alliance.Id.ToString(), MemberUnitId = _unitA.Id.ToString(), Title = "代他人登记", BeneficiaryKind = "workers",
                Beneficiaries = "职工", BeneficiaryCount = 1, DoneOn = "2026-06-10",
            },
        }, SecretaryB).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
        var result = await Results.ShareResultAsync(new ShareResultRequest
        {
            Details = new SharedResultDetails { AllianceId = _alliance.Id.ToString(), MemberUnitId = _unitA.Id.ToString(), Kind = "method", Title = "“党建+安全生产”工作法", SharedOn = "2026-06-01" },
        }, SecretaryA);
        var reused = await Results.RecordReuseAsync(new RecordReuseRequest
        {
            ResultId = result.Id, MemberUnitId = _unitB.Id.ToString(), ReusedOn = "2026-06-12", How = "在两个项目部推广", ClientRequestId = "r-1",
        }, SecretaryB);
        var retried = await Results.RecordReuseAsync(new RecordReuseRequest
        {
            ResultId = result.Id, MemberUnitId = _unitB.Id.ToString(), ReusedOn = "2026-06-12", How = "在两个项目部推广", ClientRequestId = "r-1",
        }, SecretaryB);

        reused.ReuseCount.Should().Be(1);
        retried.ReuseCount.Should().Be(1);
        reused.Reuses.Should().ContainSingle().Which.UnitName.Should().Be("建工公司党委");
        var list = await Practical.ListPracticalProjectsAsync(new ListPracticalProjectsRequest { AllianceId = _alliance.Id.ToString() }, SecretaryA);
        list.Items.Should().ContainSingle().Which.Id.Should().Be(practical.Id);
        list.BeneficiaryTotal.Should().Be(320);
        (await Practical.ListPracticalProjectsAsync(new ListPracticalProjectsRequest(), AdminC)).Total.Should().Be(0);
        (await OutboxBodiesAbout(practical.Id)).Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.PracticalProjectRegistered));
        (await OutboxBodiesAbout(result.Id)).Should().Contain(e => e.Contains(nameof(Contracts.Events.ResultReused)) && e.Contains("\"reuseCount\":1"));
        (await Refused(() => Results.GetSharedResultAsync(new GetSharedResultRequest { Id = result.Id }, AdminC).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
    }
}
