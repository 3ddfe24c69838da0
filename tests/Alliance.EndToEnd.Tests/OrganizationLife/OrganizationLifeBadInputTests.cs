using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.OrganizationLife.OrganizationLifeApi;

namespace Alliance.EndToEnd.Tests.OrganizationLife;

/// <summary>Every organization-life and notification endpoint answers bad input with problem details on its fields (never a 500) and writes nothing.</summary>
[Collection(StackCollection.Name)]
public class OrganizationLifeBadInputTests(StackFixture stack)
{
    [Fact]
    public async Task Bad_rules_boards_channels_and_filters_are_400s_on_their_fields()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, _, branch) = await admin.BranchAsync("坏输入企业" + NewCode("B")[..6]);
        var rulesBefore = (await (await admin.GetAsync("/api/v1/organization-life/rules?includeRetired=true")).ReadAsync<List<MeetingRule>>(200)).Count;
        var anyRule = (await (await admin.GetAsync("/api/v1/organization-life/rules")).ReadAsync<List<MeetingRule>>(200)).First();

        async Task<string[]> Fields(HttpResponseMessage response, int status = 400) => (await response.ProblemAsync(status)).Errors!.Keys.ToArray();

        (await Fields(await admin.PostAsJsonAsync("/api/v1/organization-life/rules", new { })))
            .Should().BeEquivalentTo(["organizationKind", "nameZh", "nameEn", "period", "activityTypeIds", "remindDaysBefore"]);
        (await Fields(await admin.PostAsJsonAsync("/api/v1/organization-life/rules", new
        {
            organizationKind = "club", nameZh = new string('x', 101), nameEn = "x", period = "weekly", activityTypeIds = new[] { "nope" }, remindDaysBefore = 91,
        }))).Should().BeEquivalentTo(["organizationKind", "nameZh", "period", "activityTypeIds", "remindDaysBefore"]);
        (await Fields(await admin.PostAsJsonAsync("/api/v1/organization-life/rules", new
        {
            organizationKind = "branch", nameZh = "x", nameEn = "x", period = "monthly", activityTypeIds = new[] { Guid.NewGuid() }, remindDaysBefore = 1,
        }), 404)).Should().Equal("activityTypeIds");
        (await Fields(await admin.PutAsJsonAsync($"/api/v1/organization-life/rules/{anyRule.Id}", new
        {
            organizationKind = "branch", nameZh = "", nameEn = "x", period = "monthly", activityTypeIds = Array.Empty<string>(), remindDaysBefore = -1, expectedVersion = 0,
        }))).Should().BeEquivalentTo(["nameZh", "activityTypeIds", "remindDaysBefore", "expectedVersion"]);
        (await admin.PutAsJsonAsync($"/api/v1/organization-life/rules/{Guid.NewGuid()}", new
        {
            organizationKind = "branch", nameZh = "x", nameEn = "x", period = "monthly", activityTypeIds = new[] { BranchAssembly }, remindDaysBefore = 1,
        })).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/organization-life/rules/{Guid.NewGuid()}/history")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await (await admin.GetAsync("/api/v1/organization-life/rules?includeRetired=true")).ReadAsync<List<MeetingRule>>(200)).Count.Should().Be(rulesBefore);

        (await Fields(await admin.GetAsync($"/api/v1/organization-life/organizations/{branch.Id}?on=2027-13"))).Should().Equal("on");
        (await admin.GetAsync($"/api/v1/organization-life/organizations/{Guid.NewGuid()}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await Fields(await admin.GetAsync("/api/v1/organization-life/boards?on=tomorrow&state=late"))).Should().BeEquivalentTo(["subsidiaryId", "on", "state"]);
        (await Fields(await admin.GetAsync($"/api/v1/organization-life/boards?subsidiaryId={subsidiary.Id}&organizationId={Guid.NewGuid()}"), 404)).Should().Equal("organizationId");

        (await Fields(await admin.PostAsJsonAsync("/api/v1/notification-channels", new { })))
            .Should().BeEquivalentTo(["subsidiaryId", "kind", "name", "target"]);
        (await Fields(await admin.PostAsJsonAsync("/api/v1/notification-channels", new { subsidiaryId = subsidiary.Id, kind = "email", name = "邮件", target = "not an address" })))
            .Should().Equal("target");
        (await Fields(await admin.PostAsJsonAsync("/api/v1/notification-channels", new { subsidiaryId = subsidiary.Id, kind = "wecom", name = "企微", target = "https://qyapi.weixin.qq.com/x?key=1", secret = "s" })))
            .Should().Equal("secret");
        (await Fields(await admin.GetAsync("/api/v1/notification-channels"))).Should().Equal("subsidiaryId");
        (await Fields(await admin.PutAsJsonAsync($"/api/v1/notification-channels/{Guid.NewGuid()}", new { name = "", expectedVersion = 0 })))
            .Should().BeEquivalentTo(["name", "expectedVersion"]);
        (await admin.PutAsJsonAsync($"/api/v1/notification-channels/{Guid.NewGuid()}", new { name = "x" })).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await (await admin.GetAsync($"/api/v1/notification-channels?subsidiaryId={subsidiary.Id}")).ReadAsync<List<Channel>>(200)).Should().BeEmpty();

        (await Fields(await admin.GetAsync("/api/v1/notification-deliveries?state=lost"))).Should().Equal("state");
        (await admin.PostAsync($"/api/v1/notification-deliveries/{Guid.NewGuid()}/retry", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await admin.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}
