using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Organizations.OrganizationHistoryApi;

namespace Alliance.EndToEnd.Tests.Organizations;

/// <summary>The organization history endpoints answer bad input with problem details naming the fields, and write nothing.</summary>
[Collection(StackCollection.Name)]
public class OrganizationHistoryBadInputTests(StackFixture stack)
{
    public static TheoryData<string, object, string[]> BadChanges => new()
    {
        { "/rename", new { name = " ", effectiveOn = "2026-02-30" }, ["name", "effectiveOn"] },
        { "/rename", new { name = new string('名', 101) }, ["name"] },
        { "/merge", new { effectiveOn = "tomorrow" }, ["targetId", "effectiveOn"] },
        { "/dissolve", new { effectiveOn = "2026/01/01" }, ["effectiveOn"] },
        { "/move", new { effectiveOn = "1.1.2026" }, ["newParentId", "effectiveOn"] },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_a_400_with_field_errors_and_changes_nothing(string path, object body, string[] fields)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2020-01-01");

        var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}{path}", body);

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys(fields);
        (await admin.GetDatedAsync(committee.Id)).Should().Match<DatedOrganization>(o => o.Version == 1 && o.Name == "党委" && o.Status == "active");
        (await admin.HistoryAsync(committee.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Dissolving_an_organization_with_children_is_a_409_that_says_what_to_move_first()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2020-01-01");
        await admin.CreateDatedAsync(subsidiary.Id, "branch", committee.Id, "支部", "2020-01-01");

        var problem = await (await admin.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/dissolve", new { })).ProblemAsync(409);

        problem.Errors.Should().ContainKey("children").WhoseValue.Single().Should().Contain("move");
        (await admin.GetDatedAsync(committee.Id)).Status.Should().Be("active");
    }

    [Fact]
    public async Task A_change_dated_before_the_last_one_or_in_the_future_is_rejected_with_a_field_error()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2022-01-01");

        var early = await admin.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/rename", new { name = "新名", effectiveOn = "2021-12-31" });
        var future = await admin.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/rename", new { name = "新名", effectiveOn = "2999-01-01" });

        (await early.ProblemAsync(409)).Errors.Should().ContainKey("effectiveOn");
        (await future.ProblemAsync(409)).Errors.Should().ContainKey("effectiveOn");
        (await admin.HistoryAsync(committee.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_bad_as_of_date_is_a_400_and_merging_into_itself_is_refused_at_the_edge()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2020-01-01");

        (await (await admin.GetAsync($"/api/v1/subsidiaries/{subsidiary.Id}/organizations?asOf=yesterday")).ProblemAsync(400)).Errors.Should().ContainKey("asOf");
        (await (await admin.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/merge", new { targetId = committee.Id })).ProblemAsync(400))
            .Errors.Should().ContainKey("targetId");
        (await admin.GetDatedAsync(committee.Id)).Status.Should().Be("active");
    }

    [Fact]
    public async Task A_member_cannot_change_the_tree()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "党委", "2020-01-01");
        var member = await stack.SignedInAsync(Roles.Member, subsidiary.Id);

        var response = await member.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/rename", new { name = "越权" });

        ((int)response.StatusCode).Should().Be(403);
        (await admin.GetDatedAsync(committee.Id)).Name.Should().Be("党委");
    }

    [Fact]
    public async Task Another_subsidiarys_admin_can_neither_change_nor_read_the_history_of_an_organization()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var mine = await admin.CreateSubsidiaryAsync();
        var theirs = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateDatedAsync(theirs.Id, "committee", null, "别人的党委", "2020-01-01");
        var own = await admin.CreateDatedAsync(mine.Id, "committee", null, "自己的党委", "2020-01-01");
        var outsider = await stack.SignedInAsync(Roles.SubsidiaryAdmin, mine.Id);

        ((int)(await outsider.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/rename", new { name = "越界" })).StatusCode).Should().Be(404);
        ((int)(await outsider.PostAsJsonAsync($"/api/v1/organizations/{committee.Id}/dissolve", new { })).StatusCode).Should().Be(404);
        (await (await outsider.PostAsJsonAsync($"/api/v1/organizations/{own.Id}/merge", new { targetId = committee.Id })).ProblemAsync(404))
            .Errors.Should().ContainKey("targetId");
        foreach (var read in new[] { "history", "path", "counts" })
            ((int)(await outsider.GetAsync($"/api/v1/organizations/{committee.Id}/{read}")).StatusCode).Should().Be(404, read);
        ((int)(await outsider.GetAsync($"/api/v1/subsidiaries/{theirs.Id}/organizations?asOf=2024-01-01")).StatusCode).Should().Be(404);
        (await admin.GetDatedAsync(committee.Id)).Should().Match<DatedOrganization>(o => o.Name == "别人的党委" && o.Status == "active");
        (await admin.GetDatedAsync(own.Id)).Status.Should().Be("active");
    }
}
