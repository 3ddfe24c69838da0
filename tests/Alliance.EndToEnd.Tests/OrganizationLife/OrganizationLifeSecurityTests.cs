using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.OrganizationLife.OrganizationLifeApi;

namespace Alliance.EndToEnd.Tests.OrganizationLife;

/// <summary>
/// Every organization-life and notification endpoint for every role, in its own subsidiary (A) and another (B): who reads
/// boards and inboxes, who changes rules and channels, and that nobody learns of another subsidiary's.
/// </summary>
[Collection(StackCollection.Name)]
public class OrganizationLifeSecurityTests(StackFixture stack)
{
    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    [InlineData(Roles.Member)]
    public async Task Each_role_reads_its_own_subsidiarys_organization_life_and_changes_only_what_its_role_allows(string role)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (a, _, branchA) = await admin.BranchAsync("甲" + NewCode("S")[..6]);
        var (b, _, branchB) = await admin.BranchAsync("乙" + NewCode("S")[..6]);
        var noticeA = await stack.PlaceNotificationAsync(a.Id, branchA.Id, "reminder", "甲支委会待召开");
        var noticeB = await stack.PlaceNotificationAsync(b.Id, branchB.Id, "reminder", "乙支委会待召开");
        var channelB = await (await admin.PostAsJsonAsync("/api/v1/notification-channels", new { subsidiaryId = b.Id, kind = "email", name = "乙", target = "b@b.example" }))
            .ReadAsync<Channel>(201);
        var inA = await stack.SignedInAsync(role, a.Id);
        var isAdmin = role == Roles.SubsidiaryAdmin;
        var readsInbox = role != Roles.Member;

        // Rules: everyone reads; only a subsidiary administrator adds, and only for its own subsidiary.
        (await inA.GetAsync("/api/v1/organization-life/rules")).StatusCode.Should().Be(HttpStatusCode.OK);
        object Rule(Guid? subsidiary) => new { subsidiaryId = subsidiary, organizationKind = "branch", nameZh = "x", nameEn = "x", period = "monthly",
            activityTypeIds = new[] { BranchCommittee }, remindDaysBefore = 1 };
        (await inA.PostAsJsonAsync("/api/v1/organization-life/rules", Rule(a.Id))).StatusCode.Should().Be(isAdmin ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        (await inA.PostAsJsonAsync("/api/v1/organization-life/rules", Rule(null))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await inA.PostAsJsonAsync("/api/v1/organization-life/rules", Rule(b.Id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var groupRule = (await (await admin.GetAsync("/api/v1/organization-life/rules")).ReadAsync<List<MeetingRule>>(200)).First(r => r.SubsidiaryId is null);
        (await inA.PutAsJsonAsync($"/api/v1/organization-life/rules/{groupRule.Id}", new
        {
            organizationKind = groupRule.OrganizationKind, nameZh = "x", nameEn = "x", period = groupRule.Period, activityTypeIds = groupRule.ActivityTypeIds,
            remindDaysBefore = 1, expectedVersion = groupRule.Version,
        })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // Boards: own subsidiary's only.
        (await inA.GetAsync($"/api/v1/organization-life/organizations/{branchA.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inA.GetAsync($"/api/v1/organization-life/organizations/{branchB.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inA.GetAsync($"/api/v1/organization-life/boards?subsidiaryId={a.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inA.GetAsync($"/api/v1/organization-life/boards?subsidiaryId={b.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Inbox: administrators and secretaries of the subsidiary; members have none; another subsidiary's is not found.
        var inbox = await (await inA.GetAsync("/api/v1/notifications")).ReadAsync<Notifications>(200);
        inbox.Items.Select(n => n.Id).Should().BeEquivalentTo(readsInbox ? [noticeA] : Array.Empty<Guid>());
        (await inA.PostAsync($"/api/v1/notifications/{noticeA}/read", null)).StatusCode.Should().Be(readsInbox ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        (await inA.PostAsync($"/api/v1/notifications/{noticeB}/read", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inA.PostAsync("/api/v1/notifications/read-all", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inA.UnreadAsync()).Should().Be(0);

        // Channels: subsidiary administrators for their own; the others are refused at the gateway.
        (await inA.GetAsync($"/api/v1/notification-channels?subsidiaryId={a.Id}")).StatusCode.Should().Be(isAdmin ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        (await inA.GetAsync($"/api/v1/notification-channels?subsidiaryId={b.Id}")).StatusCode.Should().Be(isAdmin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        (await inA.PostAsJsonAsync("/api/v1/notification-channels", new { subsidiaryId = a.Id, kind = "email", name = "甲", target = "a@a.example" }))
            .StatusCode.Should().Be(isAdmin ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        (await inA.PutAsJsonAsync($"/api/v1/notification-channels/{channelB.Id}", new { name = "改", expectedVersion = 1 }))
            .StatusCode.Should().Be(isAdmin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        (await inA.GetAsync("/api/v1/notification-deliveries")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inA.GetAsync($"/api/v1/notification-deliveries?subsidiaryId={b.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inA.PostAsync($"/api/v1/notification-deliveries/{Guid.NewGuid()}/retry", null))
            .StatusCode.Should().Be(isAdmin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        (await (await admin.GetAsync($"/api/v1/notification-channels?subsidiaryId={b.Id}")).ReadAsync<List<Channel>>(200)).Single().Name.Should().Be("乙");
    }
}
