using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.Activity.Supervision;

namespace Alliance.Activity.Tests.Supervision;

/// <summary>The supervision state machine and the colour rules, on a clock the tests set (China time: 10:00 on each day).</summary>
public class DecisionItemRulesTests
{
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    static readonly MemberUnitFacts UnitA = new(Guid.NewGuid(), Guid.NewGuid(), SubsidiaryA, "甲公司党委", true);
    static readonly MemberUnitFacts UnitB = new(Guid.NewGuid(), Guid.NewGuid(), SubsidiaryB, "乙公司党委", true);
    static readonly AllianceFacts CityServices = new(Guid.NewGuid(), "城市服务联盟", SubsidiaryA, [UnitA, UnitB]);
    static readonly Actor Owner = new("王书记", "secretary"), Supervisor = new("李书记", "secretary");
    const int DueSoon = 7;

    static DateTimeOffset On(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.FromHours(8));

    static JointMeeting Meeting() => JointMeeting.Record(new MeetingPlan("第一次联席会议", CityServices, On(3, 1), "城东党群服务中心", "纪要",
        [new MeetingAttendee(UnitA.Id, UnitA.OrganizationId, SubsidiaryA, UnitA.Name, ["王书记"]),
         new MeetingAttendee(UnitB.Id, UnitB.OrganizationId, SubsidiaryB, UnitB.Name, [])], null), SubsidiaryA, Supervisor, On(3, 1));

    static UnitRef Ref(MemberUnitFacts u) => new(u.Id, u.OrganizationId, u.SubsidiaryId, u.Name);

    static DecisionItem Item(DateOnly? due = null, IReadOnlyList<(string, DateOnly)>? milestones = null, DateTimeOffset? at = null) =>
        DecisionItem.Record(Meeting(), new DecisionItemPlan("共建充电桩", "三个小区各建成一处并通过验收", Ref(UnitB), "张经理",
            due ?? new DateOnly(2026, 4, 30), milestones ?? [], Ref(UnitA)), DueSoon, Supervisor, at ?? On(3, 1));

    static ActivityRuleException Refused(Action action) => action.Should().Throw<ActivityRuleException>().Which;

    [Fact]
    public void A_new_item_is_open_and_green_far_from_its_due_date_with_its_first_history_entry()
    {
        var item = Item();

        item.State.Should().Be(DecisionItemState.Open);
        item.Colour.Should().Be(SupervisionColour.Green);
        item.Entries.Should().ContainSingle().Which.Kind.Should().Be("recorded");
    }

    [Fact]
    public void An_item_turns_yellow_within_the_due_soon_days_and_red_the_day_after_its_due_date()
    {
        var item = Item(due: new DateOnly(2026, 4, 30));

        SupervisionColours.Of(item, new DateOnly(2026, 4, 22), DueSoon).Should().Be(SupervisionColour.Green);
        SupervisionColours.Of(item, new DateOnly(2026, 4, 23), DueSoon).Should().Be(SupervisionColour.Yellow);
        SupervisionColours.Of(item, new DateOnly(2026, 4, 30), DueSoon).Should().Be(SupervisionColour.Yellow);
        SupervisionColours.Of(item, new DateOnly(2026, 5, 1), DueSoon).Should().Be(SupervisionColour.Red);
        SupervisionColours.Of(item, new DateOnly(2026, 4, 20), dueSoonDays: 14).Should().Be(SupervisionColour.Yellow);
    }

    [Fact]
    public void A_milestone_passed_without_progress_reaching_it_makes_the_item_behind_its_plan_until_a_progress_reaches_it()
    {
        var item = Item(milestones: [("选址", new DateOnly(2026, 3, 10)), ("施工", new DateOnly(2026, 4, 10))]);

        SupervisionColours.Of(item, new DateOnly(2026, 3, 10), DueSoon).Should().Be(SupervisionColour.Green);
        SupervisionColours.Of(item, new DateOnly(2026, 3, 11), DueSoon).Should().Be(SupervisionColour.Yellow);
        SupervisionColours.IsBehindPlan(item, new DateOnly(2026, 3, 11)).Should().BeTrue();

        item.RecordProgress(new Evidence("选址完成", ["https://example.org/site"], []), [0], DueSoon, Owner, On(3, 12));

        item.State.Should().Be(DecisionItemState.InProgress);
        item.Milestones[0].ReachedOn.Should().Be(new DateOnly(2026, 3, 12));
        SupervisionColours.Of(item, new DateOnly(2026, 3, 12), DueSoon).Should().Be(SupervisionColour.Green);
        SupervisionColours.Of(item, new DateOnly(2026, 4, 11), DueSoon).Should().Be(SupervisionColour.Yellow);
    }

    [Fact]
    public void Recolouring_records_a_change_once_and_leaving_red_ends_the_red_spell()
    {
        var item = Item(due: new DateOnly(2026, 3, 20));

        item.Recolour(DueSoon, Supervisor, On(3, 21)).Should().BeTrue();
        item.Recolour(DueSoon, Supervisor, On(3, 22)).Should().BeFalse();
        item.Colour.Should().Be(SupervisionColour.Red);
        item.Entries.Last().Should().Match<DecisionItemEntry>(e => e.Kind == "colour" && e.FromColour == SupervisionColour.Green && e.ToColour == SupervisionColour.Red);
    }

    [Fact]
    public void A_red_item_is_escalated_once_per_red_spell()
    {
        var item = Item(due: new DateOnly(2026, 3, 20));
        item.Recolour(DueSoon, Supervisor, On(3, 21));

        item.AwaitsEscalation.Should().BeTrue();
        item.Escalate("乙公司党委", Supervisor, On(3, 21));

        item.AwaitsEscalation.Should().BeFalse();
        Refused(() => item.Escalate("乙公司党委", Supervisor, On(3, 22)));
        item.Recolour(DueSoon, Supervisor, On(3, 22)).Should().BeFalse();
        item.AwaitsEscalation.Should().BeFalse();
        item.Entries.Count(e => e.Kind == "escalated").Should().Be(1);
    }

    [Fact]
    public void The_way_through_open_in_progress_done_and_verified_closes_the_item()
    {
        var item = Item();

        item.RecordProgress(new Evidence("已开工", [], [Guid.NewGuid()]), [], DueSoon, Owner, On(3, 5));
        item.ClaimDone(new Evidence("三处均已建成", [], []), DueSoon, Owner, On(4, 1));
        item.State.Should().Be(DecisionItemState.Done);
        item.Verify("现场验收通过", Supervisor, On(4, 2));

        item.State.Should().Be(DecisionItemState.Verified);
        item.Colour.Should().Be(SupervisionColour.None);
        item.Entries.Select(e => e.Kind).Should().Equal("recorded", "progress", "claimed", "verified", "colour");
        item.Entries[1].AttachmentIds.Should().ContainSingle();
    }

    [Fact]
    public void An_item_cannot_be_verified_before_its_owner_claimed_it_done()
    {
        var item = Item();

        Refused(() => item.Verify(null, Supervisor, On(3, 5))).Message.Should().Contain("claimed it done");
        item.State.Should().Be(DecisionItemState.Open);
    }

    [Fact]
    public void Verifying_twice_is_refused()
    {
        var item = Item();
        item.ClaimDone(new Evidence("完成", [], []), DueSoon, Owner, On(3, 5));
        item.Verify(null, Supervisor, On(3, 6));

        Refused(() => item.Verify(null, Supervisor, On(3, 7))).Message.Should().Contain("already verified");
        Refused(() => item.Cancel("不再需要", Supervisor, On(3, 7)));
    }

    [Fact]
    public void Whoever_claimed_an_item_cannot_verify_it()
    {
        var item = Item();
        item.ClaimDone(new Evidence("完成", [], []), DueSoon, Owner, On(3, 5));

        Refused(() => item.Verify(null, Owner, On(3, 6)));
        item.State.Should().Be(DecisionItemState.Done);
    }

    [Fact]
    public void A_rejected_claim_reopens_the_item_in_progress_with_the_reason_in_its_history()
    {
        var item = Item();
        item.ClaimDone(new Evidence("完成", [], []), DueSoon, Owner, On(3, 5));

        item.Reject("第三处尚未通电", DueSoon, Supervisor, On(3, 6));

        item.State.Should().Be(DecisionItemState.InProgress);
        item.Entries.Last().Should().Match<DecisionItemEntry>(e => e.Kind == "rejected" && e.Note == "第三处尚未通电" && e.FromState == DecisionItemState.Done);
        Refused(() => item.Reject("again", DueSoon, Supervisor, On(3, 7)));
    }

    [Fact]
    public void Cancelling_closes_an_item_with_its_reason_and_a_second_cancel_is_refused()
    {
        var item = Item();

        item.Cancel("会议决定取消", Supervisor, On(3, 5));

        item.State.Should().Be(DecisionItemState.Cancelled);
        item.CancelReason.Should().Be("会议决定取消");
        Refused(() => item.Cancel("again", Supervisor, On(3, 6)));
        Refused(() => item.RecordProgress(new Evidence("x", [], []), [], DueSoon, Owner, On(3, 6)));
        Refused(() => item.ClaimDone(new Evidence("x", [], []), DueSoon, Owner, On(3, 6)));
    }

    [Fact]
    public void A_claimed_item_past_its_due_date_is_red_until_it_is_verified()
    {
        var item = Item(due: new DateOnly(2026, 3, 20));
        item.ClaimDone(new Evidence("完成", [], []), DueSoon, Owner, On(3, 19));

        SupervisionColours.Of(item, new DateOnly(2026, 3, 21), DueSoon).Should().Be(SupervisionColour.Red);
        item.Verify(null, Supervisor, On(3, 22));
        SupervisionColours.Of(item, new DateOnly(2026, 3, 22), DueSoon).Should().Be(SupervisionColour.None);
    }

    [Fact]
    public void Bad_plans_are_refused_owner_as_supervisor_a_past_due_date_and_milestones_out_of_order()
    {
        Refused(() => DecisionItem.Record(Meeting(), new DecisionItemPlan("t", "c", Ref(UnitA), null, new DateOnly(2026, 4, 1), [], Ref(UnitA)),
            DueSoon, Supervisor, On(3, 1))).Field.Should().Be("supervisorMemberUnitId");
        Refused(() => Item(due: new DateOnly(2026, 2, 1))).Field.Should().Be("dueOn");
        Refused(() => Item(milestones: [("b", new DateOnly(2026, 4, 1)), ("a", new DateOnly(2026, 3, 1))])).Field.Should().Be("milestones[1].dueOn");
        Refused(() => Item(due: new DateOnly(2026, 4, 1), milestones: [("late", new DateOnly(2026, 4, 2))])).Field.Should().Be("milestones[0].dueOn");
    }

    [Fact]
    public void The_rotating_secretary_is_the_unit_whose_period_holds_the_day()
    {
        var alliance = CityServices with { };
        alliance = new AllianceFacts(alliance.Id, alliance.Name, alliance.LeadSubsidiaryId, alliance.Members)
        {
            Rotation = [new(UnitA.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1)), new(UnitB.Id, new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1))],
        };

        alliance.RotatingSecretaryOn(new DateOnly(2026, 3, 31))!.Name.Should().Be("甲公司党委");
        alliance.RotatingSecretaryOn(new DateOnly(2026, 4, 1))!.Name.Should().Be("乙公司党委");
        alliance.RotatingSecretaryOn(new DateOnly(2026, 7, 1)).Should().BeNull();
    }
}
