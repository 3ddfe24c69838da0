using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Organizations.OrganizationHistoryApi;

namespace Alliance.EndToEnd.Tests.Organizations;

/// <summary>Effective-dated changes of the party tree through the gateway: the whole stack, as a client uses it.</summary>
[Collection(StackCollection.Name)]
public class OrganizationHistoryApiTests(StackFixture stack)
{
    [Fact]
    public async Task An_organization_is_renamed_moved_and_dissolved_with_dates_and_its_history_reads_newest_first()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("历史企业");
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2020-01-01");
        var other = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "另一党委", "2020-01-01");
        var branch = await admin.CreateDatedAsync(subsidiary.Id, "branch", committee.Id, "第一党支部", "2021-01-01");

        var renamed = await (await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/rename",
            new { name = "机关第一党支部", effectiveOn = "2022-01-01", expectedVersion = branch.Version })).ReadAsync<DatedOrganization>(200);
        var moved = await (await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/move",
            new { newParentId = other.Id, effectiveOn = "2023-01-01", expectedVersion = renamed.Version })).ReadAsync<DatedOrganization>(200);
        var dissolved = await (await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/dissolve",
            new { effectiveOn = "2024-01-01", expectedVersion = moved.Version })).ReadAsync<DatedOrganization>(200);

        dissolved.Should().Match<DatedOrganization>(o => o.Status == "dissolved" && o.EndedOn == "2024-01-01" && o.ParentId == other.Id);
        var history = await admin.HistoryAsync(branch.Id);
        history.Select(c => c.Kind).Should().Equal("dissolved", "moved", "renamed", "created");
        history[1].Should().Match<OrganizationChange>(c => c.OldParentId == committee.Id && c.NewParentId == other.Id && c.EffectiveOn == "2023-01-01");
        history[2].Should().Match<OrganizationChange>(c => c.OldName == "第一党支部" && c.NewName == "机关第一党支部");

        (await admin.TreeAsync(subsidiary.Id)).Should().NotContain(o => o.Id == branch.Id);
        (await admin.TreeAsync(subsidiary.Id, "&includeEnded=true")).Should().Contain(o => o.Id == branch.Id && o.Status == "dissolved");
        var in2022 = await admin.TreeAsync(subsidiary.Id, "&asOf=2022-06-30");
        in2022.Single(o => o.Id == branch.Id).Should().Match<DatedOrganization>(o => o.Name == "机关第一党支部" && o.ParentId == committee.Id);
        (await admin.TreeAsync(subsidiary.Id, "&asOf=2021-06-30")).Single(o => o.Id == branch.Id).Name.Should().Be("第一党支部");
        (await admin.TreeAsync(subsidiary.Id, "&asOf=2019-01-01")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rename_from_a_stale_version_is_a_409_and_the_name_stays()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2020-01-01");
        await (await admin.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/rename", new { name = "先到的名字", expectedVersion = committee.Version })).ReadAsync<DatedOrganization>(200);

        var stale = await admin.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/rename", new { name = "后到的名字", expectedVersion = committee.Version });

        await stale.ProblemAsync(409);
        (await admin.GetDatedAsync(committee.Id)).Name.Should().Be("先到的名字");
        (await admin.HistoryAsync(committee.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_merge_moves_children_under_the_target_and_the_path_and_counts_follow()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("合并企业");
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2020-01-01");
        var source = await admin.CreateDatedAsync(subsidiary.Id, "general-branch", committee.Id, "一总支", "2020-01-01");
        var target = await admin.CreateDatedAsync(subsidiary.Id, "general-branch", committee.Id, "二总支", "2020-01-01");
        var branch = await admin.CreateDatedAsync(subsidiary.Id, "branch", source.Id, "支部", "2020-01-01");
        var group = await admin.CreateDatedAsync(subsidiary.Id, "group", branch.Id, "小组", "2020-01-01");

        var merged = await (await admin.PostAsJsonAsync($"/api/v1/organizations/{source.Id}/merge",
            new { targetId = target.Id, effectiveOn = "2025-01-01" })).ReadAsync<DatedOrganization>(200);

        merged.Should().Match<DatedOrganization>(o => o.Status == "merged" && o.MergedIntoId == target.Id);
        var path = await (await admin.GetAsync($"/api/v1/organizations/{group.Id}/path")).ReadAsync<List<DatedOrganization>>(200);
        path.Select(o => o.Id).Should().Equal(committee.Id, target.Id, branch.Id, group.Id);
        var counts = await (await admin.GetAsync($"/api/v1/organizations/{target.Id}/counts")).ReadAsync<SubtreeCounts>(200);
        (counts.Organizations, counts.GeneralBranches, counts.Branches, counts.Groups).Should().Be((3, 1, 1, 1));
        (await admin.TreeAsync(subsidiary.Id, $"&subtreeOf={target.Id}")).Select(o => o.Id).Should().BeEquivalentTo([target.Id, branch.Id, group.Id]);
        (await admin.TreeAsync(subsidiary.Id, "&asOf=2024-12-31")).Single(o => o.Id == branch.Id).ParentId.Should().Be(source.Id);

        // Reporting (two replicas) drops the merged organization from the counts.
        var row = await EventuallyAsync(async () => (await admin.GetFromJsonAsync<SubsidiaryCounts>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}"))!,
            r => r.Organizations == 4);
        (row.Organizations, row.GeneralBranches).Should().Be((4, 1));
    }
}
