using Alliance.Organization.Alliances;
using Alliance.Organization.Pairings;

namespace Alliance.Organization.Tests.Pairings;

public class PairingRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    static readonly PairingParty Branch = PairingParty.Internal(Guid.NewGuid(), Guid.NewGuid(), "工程部党支部");
    static readonly PairingParty Community = PairingParty.ForExternal(new ExternalUnit(ExternalUnitKind.Community, "东明社区", "张书记", "021-2"));

    static AgreementTerms Terms(DateOnly signed, DateOnly expires, string title = "共建协议") => new(title, "每季度联学一次", signed, expires, null);

    static Pairing Sign(DateOnly expires) => Pairing.Sign(Branch, Community, Terms(new DateOnly(2026, 1, 1), expires), Now);

    [Theory]
    [InlineData("2026-12-31", "2026-06-01", PairingStatus.Active)]
    [InlineData("2026-12-31", "2026-12-01", PairingStatus.ExpiringSoon)] // exactly 30 days before expiry
    [InlineData("2026-12-31", "2026-11-30", PairingStatus.Active)]      // 31 days before
    [InlineData("2026-12-31", "2026-12-31", PairingStatus.ExpiringSoon)] // the last day still counts
    [InlineData("2026-12-31", "2027-01-01", PairingStatus.Ended)]
    public void Status_follows_the_expiry_date(string expires, string today, PairingStatus expected) =>
        Sign(DateOnly.Parse(expires)).StatusOn(DateOnly.Parse(today), 30).Should().Be(expected);

    [Fact]
    public void A_pairing_across_two_subsidiaries_names_the_second_as_partner()
    {
        Guid mine = Guid.NewGuid(), theirs = Guid.NewGuid();
        var across = Pairing.Sign(PairingParty.Internal(Guid.NewGuid(), mine, "一支部"), PairingParty.Internal(Guid.NewGuid(), theirs, "二支部"),
            Terms(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), Now);
        var within = Pairing.Sign(PairingParty.Internal(Guid.NewGuid(), mine, "一支部"), PairingParty.Internal(Guid.NewGuid(), mine, "三支部"),
            Terms(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), Now);
        var externalFirst = Pairing.Sign(Community, PairingParty.Internal(Guid.NewGuid(), theirs, "二支部"),
            Terms(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), Now);

        (across.TenantId, across.PartnerSubsidiaryId).Should().Be((mine, theirs));
        within.PartnerSubsidiaryId.Should().BeNull();
        (externalFirst.TenantId, externalFirst.PartnerSubsidiaryId).Should().Be((theirs, (Guid?)null));
    }

    [Fact]
    public void The_expiring_soon_window_is_configurable()
    {
        var pairing = Sign(new DateOnly(2026, 12, 31));
        pairing.StatusOn(new DateOnly(2026, 10, 15), 30).Should().Be(PairingStatus.Active);
        pairing.StatusOn(new DateOnly(2026, 10, 15), 90).Should().Be(PairingStatus.ExpiringSoon);
    }

    [Fact]
    public void An_ended_pairing_is_ended_from_its_end_date()
    {
        var pairing = Sign(new DateOnly(2026, 12, 31));
        pairing.End(new DateOnly(2026, 6, 30), "项目结束");
        pairing.StatusOn(new DateOnly(2026, 6, 29), 30).Should().Be(PairingStatus.Active);
        pairing.StatusOn(new DateOnly(2026, 6, 30), 30).Should().Be(PairingStatus.Ended);
        FluentActions.Invoking(() => pairing.End(new DateOnly(2026, 7, 1), "")).Should().Throw<AllianceRuleException>();
    }

    [Fact]
    public void A_renewal_keeps_the_earlier_agreement_and_extends_the_pairing()
    {
        var pairing = Sign(new DateOnly(2026, 12, 31));

        pairing.Renew(Terms(new DateOnly(2026, 12, 20), new DateOnly(2027, 12, 31), "续签协议"), Now);

        pairing.Agreements.Select(a => (a.Sequence, a.Title)).Should().Equal((1, "共建协议"), (2, "续签协议"));
        pairing.Current.Sequence.Should().Be(2);
        pairing.ExpiresOn.Should().Be(new DateOnly(2027, 12, 31));
        pairing.StatusOn(new DateOnly(2027, 1, 15), 30).Should().Be(PairingStatus.Active);
        pairing.Version.Should().Be(2);
    }

    [Fact]
    public void A_renewal_must_expire_later_and_an_ended_pairing_cannot_be_renewed()
    {
        var pairing = Sign(new DateOnly(2026, 12, 31));
        FluentActions.Invoking(() => pairing.Renew(Terms(new DateOnly(2026, 6, 1), new DateOnly(2026, 12, 31)), Now))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("agreement.expiresOn");
        pairing.End(new DateOnly(2026, 6, 1), "");
        FluentActions.Invoking(() => pairing.Renew(Terms(new DateOnly(2026, 6, 1), new DateOnly(2027, 12, 31)), Now))
            .Should().Throw<AllianceRuleException>();
    }

    [Fact]
    public void Two_external_units_cannot_pair_without_an_organization_of_the_group()
    {
        var bank = PairingParty.ForExternal(new ExternalUnit(ExternalUnitKind.Bank, "银行", "王", "1"));
        FluentActions.Invoking(() => Pairing.Sign(Community, bank, Terms(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)), Now))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("first");
    }

    [Fact]
    public void A_unit_cannot_pair_with_itself_and_an_agreement_must_expire_after_signing()
    {
        FluentActions.Invoking(() => Pairing.Sign(Branch, Branch, Terms(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)), Now))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("second");
        FluentActions.Invoking(() => Pairing.Sign(Branch, Community, Terms(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)), Now))
            .Should().Throw<AllianceRuleException>().Which.Field.Should().Be("agreement.expiresOn");
    }

    [Fact]
    public void The_pairing_belongs_to_the_subsidiary_of_its_internal_side()
    {
        var pairing = Pairing.Sign(Community, Branch, Terms(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)), Now);
        pairing.TenantId.Should().Be(Branch.SubsidiaryId!.Value);
    }
}
