using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.Alliances;

/// <summary>An alliance, with its member units external ones included, is visible to every member of it and to nobody else.</summary>
[Collection(StackCollection.Name)]
public class AllianceSecurityTests(StackFixture stack)
{
    [Fact]
    public async Task Every_role_of_a_member_subsidiary_sees_the_alliance_and_its_external_units_and_others_get_404()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (a, leadA) = await groupAdmin.SubsidiaryWithCommitteeAsync("甲企业");
        var (b, orgB) = await groupAdmin.SubsidiaryWithCommitteeAsync("乙企业");
        var (c, _) = await groupAdmin.SubsidiaryWithCommitteeAsync("丙企业");
        var adminOfA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, a.Id);
        var name = NewCode("VIS");
        var alliance = await adminOfA.FormAllianceAsync(leadA.Id, name);
        alliance = await adminOfA.JoinAsync(alliance, Bank());
        alliance = await adminOfA.JoinAsync(alliance, new { organizationId = orgB.Id });

        foreach (var role in new[] { Roles.SubsidiaryAdmin, Roles.Secretary, Roles.Member })
        {
            var inB = await stack.SignedInAsync(role, b.Id);
            var seen = await inB.GetAllianceAsync(alliance.Id);
            seen.Members.Should().Contain(m => m.External != null && m.External.Name == "浦发银行");
            (await inB.GetFromJsonAsync<PagedList<PartyAlliance>>($"/api/v1/alliances?search={name}"))!.Total.Should().Be(1);

            var inC = await stack.SignedInAsync(role, c.Id);
            (await inC.GetAsync($"/api/v1/alliances/{alliance.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await inC.GetFromJsonAsync<PagedList<PartyAlliance>>($"/api/v1/alliances?search={name}"))!.Total.Should().Be(0);
        }
        (await groupAdmin.GetAllianceAsync(alliance.Id)).Members.Should().HaveCount(3);
    }

    [Fact]
    public async Task An_outsider_cannot_change_an_alliance_and_a_member_subsidiary_may_only_read_it()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (a, leadA) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var (b, orgB) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var (c, _) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var alliance = await groupAdmin.JoinAsync(await groupAdmin.FormAllianceAsync(leadA.Id), new { organizationId = orgB.Id });
        var revise = new { name = "改名", theme = "t" };

        var outsider = await stack.SignedInAsync(Roles.SubsidiaryAdmin, c.Id);
        (await outsider.PutAsJsonAsync($"/api/v1/alliances/{alliance.Id}", revise)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.PostAsJsonAsync($"/api/v1/alliances/{alliance.Id}/members", new { unit = Bank(), joinedOn = "2026-02-01" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        var memberAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, b.Id);
        (await memberAdmin.PutAsJsonAsync($"/api/v1/alliances/{alliance.Id}", revise)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var memberOfA = await stack.SignedInAsync(Roles.Member, a.Id);
        (await memberOfA.PutAsJsonAsync($"/api/v1/alliances/{alliance.Id}", revise)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // Nor may an outsider lead an alliance from another subsidiary's organization.
        (await outsider.PostAsJsonAsync("/api/v1/alliances", new { name = "冒名", theme = "t", leadOrganizationId = leadA.Id, formedOn = "2026-01-01" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

        var unchanged = await groupAdmin.GetAllianceAsync(alliance.Id);
        unchanged.Version.Should().Be(alliance.Version);
        unchanged.Name.Should().Be(alliance.Name);
    }

    [Fact]
    public async Task A_subsidiary_that_left_no_longer_sees_the_alliance()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, leadA) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var (b, orgB) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var alliance = await groupAdmin.JoinAsync(await groupAdmin.FormAllianceAsync(leadA.Id), new { organizationId = orgB.Id });
        var memberB = alliance.Members.Single(m => m.OrganizationId == orgB.Id);
        var secretaryOfB = await stack.SignedInAsync(Roles.Secretary, b.Id);
        await EnsureAsync(await secretaryOfB.GetAsync($"/api/v1/alliances/{alliance.Id}"), 200);

        await EnsureAsync(await groupAdmin.PostAsJsonAsync($"/api/v1/alliances/{alliance.Id}/members/{memberB.Id}/leave", new { leftOn = "2026-03-01" }), 200);

        (await secretaryOfB.GetAsync($"/api/v1/alliances/{alliance.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_pairing_is_visible_to_its_internal_sides_subsidiaries_only()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (a, committee) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var (b, _) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var pairing = await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, a.Id)).SignPairingAsync(committee.Id);

        await EnsureAsync(await (await stack.SignedInAsync(Roles.Member, a.Id)).GetAsync($"/api/v1/pairings/{pairing.Id}"), 200);
        var other = await stack.SignedInAsync(Roles.SubsidiaryAdmin, b.Id);
        (await other.GetAsync($"/api/v1/pairings/{pairing.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/v1/pairings/{pairing.Id}/end", new { endedOn = "2026-06-01" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var member = await stack.SignedInAsync(Roles.Member, a.Id);
        (await member.PostAsJsonAsync($"/api/v1/pairings/{pairing.Id}/end", new { endedOn = "2026-06-01" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await groupAdmin.GetPairingAsync(pairing.Id)).EndedOn.Should().BeNull();
    }
}
