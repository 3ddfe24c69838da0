using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.ServiceCenters.ServiceCenterApi;

namespace Alliance.EndToEnd.Tests.ServiceCenters;

/// <summary>A center belongs to its subsidiary; subsidiaries of an alliance it is shared with may read it, nobody else sees it.</summary>
[Collection(StackCollection.Name)]
public class ServiceCenterSecurityTests(StackFixture stack)
{
    [Fact]
    public async Task Another_subsidiarys_admin_can_neither_see_nor_change_a_center_nor_open_one_for_its_organization()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (a, committeeA) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var (b, _) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var adminOfA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, a.Id);
        var name = NewCode("CTR");
        var center = await adminOfA.OpenCenterAsync(committeeA.Id, name);

        var adminOfB = await stack.SignedInAsync(Roles.SubsidiaryAdmin, b.Id);
        (await adminOfB.GetAsync($"/api/v1/service-centers/{center.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfB.ListCentersAsync($"?search={name}")).Total.Should().Be(0);
        (await adminOfB.PutAsJsonAsync($"/api/v1/service-centers/{center.Id}", new { name = "改名", address = "x", capacity = 1 }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfB.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/close", new { closedOn = "2026-03-01" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfB.PostAsJsonAsync("/api/v1/service-centers", Details(committeeA.Id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Within the subsidiary, reading is for every role and changing for its admins.
        var memberOfA = await stack.SignedInAsync(Roles.Member, a.Id);
        (await memberOfA.GetCenterAsync(center.Id)).Id.Should().Be(center.Id);
        (await memberOfA.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/close", new { closedOn = "2026-03-01" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var unchanged = await groupAdmin.GetCenterAsync(center.Id);
        unchanged.Version.Should().Be(center.Version);
        unchanged.Status.Should().Be("open");
        (await groupAdmin.ListCentersAsync($"?search={name}")).Total.Should().Be(1);
    }

    [Fact]
    public async Task Every_role_of_an_alliance_member_subsidiary_reads_a_shared_center_but_may_not_change_it_and_loses_sight_when_sharing_ends()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (a, leadA) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var (b, orgB) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var (c, _) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var alliance = await groupAdmin.JoinAsync(await groupAdmin.FormAllianceAsync(leadA.Id), new { organizationId = orgB.Id });
        var adminOfB = await stack.SignedInAsync(Roles.SubsidiaryAdmin, b.Id);
        var center = await adminOfB.ShareAsync(await adminOfB.OpenCenterAsync(orgB.Id), alliance.Id);

        foreach (var role in new[] { Roles.SubsidiaryAdmin, Roles.Secretary, Roles.Member })
        {
            var inA = await stack.SignedInAsync(role, a.Id);
            (await inA.GetCenterAsync(center.Id)).Shares.Should().ContainSingle();
            (await inA.ListCentersAsync($"?allianceId={alliance.Id}")).Items.Select(i => i.Id).Should().Equal(center.Id);
            var inC = await stack.SignedInAsync(role, c.Id);
            (await inC.GetAsync($"/api/v1/service-centers/{center.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await inC.ListCentersAsync($"?allianceId={alliance.Id}")).Total.Should().Be(0);
        }
        var adminOfA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, a.Id);
        (await adminOfA.PutAsJsonAsync($"/api/v1/service-centers/{center.Id}", new { name = "改名", address = "x", capacity = 1 }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await adminOfA.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/shares/{alliance.Id}/stop", new { sharedUntil = "2026-02-01" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await groupAdmin.GetCenterAsync(center.Id)).Version.Should().Be(center.Version);

        await EnsureAsync(await adminOfB.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/shares/{alliance.Id}/stop",
            new { sharedUntil = "2026-02-01", expectedVersion = center.Version }), 200);

        (await adminOfA.GetAsync($"/api/v1/service-centers/{center.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfB.GetCenterAsync(center.Id)).Shares.Single().SharedUntil.Should().Be("2026-02-01");
    }
}
