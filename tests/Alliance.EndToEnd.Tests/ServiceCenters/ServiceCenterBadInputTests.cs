using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.ServiceCenters.ServiceCenterApi;

namespace Alliance.EndToEnd.Tests.ServiceCenters;

/// <summary>Every service center endpoint answers bad input with problem details naming the fields, and writes nothing.</summary>
[Collection(StackCollection.Name)]
public class ServiceCenterBadInputTests(StackFixture stack)
{
    [Fact]
    public async Task Opening_without_owner_name_address_or_a_sensible_capacity_is_a_400_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/service-centers",
            new { ownerOrganizationId = committee.Id, name = " ", capacity = 0, contactPhone = new string('1', 51), facilities = new string('x', 2_001) });
        var tooLarge = await admin.PostAsJsonAsync("/api/v1/service-centers", new { name = "n", address = "a", capacity = 100_001 });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("name", "address", "capacity", "contactPhone", "facilities");
        (await tooLarge.ProblemAsync(400)).Errors.Should().ContainKeys("capacity", "ownerOrganizationId");
        (await admin.ListCentersAsync($"?subsidiaryId={subsidiary.Id}")).Total.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_owner_organization_is_a_404_with_a_field_error()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.PostAsJsonAsync("/api/v1/service-centers", Details(Guid.NewGuid()));
        (await response.ProblemAsync(404)).Errors.Should().ContainKey("ownerOrganizationId");
    }

    public static TheoryData<string, string, object, string[]> BadChanges => new()
    {
        { "PUT", "", new { name = "", address = "", capacity = -1, expectedVersion = 0 }, ["name", "address", "capacity", "expectedVersion"] },
        { "PUT", "", new { name = "n", address = "a", openingHours = new string('x', 201) }, ["capacity", "openingHours"] },
        { "POST", "/close", new { closedOn = "2026-02-30", reason = new string('x', 501) }, ["closedOn", "reason"] },
        { "POST", "/shares", new { sharedFrom = "soon" }, ["allianceId", "sharedFrom"] },
        { "POST", "/shares", new { allianceId = Guid.NewGuid(), sharedFrom = "2026-03-01", sharedUntil = "2026-02-01" }, ["sharedUntil"] },
        { "POST", "/shares/0f8fad5b-d9cb-469f-a165-70867728950e/stop", new { sharedUntil = "" }, ["sharedUntil"] },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_a_400_with_field_errors_and_changes_nothing(string method, string path, object body, string[] fields)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var center = await admin.OpenCenterAsync(committee.Id);

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/service-centers/{center.Id}{path}")
        {
            Content = JsonContent.Create(body),
        });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys(fields);
        var after = await admin.GetCenterAsync(center.Id);
        after.Version.Should().Be(center.Version);
        after.Status.Should().Be("open");
        after.Shares.Should().BeEmpty();
    }

    [Fact]
    public async Task Sharing_with_an_alliance_the_subsidiary_takes_no_part_in_or_twice_is_refused_and_changes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committeeA) = await admin.SubsidiaryWithCommitteeAsync();
        var (_, committeeB) = await admin.SubsidiaryWithCommitteeAsync();
        var allianceOfB = await admin.FormAllianceAsync(committeeB.Id);
        var allianceOfA = await admin.FormAllianceAsync(committeeA.Id);
        var center = await admin.OpenCenterAsync(committeeA.Id);

        var foreign = await admin.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/shares", new { allianceId = allianceOfB.Id, sharedFrom = "2026-01-01" });
        (await foreign.ProblemAsync(404)).Errors.Should().ContainKey("allianceId");
        var shared = await admin.ShareAsync(center, allianceOfA.Id);
        var twice = await admin.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/shares", new { allianceId = allianceOfA.Id, sharedFrom = "2026-06-01" });
        (await twice.ProblemAsync(409)).Errors.Should().ContainKey("allianceId");
        var notShared = await admin.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/shares/{allianceOfB.Id}/stop", new { sharedUntil = "2026-06-01" });
        (await notShared.ProblemAsync(409)).Errors.Should().ContainKey("allianceId");

        var after = await admin.GetCenterAsync(center.Id);
        after.Version.Should().Be(shared.Version);
        after.Shares.Should().ContainSingle();
    }

    [Theory]
    [InlineData("?sort=size", "sort")]
    [InlineData("?status=demolished", "status")]
    [InlineData("?minCapacity=-1", "minCapacity")]
    public async Task A_bad_list_query_is_a_400_naming_the_parameter(string query, string field)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        (await (await admin.GetAsync($"/api/v1/service-centers{query}")).ProblemAsync(400)).Errors.Should().ContainKey(field);
    }
}
