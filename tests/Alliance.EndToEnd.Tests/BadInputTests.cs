using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests;

/// <summary>A client's mistake gets a problem details answer that says what is wrong, and changes nothing.</summary>
[Collection(StackCollection.Name)]
public class BadInputTests(StackFixture stack)
{
    [Fact]
    public async Task An_organization_with_no_name_is_a_400_with_a_field_error_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId = subsidiary.Id, name = "  ", kind = "committee" });

        var problem = await response.ProblemAsync(400);
        problem.Errors.Should().ContainKey("name");
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_kind_and_a_missing_subsidiary_are_reported_together()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "党委", kind = "department" });
        var problem = await response.ProblemAsync(400);
        problem.Errors.Should().ContainKeys("kind", "subsidiaryId");
    }

    [Fact]
    public async Task An_unknown_parent_is_a_404_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/organizations",
            new { subsidiaryId = subsidiary.Id, parentId = Guid.NewGuid(), name = "支部", kind = "branch" });

        var problem = await response.ProblemAsync(404);
        problem.Errors.Should().ContainKey("parentId");
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task A_parent_in_another_subsidiary_is_a_409_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var mine = await admin.CreateSubsidiaryAsync();
        var other = await admin.CreateSubsidiaryAsync();
        var foreignParent = await admin.CreateOrganizationAsync(other.Id, "committee");

        var response = await admin.PostAsJsonAsync("/api/v1/organizations",
            new { subsidiaryId = mine.Id, parentId = foreignParent.Id, name = "支部", kind = "branch" });

        var problem = await response.ProblemAsync(409);
        problem.Errors.Should().ContainKey("parentId");
        (await admin.ListOrganizationsAsync(mine.Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task A_branch_under_a_group_is_a_409()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch");
        var group = await admin.CreateOrganizationAsync(subsidiary.Id, "group", branch.Id);

        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId = subsidiary.Id, parentId = group.Id, name = "支部", kind = "branch" });

        (await response.ProblemAsync(409)).Errors.Should().ContainKey("kind");
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(2);
    }

    [Fact]
    public async Task A_move_that_makes_a_cycle_is_a_409_and_changes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var top = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "上级党委");
        var child = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", top.Id, "下级党委");

        var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{top.Id}/move", new { newParentId = child.Id });

        (await response.ProblemAsync(409)).Detail.Should().Contain("descendants");
        var unchanged = (await admin.GetFromJsonAsync<Organization>($"/api/v1/organizations/{top.Id}"))!;
        unchanged.ParentId.Should().BeNull();
        unchanged.Version.Should().Be(top.Version);
    }

    [Fact]
    public async Task A_stale_move_is_a_409()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var a = await admin.CreateOrganizationAsync(subsidiary.Id, "committee");
        var b = await admin.CreateOrganizationAsync(subsidiary.Id, "committee");
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", a.Id);
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/move", new { newParentId = b.Id, expectedVersion = branch.Version }), 200);

        var stale = await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/move", new { newParentId = a.Id, expectedVersion = branch.Version });

        await stale.ProblemAsync(409);
    }

    [Fact]
    public async Task A_duplicate_subsidiary_code_is_a_409_with_a_field_error()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var code = NewCode("DUP");
        await EnsureAsync(await admin.PostAsJsonAsync("/api/v1/subsidiaries", new { code, name = "第一家" }), 201);

        var response = await admin.PostAsJsonAsync("/api/v1/subsidiaries", new { code, name = "第二家" });

        (await response.ProblemAsync(409)).Errors.Should().ContainKey("code");
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem_not_a_500()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.PostAsync("/api/v1/subsidiaries", new StringContent("{\"code\": ", System.Text.Encoding.UTF8, "application/json"));
        await response.ProblemAsync(400);
    }

    [Fact]
    public async Task An_unknown_organization_is_a_404_problem()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}");
        await response.ProblemAsync(404);
    }
}
