using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.ServiceCenters.ServiceCenterApi;

namespace Alliance.EndToEnd.Tests.ServiceCenters;

/// <summary>Service centers through the gateway: open, list, revise, share with an alliance, stop sharing, close.</summary>
[Collection(StackCollection.Name)]
public class ServiceCenterApiTests(StackFixture stack)
{
    [Fact]
    public async Task A_subsidiary_admin_opens_a_center_once_per_idempotency_key_and_finds_it_by_pinyin_initials()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await groupAdmin.SubsidiaryWithCommitteeAsync();
        var admin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id);
        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/v1/service-centers")
        {
            Content = JsonContent.Create(Details(committee.Id, "滨江党群服务中心", 80)),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        };
        var first = Post();
        var retry = Post();
        retry.Headers.Remove("Idempotency-Key");
        retry.Headers.Add("Idempotency-Key", first.Headers.GetValues("Idempotency-Key").Single());

        var created = await admin.SendAsync(first);
        var again = await (await admin.SendAsync(retry)).ReadAsync<ServiceCenter>(201);

        var center = await created.ReadAsync<ServiceCenter>(201);
        created.Headers.Location!.ToString().Should().Be($"/api/v1/service-centers/{center.Id}");
        again.Id.Should().Be(center.Id);
        center.Should().BeEquivalentTo(new { Name = "滨江党群服务中心", Capacity = 80, OwnerOrganizationId = committee.Id, OwnerName = committee.Name,
            SubsidiaryId = subsidiary.Id, ContactPhone = "021-5555", Status = "open", Version = 1L });
        var found = await admin.ListCentersAsync($"?subsidiaryId={subsidiary.Id}&search=bjdq");
        found.Items.Select(c => c.Id).Should().Equal(center.Id);
    }

    [Fact]
    public async Task Revising_with_a_stale_version_is_a_409_and_changes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var center = await admin.OpenCenterAsync(committee.Id);
        var revise = new { name = "新名称", address = "新地址", capacity = 200, expectedVersion = center.Version };

        var revised = await (await admin.PutAsJsonAsync($"/api/v1/service-centers/{center.Id}", revise)).ReadAsync<ServiceCenter>(200);
        var stale = await admin.PutAsJsonAsync($"/api/v1/service-centers/{center.Id}", revise);

        revised.Version.Should().Be(2);
        revised.Capacity.Should().Be(200);
        revised.ContactName.Should().BeNull(); // a revision replaces the details: left out is cleared
        (await stale.ProblemAsync(409)).Status.Should().Be(409);
        (await admin.GetCenterAsync(center.Id)).Version.Should().Be(2);
    }

    [Fact]
    public async Task A_center_shared_with_an_alliance_is_listed_under_it_until_the_sharing_stops_and_closing_keeps_the_record()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var alliance = await admin.FormAllianceAsync(committee.Id);
        var center = await admin.OpenCenterAsync(committee.Id, capacity: 300);
        var other = await admin.OpenCenterAsync(committee.Id, "小会议室", 20);

        var shared = await admin.ShareAsync(center, alliance.Id);

        shared.Shares.Should().ContainSingle().Which.Should().BeEquivalentTo(new { AllianceId = alliance.Id, AllianceName = alliance.Name, SharedFrom = "2026-01-01", SharedUntil = (string?)null });
        (await admin.ListCentersAsync($"?allianceId={alliance.Id}")).Items.Select(c => c.Id).Should().Equal(center.Id);
        (await admin.ListCentersAsync($"?subsidiaryId={subsidiary.Id}&minCapacity=100")).Items.Select(c => c.Id).Should().Equal(center.Id);
        (await admin.ListCentersAsync($"?subsidiaryId={subsidiary.Id}&sort=capacity")).Items.Select(c => c.Id).Should().Equal(other.Id, center.Id);

        var stopped = await (await admin.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/shares/{alliance.Id}/stop",
            new { sharedUntil = "2026-02-01", expectedVersion = shared.Version })).ReadAsync<ServiceCenter>(200);
        stopped.Shares.Single().SharedUntil.Should().Be("2026-02-01");
        (await admin.ListCentersAsync($"?allianceId={alliance.Id}")).Total.Should().Be(0);

        var closed = await (await admin.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/close",
            new { closedOn = "2026-03-01", reason = "场地改造", expectedVersion = stopped.Version })).ReadAsync<ServiceCenter>(200);
        closed.Status.Should().Be("closed");
        closed.ClosedOn.Should().Be("2026-03-01");
        (await admin.ListCentersAsync($"?subsidiaryId={subsidiary.Id}&status=closed")).Items.Select(c => c.Id).Should().Equal(center.Id);
        (await admin.ListCentersAsync($"?subsidiaryId={subsidiary.Id}&status=open")).Items.Select(c => c.Id).Should().Equal(other.Id);
        var reviseClosed = await admin.PutAsJsonAsync($"/api/v1/service-centers/{center.Id}", new { name = "x", address = "y", capacity = 1 });
        (await reviseClosed.ProblemAsync(409)).Errors.Should().ContainKey("id");
        (await admin.GetAsync($"/api/v1/service-centers/{center.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
