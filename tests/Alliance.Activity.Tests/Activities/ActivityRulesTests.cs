using Alliance.Activity.Activities;
using Alliance.Activity.ActivityTypes;
using Alliance.Activity.Common;
using ActivityAggregate = Alliance.Activity.Activities.Activity;

namespace Alliance.Activity.Tests.Activities;

public class ActivityRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Start = new(2026, 3, 5, 14, 0, 0, TimeSpan.FromHours(8));
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    static readonly ActivityHost HostA = ActivityHost.Internal(Guid.NewGuid(), SubsidiaryA, "甲公司第一党支部");
    static readonly ActivityHost HostB = ActivityHost.Internal(Guid.NewGuid(), SubsidiaryB, "乙公司党委");
    static readonly Actor Secretary = new("李书记", "secretary");
    static readonly ActivityType JointStudy = ActivityType.BuiltIn.Single(t => t.Code == "joint-study");
    static readonly ActivityType PartyDay = ActivityType.BuiltIn.Single(t => t.Code == "joint-party-day");

    static ActivityPlan Plan(ActivityType? type = null, IReadOnlyList<ActivityHost>? hosts = null, DateTimeOffset? start = null,
        TimeSpan? length = null, Guid? allianceId = null, Guid? pairingId = null, string title = "学习二十届三中全会精神") =>
        new(title, type ?? JointStudy, hosts ?? [Copy(HostA), Copy(HostB)], allianceId, allianceId is null ? null : "城市服务联盟",
            pairingId, pairingId is null ? null : "共建协议", [], start ?? Start, (start ?? Start) + (length ?? TimeSpan.FromHours(2)),
            null, null, "城东路 1 号", "一、学习；二、交流");

    static ActivityHost Copy(ActivityHost h) => h.External
        ? ActivityHost.OutsideTheGroup(h.MemberUnitId!.Value, h.Name)
        : ActivityHost.Internal(h.OrganizationId!.Value, h.SubsidiaryId!.Value, h.Name, h.MemberUnitId);

    static ActivityAggregate Scheduled() => ActivityAggregate.Schedule(Plan(), Secretary, Now);

    static ActivityRuleException Refused(Action act) => act.Should().Throw<ActivityRuleException>().Which;

    [Fact]
    public void Scheduling_takes_the_types_measure_the_first_internal_hosts_subsidiary_and_records_who_did_it()
    {
        var activity = ActivityAggregate.Schedule(Plan(hosts: [ActivityHost.OutsideTheGroup(Guid.NewGuid(), "浦东银行"), Copy(HostB), Copy(HostA)]), Secretary, Now);

        activity.Status.Should().Be(ActivityStatus.Planned);
        activity.Measure.Should().Be(JointMeasure.Study);
        activity.SubsidiaryId.Should().Be(SubsidiaryB);
        activity.VisibleSubsidiaryIds.Should().BeEquivalentTo([SubsidiaryA, SubsidiaryB]);
        activity.Version.Should().Be(1);
        var entry = activity.Changes.Should().ContainSingle().Which;
        entry.Kind.Should().Be("scheduled");
        entry.ChangedBy.Should().Be("李书记");
        entry.ChangedByRole.Should().Be("secretary");
        entry.ReadChanges().Should().Contain(new FieldChange("hosts", "", "浦东银行、乙公司党委、甲公司第一党支部"))
            .And.Contain(new FieldChange("startsAt", "", "2026-03-05T14:00:00+08:00"))
            .And.Contain(new FieldChange("status", "", "planned"));
    }

    [Fact]
    public void An_activity_needs_a_party_organization_of_the_group_among_its_hosts()
    {
        Refused(() => ActivityAggregate.Schedule(Plan(hosts: [ActivityHost.OutsideTheGroup(Guid.NewGuid(), "浦东银行")]), Secretary, Now))
            .Field.Should().Be("hosts");
        Refused(() => ActivityAggregate.Schedule(Plan(hosts: []), Secretary, Now)).Field.Should().Be("hosts");
    }

    [Fact]
    public void A_host_named_twice_is_refused_on_its_second_place()
    {
        var refused = Refused(() => ActivityAggregate.Schedule(Plan(hosts: [Copy(HostA), Copy(HostB), Copy(HostA)]), Secretary, Now));

        refused.Field.Should().Be("hosts[2]");
        refused.Code.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public void An_activity_serves_an_alliance_or_a_pairing_but_not_both()
    {
        Refused(() => ActivityAggregate.Schedule(Plan(allianceId: Guid.NewGuid(), pairingId: Guid.NewGuid()), Secretary, Now)).Field.Should().Be("pairingId");
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused_on_scheduling_and_on_revision()
    {
        Refused(() => ActivityAggregate.Schedule(Plan(length: TimeSpan.FromHours(-1)), Secretary, Now)).Field.Should().Be("endsAt");
        var activity = Scheduled();
        Refused(() => activity.Revise(Plan(length: TimeSpan.Zero), Secretary, Now)).Field.Should().Be("endsAt");
        activity.Version.Should().Be(1);
    }

    [Fact]
    public void A_retired_type_takes_no_new_activity_but_one_scheduled_with_it_keeps_it_on_revision()
    {
        var retired = ActivityType.Create("tea-talk", "茶话会", "Tea talk", JointMeasure.Work, "admin", Now);
        retired.Revise("茶话会", "Tea talk", JointMeasure.Work, retired: false, "admin", Now);
        var activity = ActivityAggregate.Schedule(Plan(type: retired), Secretary, Now);
        retired.Revise("茶话会", "Tea talk", JointMeasure.Work, retired: true, "admin", Now);

        Refused(() => ActivityAggregate.Schedule(Plan(type: retired), Secretary, Now)).Field.Should().Be("typeId");
        activity.Revise(Plan(type: retired, title: "新标题"), Secretary, Now).Should().BeTrue();
        activity.Title.Should().Be("新标题");
    }

    [Fact]
    public void An_activity_is_recorded_as_held_only_once_it_has_started()
    {
        var activity = Scheduled();

        var early = Refused(() => activity.RecordHeld("笔记", Secretary, Start.AddMinutes(-1)));
        early.Field.Should().Be("status");
        early.Code.Should().Be(StatusCode.FailedPrecondition);
        activity.Status.Should().Be(ActivityStatus.Planned);

        activity.RecordHeld("  学习了三中全会精神  ", Secretary, Start);
        activity.Status.Should().Be(ActivityStatus.Held);
        activity.HeldAt.Should().Be(Start);
        activity.OutcomeNotes.Should().Be("学习了三中全会精神");
        activity.Version.Should().Be(2);
    }

    [Fact]
    public void A_held_activity_is_final_except_its_outcome_notes()
    {
        var activity = Scheduled();
        activity.RecordHeld("笔记", Secretary, Start.AddHours(3));

        Refused(() => activity.RecordHeld("again", Secretary, Start.AddHours(4))).Field.Should().Be("status");
        Refused(() => activity.Cancel("下雨", Secretary, Start.AddHours(4))).Field.Should().Be("status");
        Refused(() => activity.Revise(Plan(title: "改"), Secretary, Start.AddHours(4))).Field.Should().Be("status");
        activity.ReviseOutcome("更完整的笔记", Secretary, Start.AddHours(5)).Should().BeTrue();

        activity.Status.Should().Be(ActivityStatus.Held);
        activity.OutcomeNotes.Should().Be("更完整的笔记");
        activity.Changes.Select(c => c.Kind).Should().Equal("scheduled", "held", "outcome-revised");
        activity.Changes[^1].ReadChanges().Should().Equal(new FieldChange("outcomeNotes", "笔记", "更完整的笔记"));
    }

    [Fact]
    public void A_cancelled_activity_can_be_neither_held_nor_revised_nor_cancelled_again()
    {
        var activity = Scheduled();
        activity.Cancel("  场地维修  ", Secretary, Now);

        activity.Status.Should().Be(ActivityStatus.Cancelled);
        activity.CancelReason.Should().Be("场地维修");
        Refused(() => activity.RecordHeld(null, Secretary, Start.AddHours(1))).Field.Should().Be("status");
        Refused(() => activity.Revise(Plan(), Secretary, Now)).Field.Should().Be("status");
        Refused(() => activity.Cancel("again", Secretary, Now)).Field.Should().Be("status");
        Refused(() => activity.ReviseOutcome("n", Secretary, Now)).Field.Should().Be("status");
        activity.Version.Should().Be(2);
    }

    [Fact]
    public void Cancelling_needs_a_reason()
    {
        var activity = Scheduled();

        Refused(() => activity.Cancel("  ", Secretary, Now)).Field.Should().Be("reason");
        activity.Status.Should().Be(ActivityStatus.Planned);
    }

    [Fact]
    public void A_revision_records_each_changed_field_from_what_to_what_and_one_that_changes_nothing_records_nothing()
    {
        var activity = Scheduled();

        activity.Revise(Plan(), Secretary, Now).Should().BeFalse();
        activity.Version.Should().Be(1);

        activity.Revise(Plan(type: PartyDay, start: Start.AddDays(1), hosts: [Copy(HostA)]), new Actor("王管理员", "subsidiary-admin"), Now).Should().BeTrue();

        activity.Version.Should().Be(2);
        activity.Measure.Should().Be(JointMeasure.Organization);
        activity.VisibleSubsidiaryIds.Should().Equal(SubsidiaryA);
        var entry = activity.Changes[^1];
        entry.Kind.Should().Be("revised");
        entry.ChangedBy.Should().Be("王管理员");
        entry.ReadChanges().Should().BeEquivalentTo(new[]
        {
            new FieldChange("type", "joint-study", "joint-party-day"),
            new FieldChange("measure", "study", "organization"),
            new FieldChange("hosts", "甲公司第一党支部、乙公司党委", "甲公司第一党支部"),
            new FieldChange("startsAt", "2026-03-05T14:00:00+08:00", "2026-03-06T14:00:00+08:00"),
            new FieldChange("endsAt", "2026-03-05T16:00:00+08:00", "2026-03-06T16:00:00+08:00"),
        });
    }

    [Fact]
    public void A_pairings_subsidiaries_see_the_activity_with_its_hosts()
    {
        var partner = Guid.NewGuid();
        var plan = Plan(pairingId: Guid.NewGuid()) with { PairingSubsidiaryIds = [partner, SubsidiaryA] };

        var activity = ActivityAggregate.Schedule(plan, Secretary, Now);

        activity.VisibleSubsidiaryIds.Should().BeEquivalentTo([SubsidiaryA, SubsidiaryB, partner]);
        activity.IsHostedBy(partner).Should().BeFalse("seeing is not hosting: only hosts' subsidiaries change it");
    }
}
