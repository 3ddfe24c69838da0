using Alliance.Activity.Common;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using O = Alliance.Contracts.Organization.V1;

namespace Alliance.Activity.Tests.Partners;

/// <summary>
/// The real <see cref="OrganizationDirectory"/> finding a partner's unit: their account, then in each of its alliances the
/// current external member unit of the same kind and name (as the organization service matches them).
/// </summary>
public class OrganizationDirectoryPartnerTests
{
    static AsyncUnaryCall<T> Answer<T>(T answer) =>
        new(Task.FromResult(answer), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });

    sealed class Accounts(O.PartnerAccount answer) : O.PartnerAccountService.PartnerAccountServiceClient
    {
        public int Calls { get; private set; }

        public override AsyncUnaryCall<O.PartnerAccount> GetMyPartnerAccountAsync(O.GetMyPartnerAccountRequest request, CallOptions options)
        {
            Calls++;
            return Answer(answer);
        }
    }

    sealed class Alliances(params O.PartyAlliance[] answers) : O.AllianceService.AllianceServiceClient
    {
        public override AsyncUnaryCall<O.PartyAlliance> GetAllianceAsync(O.GetAllianceRequest request, CallOptions options) =>
            Answer(answers.Single(a => a.Id == request.Id));
    }

    static O.MemberUnit External(Guid id, O.ExternalUnitKind kind, string name, string? leftOn = null)
    {
        var unit = new O.MemberUnit { Id = id.ToString(), Name = name, External = new O.ExternalUnit { Kind = kind, Name = name } };
        if (leftOn is not null) unit.LeftOn = leftOn;
        return unit;
    }

    [Fact]
    public async Task A_partners_unit_is_the_current_external_member_of_the_same_kind_and_name_in_each_of_their_alliances_asked_once_per_call()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var (bankInFirst, bankInSecond, sameNameOtherKind, leftBank) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var one = new O.PartyAlliance { Id = first.ToString(), Name = "城市服务联盟" };
        one.Members.Add(External(bankInFirst, O.ExternalUnitKind.Bank, "浦东银行"));
        one.Members.Add(External(sameNameOtherKind, O.ExternalUnitKind.Enterprise, "浦东银行"));
        var two = new O.PartyAlliance { Id = second.ToString(), Name = "乡村振兴联盟" };
        two.Members.Add(External(bankInSecond, O.ExternalUnitKind.Bank, "浦东银行"));
        two.Members.Add(External(leftBank, O.ExternalUnitKind.Bank, "浦东银行", leftOn: "2026-01-01"));
        var account = new O.PartnerAccount { UserName = "zhao", DisplayName = "赵行长", UnitKind = O.ExternalUnitKind.Bank, UnitName = "浦东银行", AllianceIds = { first.ToString(), second.ToString() } };
        var accounts = new Accounts(account);
        var directory = new OrganizationDirectory(null!, null!, new Alliances(one, two), null!, null!, null!, accounts, null!);
        var units = new PartnerUnits(directory);
        var partner = new CallerScope(Roles.Partner, null, "zhao");

        var unit = await units.OfAsync(partner, CancellationToken.None);
        await units.OfAsync(partner, CancellationToken.None);

        unit!.DisplayName.Should().Be("赵行长");
        unit.AllianceIds.Should().Equal(first, second);
        unit.MemberUnitIds.Should().Equal(bankInFirst, bankInSecond);
        accounts.Calls.Should().Be(1);
        (await units.OfAsync(new CallerScope(Roles.Member, Guid.NewGuid(), "li"), CancellationToken.None)).Should().BeNull();
    }
}
