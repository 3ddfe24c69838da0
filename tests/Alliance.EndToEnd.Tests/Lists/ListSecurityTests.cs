using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Lists.ListApi;

namespace Alliance.EndToEnd.Tests.Lists;

/// <summary>
/// Who sees and changes the lists, for every role in the lead's subsidiary (A), a member's (B) and outside (C), and for a
/// partner of the alliance's bank: administrators and secretaries of A and B see the alliance's lists and post for their
/// own unit; members are refused; C sees nothing of the alliance; the partner posts for the bank only and does not see the
/// group's own offers.
/// </summary>
[Collection(StackCollection.Name)]
public class ListSecurityTests(StackFixture stack)
{
    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    [InlineData(Roles.Member)]
    public async Task Each_role_sees_its_alliances_lists_and_posts_only_for_its_own_unit(string role)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var unitA = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id;
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        var problem = await admin.PostProblemAsync(ProblemBody(s.Alliance, unitA, NewCode("甲的问题")));
        var offer = await admin.OfferResourceAsync(OfferBody(s.Alliance, unitB, NewCode("乙的资源")));
        var inA = await stack.SignedInAsync(role, s.A);
        var inB = await stack.SignedInAsync(role, s.B);
        var inC = await stack.SignedInAsync(role, s.C);

        if (role == Roles.Member)
        {
            foreach (var member in new[] { inA, inB, inC })
            {
                (await member.GetAsync($"/api/v1/problems/{problem.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
                (await member.GetAsync("/api/v1/resource-offers")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
                (await member.PostAsJsonAsync("/api/v1/problems", ProblemBody(s.Alliance, unitA, "x"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            }
            return;
        }

        (await inA.GetProblemAsync(problem.Id)).CanChange.Should().BeTrue();
        (await inB.GetProblemAsync(problem.Id)).CanChange.Should().BeFalse();
        (await inC.GetAsync($"/api/v1/problems/{problem.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/resource-offers/{offer.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/problems/{problem.Id}/matches")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await inC.GetAsync($"/api/v1/problems?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<ListedProblem>>(200)).Total.Should().Be(0);

        (await inB.PostAsJsonAsync("/api/v1/problems", ProblemBody(s.Alliance, unitA, "乙替甲发"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await inC.PostAsJsonAsync("/api/v1/problems", ProblemBody(s.Alliance, unitA, "丙"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inB.PostAsJsonAsync("/api/v1/problems", ProblemBody(s.Alliance, unitB, NewCode("乙的问题")))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await inA.PostAsJsonAsync($"/api/v1/resource-offers/{offer.Id}/withdraw", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await inA.PostAsJsonAsync($"/api/v1/problems/{problem.Id}/withdraw", new { reason = "不需要了" })).StatusCode.Should().Be(HttpStatusCode.OK);

        // A group-wide offer of C's committee is seen by every administrator and secretary, in and outside the alliance.
        var groupOffer = await inC.OfferResourceAsync(GroupOfferBody(s.CommitteeC, NewCode("丙的共享资源")));
        (await inA.GetAsync($"/api/v1/resource-offers/{groupOffer.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inA.PostAsJsonAsync("/api/v1/resource-offers", GroupOfferBody(s.CommitteeC, "甲替丙"))).StatusCode.Should().Be(HttpStatusCode.NotFound, "C's organization is not A's to name");
    }

    [Fact]
    public async Task A_partner_posts_for_their_own_unit_sees_their_alliance_s_lists_and_not_the_group_s_own_offers()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var bankName = NewCode("建设银行");
        var alliance = await admin.JoinAsync(s.Alliance, Bank(bankName));
        var bank = alliance.Members.Single(m => m.Name == bankName).Id;
        var otherBank = alliance.Members.First(m => m.External is not null && m.Name != bankName).Id;
        var unitA = alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id;
        var userName = NewCode("bank.li");
        var leadAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);
        (await leadAdmin.PostAsJsonAsync("/api/v1/partner-accounts",
            new { allianceId = alliance.Id, memberUnitId = bank, userName, displayName = "李经理", phone = "13800000000" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var partner = await stack.SignedInAsync(Roles.Partner, userName: userName);
        var problemA = await admin.PostProblemAsync(ProblemBody(alliance, unitA, NewCode("甲的问题")));
        var groupOffer = await admin.OfferResourceAsync(GroupOfferBody(s.CommitteeC, NewCode("集团资源")));

        var own = await partner.PostProblemAsync(ProblemBody(alliance, bank, NewCode("银行的问题"), "channels", ["招聘"]));
        own.External.Should().BeTrue();
        (await partner.PostAsJsonAsync("/api/v1/problems", ProblemBody(alliance, otherBank, "别家"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.PostAsJsonAsync("/api/v1/problems", ProblemBody(alliance, unitA, "甲"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.GetProblemAsync(problemA.Id)).CanChange.Should().BeFalse();
        (await partner.GetAsync($"/api/v1/resource-offers/{groupOffer.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await partner.PostAsJsonAsync("/api/v1/resource-offers", GroupOfferBody(s.CommitteeA, "x"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var offer = await partner.OfferResourceAsync(OfferBody(alliance, bank, NewCode("银行网点会议室")));
        offer.CanChange.Should().BeTrue();
        (await partner.GetAsync($"/api/v1/problems/{own.Id}/history")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.GetAsync($"/api/v1/alliances/{alliance.Id}/resource-catalogue?from={InDays(0)}&to={InDays(30)}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
