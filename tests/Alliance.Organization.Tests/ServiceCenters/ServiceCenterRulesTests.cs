using Alliance.Organization.Alliances;
using Alliance.Organization.ServiceCenters;

namespace Alliance.Organization.Tests.ServiceCenters;

public class ServiceCenterRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Later = Now.AddDays(1);
    static readonly Guid Alliance = Guid.NewGuid();

    static ServiceCenterDetails Details(string name = " 城东党群服务中心 ", int capacity = 120) =>
        new(name, " 城东路 1 号 ", capacity, " 李主任 ", "", "周一至周五 9:00-17:00", null);

    static ServiceCenter Open(int capacity = 120) => ServiceCenter.Open(Details(capacity: capacity), Guid.NewGuid(), Guid.NewGuid(), "工程部党支部", Now);

    static DateOnly Day(int month, int day) => new(2026, month, day);

    [Fact]
    public void Opening_trims_the_details_keeps_blank_optional_ones_empty_and_computes_the_pinyin_key()
    {
        var center = Open();

        center.Name.Should().Be("城东党群服务中心");
        center.Address.Should().Be("城东路 1 号");
        center.ContactName.Should().Be("李主任");
        center.ContactPhone.Should().BeNull();
        center.Facilities.Should().BeNull();
        center.IsOpen.Should().BeTrue();
        center.Version.Should().Be(1);
        center.NameSearch.Should().Contain("chengdongdangqunfuwuzhongxin").And.Contain("cddqfwzx");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(ServiceCenterDetails.MaxCapacity + 1)]
    public void A_capacity_out_of_range_is_refused_on_open_and_on_revise(int capacity)
    {
        FluentActions.Invoking(() => Open(capacity)).Should().Throw<AllianceRuleException>().Which.Field.Should().Be("capacity");
        var center = Open();
        FluentActions.Invoking(() => center.Revise(Details(capacity: capacity), Later)).Should().Throw<AllianceRuleException>();
        center.Capacity.Should().Be(120);
        center.Version.Should().Be(1);
    }

    [Fact]
    public void Revising_replaces_the_details_bumps_the_version_and_recomputes_the_key_for_a_new_name()
    {
        var center = Open();

        center.Revise(Details("西区活动阵地", 300), Later);

        center.Name.Should().Be("西区活动阵地");
        center.Capacity.Should().Be(300);
        center.NameSearch.Should().Contain("xqhdzd");
        center.UpdatedAt.Should().Be(Later);
        center.Version.Should().Be(2);
    }

    [Fact]
    public void Sharing_with_the_same_alliance_twice_over_overlapping_days_is_refused_but_a_later_period_is_fine()
    {
        var center = Open();
        center.ShareWith(Alliance, "城市服务联盟", Day(3, 1), Day(3, 31), Now);

        FluentActions.Invoking(() => center.ShareWith(Alliance, "城市服务联盟", Day(3, 31), null, Now))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("allianceId");
        center.ShareWith(Alliance, "城市服务联盟", Day(4, 1), null, Now);
        center.ShareWith(Guid.NewGuid(), "另一联盟", Day(3, 1), null, Now);

        center.Shares.Should().HaveCount(3);
        center.Version.Should().Be(4);
    }

    [Fact]
    public void A_sharing_cannot_end_before_it_starts()
    {
        var center = Open();
        FluentActions.Invoking(() => center.ShareWith(Alliance, "联盟", Day(3, 2), Day(3, 1), Now))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("sharedUntil");

        center.ShareWith(Alliance, "联盟", Day(3, 2), null, Now);
        FluentActions.Invoking(() => center.StopSharing(Alliance, Day(3, 1), Now))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("sharedUntil");
    }

    [Fact]
    public void Stopping_sets_the_last_shared_day_and_keeps_the_period_in_the_history()
    {
        var center = Open();
        center.ShareWith(Alliance, "联盟", Day(3, 1), null, Now);

        var stopped = center.StopSharing(Alliance, Day(5, 31), Later);

        stopped.SharedUntil.Should().Be(Day(5, 31));
        center.Shares.Should().ContainSingle();
        center.SharesOpenOn(Day(5, 31)).Should().ContainSingle();
        center.SharesOpenOn(Day(6, 1)).Should().BeEmpty();
        FluentActions.Invoking(() => center.StopSharing(Alliance, Day(6, 1), Later))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("allianceId");
        FluentActions.Invoking(() => center.StopSharing(Guid.NewGuid(), Day(4, 1), Later)).Should().Throw<AllianceRuleException>();
    }

    [Fact]
    public void Closing_keeps_the_record_ends_open_sharing_on_the_closing_day_and_freezes_the_center()
    {
        var center = Open();
        center.ShareWith(Alliance, "联盟", Day(3, 1), null, Now);
        var other = Guid.NewGuid();
        center.ShareWith(other, "已结束联盟", Day(3, 1), Day(3, 10), Now);

        var ended = center.Close(Day(4, 30), "  场地改造 ", Later);

        center.IsOpen.Should().BeFalse();
        center.ClosedOn.Should().Be(Day(4, 30));
        center.CloseReason.Should().Be("场地改造");
        ended.Should().ContainSingle().Which.AllianceId.Should().Be(Alliance);
        center.Shares.Single(s => s.AllianceId == Alliance).SharedUntil.Should().Be(Day(4, 30));
        center.Shares.Single(s => s.AllianceId == other).SharedUntil.Should().Be(Day(3, 10));
        FluentActions.Invoking(() => center.Close(Day(5, 1), null, Later)).Should().Throw<AllianceRuleException>();
        FluentActions.Invoking(() => center.Revise(Details(), Later)).Should().Throw<AllianceRuleException>();
        FluentActions.Invoking(() => center.ShareWith(Guid.NewGuid(), "新联盟", Day(5, 1), null, Later)).Should().Throw<AllianceRuleException>();
        FluentActions.Invoking(() => center.StopSharing(Alliance, Day(4, 30), Later)).Should().Throw<AllianceRuleException>().Which.Field.Should().Be("id");
    }

    [Fact]
    public void Closing_drops_a_sharing_planned_to_start_after_the_closing_day()
    {
        var center = Open();
        center.ShareWith(Alliance, "联盟", Day(6, 1), null, Now);

        var ended = center.Close(Day(4, 30), null, Later);

        ended.Should().ContainSingle();
        center.Shares.Should().BeEmpty();
        center.CloseReason.Should().BeNull();
    }
}
