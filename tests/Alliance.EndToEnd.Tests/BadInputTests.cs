using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Scim.ScimApi;

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

    // PostgreSQL refuses a 0x00 byte in text: a NUL that reached a query was a 500. Issue 17.
    [Theory]
    [InlineData("/api/v1/subsidiaries?search=%00", "search")]
    [InlineData("/api/v1/alliances?search=%00", "search")]
    [InlineData("/api/v1/alliances?theme=%E5%9F%8E%00", "theme")]
    [InlineData("/api/v1/pairings?search=%00", "search")]
    [InlineData("/api/v1/service-centers?search=%00", "search")]
    [InlineData("/api/v1/subsidiaries/{subsidiary}/organizations?search=%00", "search")]
    [InlineData("/api/v1/subsidiaries/{subsidiary}/people?search=%00", "search")]
    [InlineData("/api/v1/subsidiaries?search=%01", "search")]
    [InlineData("/api/v1/subsidiaries?search=%7F", "search")]
    public async Task A_control_character_in_a_query_is_a_400_naming_the_field_not_a_500(string url, string field)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var response = await admin.GetAsync(url.Replace("{subsidiary}", subsidiary.Id.ToString()));

        var problem = await response.ProblemAsync(400);
        problem.Errors.Should().ContainKey(field).WhoseValue.Should().ContainSingle().Which.Should().Contain("control characters");
    }

    [Fact]
    public async Task Tab_and_line_breaks_in_a_search_are_ordinary_text()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.GetAsync("/api/v1/subsidiaries?search=%09%0D%0A");
        await EnsureAsync(response, 200);
    }

    [Fact]
    public async Task A_control_character_in_a_JSON_body_is_a_400_naming_the_field_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var nul = await admin.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId = subsidiary.Id, name = "第一\u0000党委", kind = "committee" });
        var bell = await admin.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId = subsidiary.Id, name = "第一\u0007党委", kind = "committee" });

        (await nul.ProblemAsync(400)).Errors.Should().ContainKey("name");
        (await bell.ProblemAsync(400)).Errors.Should().ContainKey("name");
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task A_control_character_nested_in_a_JSON_body_is_named_by_its_path()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.PostAsJsonAsync("/api/v1/pairings", new
        {
            first = new { external = new { kind = "bank", name = "银行\u0000", contactName = "王", contactPhone = "13800000000" } },
            second = new { organizationId = Guid.NewGuid() },
            agreement = new { title = "结对协议", obligations = "共建", signedOn = "2026-01-01", expiresOn = "2027-01-01" },
        });

        (await response.ProblemAsync(400)).Errors.Should().ContainKey("first.external.name");
    }

    [Fact]
    public async Task A_control_character_sent_to_SCIM_is_a_SCIM_400_naming_the_field_and_writes_nothing()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var userName = NewCode("nul").ToLowerInvariant();

        var user = NewUser(userName);
        user["displayName"] = "张\u0000三";
        var created = await scim.SendAsync(HttpMethod.Post, "/Users", user).ExpectErrorAsync(400, "invalidValue");
        var filtered = await scim.SendAsync(HttpMethod.Get, "/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\0\"")).ExpectErrorAsync(400, "invalidFilter");

        created.Should().Contain("displayName").And.Contain("control characters");
        filtered.Should().Contain("filter");
        var list = await scim.SendAsync(HttpMethod.Get, "/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"")).ExpectAsync(200);
        list["totalResults"]!.GetValue<int>().Should().Be(0);
    }
}
