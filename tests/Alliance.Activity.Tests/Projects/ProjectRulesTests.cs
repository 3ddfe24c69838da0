using Alliance.Activity.Common;
using Alliance.Activity.Cooperation;
using Alliance.Activity.OrganizationLife;
using Alliance.Activity.Projects;
using Alliance.Activity.SharedResults;

namespace Alliance.Activity.Tests.Projects;

/// <summary>The rules of tackling projects, cooperation agreements and shared results, on known data (no database).</summary>
public class ProjectRulesTests
{
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    static readonly OrganizationFacts Port = new(Guid.NewGuid(), SubsidiaryA, "港务公司党委", true, PartyOrganizationKind.Committee);
    static readonly MemberUnitFacts UnitA = new(Guid.NewGuid(), Port.Id, SubsidiaryA, "港务公司党委", true);
    static readonly MemberUnitFacts UnitB = new(Guid.NewGuid(), Guid.NewGuid(), SubsidiaryB, "建工公司党委", true);
    static readonly MemberUnitFacts Bank = new(Guid.NewGuid(), null, null, "临港银行", true);
    static readonly AllianceFacts Lingang = new(Guid.NewGuid(), "临港新片区党建联盟", SubsidiaryA, [UnitA, UnitB, Bank]);
    static readonly Actor Secretary = new("李书记", "secretary");
    static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Today = new(2026, 6, 1);

    static TacklingProject Project(string category = "major-engineering", int year = 2026, IReadOnlyList<TeamMember>? team = null) =>
        TacklingProject.Create(new ProjectPlan("洋山港四期配套工程", "提前竣工", category, year, Port, Lingang, null,
            team ?? [new TeamMember(Guid.NewGuid(), null, "王工", "港务公司党委"), new TeamMember(null, Bank.Id, "赵经理", Bank.Name)]), Secretary, Now);

    static ActivityRuleException Refused(Action action) => action.Should().Throw<ActivityRuleException>().Which;

    [Fact]
    public void A_new_project_is_planned_with_its_first_audit_entry_and_no_progress()
    {
        var project = Project();

        project.Status.Should().Be(ProjectStatus.Planned);
        project.Version.Should().Be(1);
        project.Changes.Should().ContainSingle().Which.Kind.Should().Be("created");
        project.Progress.Should().Be(0);
        project.Team.Should().HaveCount(2).And.Contain(t => t.External && t.UnitName == "临港银行");
    }

    [Fact]
    public void Status_moves_follow_the_plan_and_closed_projects_take_no_more_changes()
    {
        var project = Project();

        Refused(() => project.ChangeStatus(ProjectStatus.Completed, null, Secretary, Now)).Field.Should().Be("status");
        project.ChangeStatus(ProjectStatus.InProgress, null, Secretary, Now);
        project.ChangeStatus(ProjectStatus.Suspended, "汛期停工", Secretary, Now);
        project.ChangeStatus(ProjectStatus.InProgress, null, Secretary, Now);
        project.ChangeStatus(ProjectStatus.Completed, null, Secretary, Now);

        project.CompletedOn.Should().Be(Today.AddDays(0));
        Refused(() => project.ChangeStatus(ProjectStatus.InProgress, null, Secretary, Now)).Code.Should().Be(Grpc.Core.StatusCode.FailedPrecondition);
        Refused(() => project.AddMilestone("追加节点", Today, Secretary, Now)).Field.Should().Be("status");
        project.Changes.Select(c => c.Kind).Should().Equal("created", "status-changed", "status-changed", "status-changed", "status-changed");
        project.Changes[2].ReadChanges().Should().Contain(new FieldChange("reason", "", "汛期停工"));
    }

    [Fact]
    public void A_cancelled_project_cannot_come_back_and_an_unknown_status_is_bad_input()
    {
        var project = Project();
        project.ChangeStatus(ProjectStatus.Cancelled, "立项取消", Secretary, Now);

        Refused(() => project.ChangeStatus(ProjectStatus.Planned, null, Secretary, Now)).Code.Should().Be(Grpc.Core.StatusCode.FailedPrecondition);
        Refused(() => project.ChangeStatus("finished", null, Secretary, Now)).Code.Should().Be(Grpc.Core.StatusCode.InvalidArgument);
    }

    [Fact]
    public void Progress_is_milestones_reached_over_milestones_and_open_past_milestones_are_overdue()
    {
        var project = Project();
        var piling = project.AddMilestone("桩基完成", new DateOnly(2026, 3, 31), Secretary, Now);
        var steel = project.AddMilestone("主体结构封顶", new DateOnly(2026, 5, 31), Secretary, Now);
        project.AddMilestone("竣工验收", new DateOnly(2026, 12, 31), Secretary, Now);
        project.AddMilestone("交付运营", new DateOnly(2027, 3, 31), Secretary, Now);
        project.ChangeStatus(ProjectStatus.InProgress, null, Secretary, Now);

        project.ReachMilestone(piling.Id, new DateOnly(2026, 3, 20), Today, Secretary, Now);

        project.Progress.Should().Be(0.25);
        project.IsOverdue(piling, Today).Should().BeFalse("it was reached");
        project.IsOverdue(steel, Today).Should().BeTrue("31 May passed without it");
        project.OverdueMilestones(Today).Should().Be(1);
        project.ChangeStatus(ProjectStatus.Cancelled, "停建", Secretary, Now);
        project.OverdueMilestones(Today).Should().Be(0, "a closed project has no overdue milestones");
    }

    [Fact]
    public void A_milestone_is_reached_once_not_in_the_future_and_only_while_in_progress()
    {
        var project = Project();
        var milestone = project.AddMilestone("桩基完成", new DateOnly(2026, 3, 31), Secretary, Now);

        Refused(() => project.ReachMilestone(milestone.Id, Today, Today, Secretary, Now)).Field.Should().Be("milestoneId");
        project.ChangeStatus(ProjectStatus.InProgress, null, Secretary, Now);
        Refused(() => project.ReachMilestone(milestone.Id, Today.AddDays(1), Today, Secretary, Now)).Field.Should().Be("reachedOn");
        Refused(() => project.ReachMilestone(Guid.NewGuid(), Today, Today, Secretary, Now)).Code.Should().Be(Grpc.Core.StatusCode.NotFound);
        project.ReachMilestone(milestone.Id, Today, Today, Secretary, Now);
        Refused(() => project.ReachMilestone(milestone.Id, Today, Today, Secretary, Now)).Code.Should().Be(Grpc.Core.StatusCode.FailedPrecondition);
        Refused(() => Project().AddMilestone("远期", new DateOnly(2040, 1, 1), Secretary, Now)).Field.Should().Be("plannedOn");
    }

    [Fact]
    public void A_project_with_open_milestones_cannot_be_completed()
    {
        var project = Project();
        project.AddMilestone("桩基完成", new DateOnly(2026, 3, 31), Secretary, Now);
        project.ChangeStatus(ProjectStatus.InProgress, null, Secretary, Now);

        Refused(() => project.ChangeStatus(ProjectStatus.Completed, null, Secretary, Now)).Message.Should().Contain("milestone");
    }

    [Theory]
    [InlineData("days-ahead", "270", null)]
    [InlineData("days-ahead", "-12", null)]
    [InlineData("cny", "1200000.50", null)]
    [InlineData("people-served", "3500", null)]
    [InlineData("people-served", "3500.5", "whole numbers")]
    [InlineData("households", "-3", "negative")]
    [InlineData("percent", "101", "at most 100")]
    [InlineData("percent", "87.5", null)]
    [InlineData("kilometres", "5", "must be one of")]
    public void Outcome_measures_take_only_numbers_their_unit_allows(string unit, string value, string? problem)
    {
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        if (problem is null) MeasureUnits.Problem(unit, number).Should().BeNull();
        else MeasureUnits.Problem(unit, number).Should().Contain(problem);
    }

    [Fact]
    public void Outcomes_are_recorded_typed_with_baseline_and_target_and_refused_on_a_cancelled_project()
    {
        var project = Project();

        var outcome = project.RecordOutcome("工期提前", MeasureUnits.DaysAhead, 270, null, 180, Today, Today, Secretary, Now);
        Refused(() => project.RecordOutcome("服务群众", MeasureUnits.PeopleServed, 10.5m, null, null, Today, Today, Secretary, Now)).Field.Should().Be("value");
        Refused(() => project.RecordOutcome("完成率", MeasureUnits.Percent, 50, 120, null, Today, Today, Secretary, Now)).Field.Should().Be("baseline");
        Refused(() => project.RecordOutcome("产值", "usd", 5, null, null, Today, Today, Secretary, Now)).Field.Should().Be("unit");
        project.ChangeStatus(ProjectStatus.Cancelled, "停建", Secretary, Now);
        Refused(() => project.RecordOutcome("工期提前", MeasureUnits.DaysAhead, 1, null, null, Today, Today, Secretary, Now));

        outcome.Value.Should().Be(270);
        outcome.Target.Should().Be(180);
        project.Outcomes.Should().ContainSingle();
    }

    [Fact]
    public void Project_details_are_checked_and_a_revision_that_changes_nothing_writes_nothing()
    {
        Refused(() => Project(category: "sports")).Field.Should().Be("category");
        Refused(() => Project(year: 1999)).Field.Should().Be("year");
        var person = Guid.NewGuid();
        Refused(() => Project(team: [new TeamMember(person, null, "王工", ""), new TeamMember(person, null, "王工", "")])).Field.Should().Be("team");
        var project = Project();
        var plan = new ProjectPlan("洋山港四期配套工程", "提前竣工", "major-engineering", 2026, Port, Lingang, null, project.Team);

        project.Revise(plan, Secretary, Now).Should().BeFalse();
        project.Revise(plan with { Title = "洋山港四期配套工程（二阶段）" }, Secretary, Now).Should().BeTrue();
        project.Changes.Last().ReadChanges().Should().ContainSingle(c => c.Field == "title");
    }

    [Fact]
    public void Links_keep_activities_and_problems_once_each()
    {
        var project = Project();
        var activity = Guid.NewGuid();
        var problem = Guid.NewGuid();

        project.SetLinks([activity, activity], [problem], Secretary, Now).Should().BeTrue();
        project.SetLinks([activity], [problem], Secretary, Now).Should().BeFalse();

        project.ActivityIds.Should().Equal(activity);
        project.ProblemIds.Should().Equal(problem);
    }

    static CooperationAgreement Agreement(string status = AgreementStatus.Negotiating, DateOnly? signedOn = null, decimal? amount = null, string? unit = null,
        IReadOnlyList<AgreementParty>? parties = null) =>
        CooperationAgreement.Create(Lingang.Id, Lingang.Name, "港城融合人才共育协议", "联合培养", parties ??
            [new AgreementParty(UnitA.Id, UnitA.OrganizationId, SubsidiaryA, UnitA.Name), new AgreementParty(Bank.Id, null, null, Bank.Name)],
            status, signedOn, amount, unit, SubsidiaryA, Today, Secretary, Now);

    [Fact]
    public void An_agreement_is_between_two_units_at_least_and_signing_takes_a_day_not_in_the_future()
    {
        Refused(() => Agreement(parties: [new AgreementParty(UnitA.Id, UnitA.OrganizationId, SubsidiaryA, UnitA.Name)])).Field.Should().Be("memberUnitIds");
        Refused(() => Agreement(AgreementStatus.Signed)).Field.Should().Be("signedOn");
        Refused(() => Agreement(AgreementStatus.Signed, Today.AddDays(1))).Field.Should().Be("signedOn");
        Refused(() => Agreement(amount: 5)).Field.Should().Be("valueUnit");
        Refused(() => Agreement(amount: -5, unit: MeasureUnits.Cny)).Field.Should().Be("valueAmount");

        var agreement = Agreement(amount: 500_000, unit: MeasureUnits.Cny);
        agreement.ChangeStatus(AgreementStatus.Signed, new DateOnly(2026, 5, 20), Today, Secretary, Now);
        agreement.ChangeStatus(AgreementStatus.InExecution, null, Today, Secretary, Now);
        Refused(() => agreement.ChangeStatus(AgreementStatus.Negotiating, null, Today, Secretary, Now)).Code.Should().Be(Grpc.Core.StatusCode.FailedPrecondition);
        agreement.ChangeStatus(AgreementStatus.Completed, null, Today, Secretary, Now);

        agreement.SignedOn.Should().Be(new DateOnly(2026, 5, 20));
        agreement.Changes.Select(c => c.Kind).Should().Equal("created", "status-changed", "status-changed", "status-changed");
        AgreementStatus.IsSigned(agreement.Status).Should().BeTrue();
    }

    [Fact]
    public void A_result_is_reused_once_per_other_unit_after_it_was_shared()
    {
        var result = SharedResult.Share(Lingang, UnitA, "method", "“党建+安全生产”工作法", null, new DateOnly(2026, 5, 1), Today, Secretary, Now);

        Refused(() => result.RecordReuse(UnitA, Today, "自用", Today, Secretary, Now)).Field.Should().Be("memberUnitId");
        Refused(() => result.RecordReuse(UnitB, new DateOnly(2026, 4, 30), "提前", Today, Secretary, Now)).Field.Should().Be("reusedOn");
        result.RecordReuse(UnitB, new DateOnly(2026, 5, 10), "在两个项目部推广", Today, Secretary, Now);
        result.RecordReuse(Bank, Today, "用于网点安全检查", Today, Secretary, Now);
        Refused(() => result.RecordReuse(UnitB, Today, "再次", Today, Secretary, Now)).Code.Should().Be(Grpc.Core.StatusCode.FailedPrecondition);

        result.ReuseCount.Should().Be(2);
        result.SubsidiaryId.Should().Be(SubsidiaryA);
    }

    [Fact]
    public void Joint_work_is_seen_by_the_owning_subsidiary_and_by_members_of_its_alliance_and_changed_by_the_owners_planners()
    {
        var member = new JointWorkSight(false, SubsidiaryB, [Lingang.Id]);
        var outsider = new JointWorkSight(false, Guid.NewGuid(), []);

        member.Sees(SubsidiaryA, Lingang.Id).Should().BeTrue();
        member.Sees(SubsidiaryA, null).Should().BeFalse("an organization's own project is not the alliance's");
        outsider.Sees(SubsidiaryA, Lingang.Id).Should().BeFalse();
        JointWorkSight.Nothing.Sees(SubsidiaryA, Lingang.Id).Should().BeFalse("partners see none of it");
        JointWorkAccess.MayChange(new(Contracts.Roles.Secretary, SubsidiaryA, "李书记"), SubsidiaryA).Should().BeTrue();
        JointWorkAccess.MayChange(new(Contracts.Roles.Member, SubsidiaryA, "党员"), SubsidiaryA).Should().BeFalse();
        JointWorkAccess.MayChange(new(Contracts.Roles.SubsidiaryAdmin, SubsidiaryB, "管理员"), SubsidiaryA).Should().BeFalse();
        JointWorkAccess.MayChange(new(Contracts.Roles.GroupAdmin, null, "集团"), SubsidiaryA).Should().BeTrue();
    }
}
