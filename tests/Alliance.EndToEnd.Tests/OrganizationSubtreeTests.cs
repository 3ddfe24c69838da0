using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests;

/// <summary>The whole subtree of an organization through the gateway (<c>?subtreeOf=</c>), as the console and the bench read it.</summary>
[Collection(StackCollection.Name)]
public class OrganizationSubtreeTests(StackFixture stack)
{
    [Fact]
    public async Task Listing_the_subtree_of_an_organization_returns_it_and_every_descendant_in_tree_order_and_nothing_beside_it()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "集团党委");
        var general = await admin.CreateOrganizationAsync(subsidiary.Id, "general-branch", committee.Id, "工程板块党总支");
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", general.Id, "第一项目部党支部");
        var group = await admin.CreateOrganizationAsync(subsidiary.Id, "group", branch.Id, "青年党小组");
        await admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, "机关党支部");

        var subtree = (await admin.GetFromJsonAsync<PagedList<Organization>>(
            $"/api/v1/subsidiaries/{subsidiary.Id}/organizations?subtreeOf={general.Id}&pageSize=50"))!;

        subtree.Total.Should().Be(3);
        subtree.Items.Select(o => o.Id).Should().Equal(general.Id, branch.Id, group.Id);
    }

    [Fact]
    public async Task Listing_the_subtree_of_an_organization_of_another_subsidiary_is_404()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var mine = await admin.CreateSubsidiaryAsync();
        var other = await admin.CreateSubsidiaryAsync();
        var elsewhere = await admin.CreateOrganizationAsync(other.Id, "committee", name: "他企党委");

        var response = await admin.GetAsync($"/api/v1/subsidiaries/{mine.Id}/organizations?subtreeOf={elsewhere.Id}");

        var problem = await response.ProblemAsync(404);
        problem.Errors.Should().ContainKey("subtreeOf");
    }
}
