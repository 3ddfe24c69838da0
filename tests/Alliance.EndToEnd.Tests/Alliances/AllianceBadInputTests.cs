using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.Alliances;

/// <summary>Every alliance and pairing endpoint answers bad input with problem details naming the fields, and writes nothing.</summary>
[Collection(StackCollection.Name)]
public class AllianceBadInputTests(StackFixture stack)
{
    [Fact]
    public async Task Forming_an_alliance_without_name_theme_lead_or_a_valid_date_is_a_400_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, _) = await admin.SubsidiaryWithCommitteeAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/alliances", new { name = " ", formedOn = "2026-13-01", plan = new string('x', 20_001) });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("name", "theme", "leadOrganizationId", "formedOn", "plan");
        (await admin.GetFromJsonAsync<PagedList<PartyAlliance>>($"/api/v1/alliances?subsidiaryId={subsidiary.Id}"))!.Total.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_lead_organization_is_a_404_with_a_field_error()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.PostAsJsonAsync("/api/v1/alliances", new { name = "联盟", theme = "t", leadOrganizationId = Guid.NewGuid(), formedOn = "2026-01-01" });
        (await response.ProblemAsync(404)).Errors.Should().ContainKey("leadOrganizationId");
    }

    public static TheoryData<string, string, object, string[]> BadAllianceChanges => new()
    {
        { "PUT", "", new { name = "", theme = "", expectedVersion = 0 }, ["name", "theme", "expectedVersion"] },
        { "POST", "/members", new { joinedOn = "yesterday" }, ["unit", "joinedOn"] },
        { "POST", "/members", new { unit = new { external = new { kind = "palace", name = "", contactName = "", contactPhone = "" } }, joinedOn = "2026-02-01" },
            ["unit.external.kind", "unit.external.name", "unit.external.contactName", "unit.external.contactPhone"] },
        { "POST", "/members", new { unit = new { organizationId = Guid.NewGuid(), external = new { kind = "bank" } }, joinedOn = "2026-02-01" }, ["unit"] },
        { "POST", "/members/{lead}/leave", new { leftOn = "" }, ["leftOn"] },
        { "PUT", "/temporary-branch", new { memberUnitIds = new[] { Guid.Empty } }, ["organizationId", "memberUnitIds"] },
        { "PUT", "/rotation", new { order = Array.Empty<Guid>(), startsOn = "2026/01/01", periodMonths = 0 }, ["order", "startsOn", "periodMonths"] },
    };

    [Theory]
    [MemberData(nameof(BadAllianceChanges))]
    public async Task A_bad_alliance_change_is_a_400_with_field_errors_and_changes_nothing(string method, string path, object body, string[] fields)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var alliance = await admin.FormAllianceAsync(committee.Id);
        var lead = alliance.Members.Single().Id;

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/alliances/{alliance.Id}{path.Replace("{lead}", lead.ToString())}")
        {
            Content = JsonContent.Create(body),
        });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys(fields);
        var after = await admin.GetAllianceAsync(alliance.Id);
        after.Version.Should().Be(alliance.Version);
        after.Members.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_rule_the_service_enforces_is_a_409_with_a_field_error_and_changes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var alliance = await admin.FormAllianceAsync(committee.Id);

        var leadLeaves = await admin.PostAsJsonAsync($"/api/v1/alliances/{alliance.Id}/members/{alliance.Members.Single().Id}/leave", new { leftOn = "2026-03-01" });
        var joinsTooEarly = await admin.PostAsJsonAsync($"/api/v1/alliances/{alliance.Id}/members", new { unit = Bank(), joinedOn = "2025-12-31" });

        (await leadLeaves.ProblemAsync(409)).Errors.Should().ContainKey("memberUnitId");
        (await joinsTooEarly.ProblemAsync(409)).Errors.Should().ContainKey("joinedOn");
        (await admin.GetAllianceAsync(alliance.Id)).Version.Should().Be(alliance.Version);
    }

    [Theory]
    [InlineData("/api/v1/alliances?sort=size", "sort")]
    [InlineData("/api/v1/pairings?sort=name", "sort")]
    [InlineData("/api/v1/pairings?status=paused", "status")]
    public async Task An_unknown_sort_or_status_is_a_400_with_a_field_error(string url, string field)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        (await (await admin.GetAsync(url)).ProblemAsync(400)).Errors.Should().ContainKey(field);
    }

    [Fact]
    public async Task Signing_a_pairing_with_missing_parties_and_inverted_dates_is_a_400_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/pairings", new
        {
            first = new { organizationId = committee.Id },
            agreement = new { title = "", obligations = "x", signedOn = "2026-06-01", expiresOn = "2026-01-01",
                document = new { fileName = "协议.pdf", contentType = "application/pdf", sizeBytes = 0, sha256 = "xyz", storageKey = "k" } },
        });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("second", "agreement.title", "agreement.expiresOn",
            "agreement.document.sizeBytes", "agreement.document.sha256");
        (await admin.GetFromJsonAsync<PagedList<Pairing>>($"/api/v1/pairings?subsidiaryId={subsidiary.Id}"))!.Total.Should().Be(0);
    }

    [Fact]
    public async Task Two_external_units_cannot_pair_and_nothing_is_written()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var before = (await admin.GetFromJsonAsync<PagedList<Pairing>>("/api/v1/pairings?search=两家外部"))!.Total;
        var external = new { external = new { kind = "school", name = "两家外部", contactName = "李", contactPhone = "1" } };

        var response = await admin.PostAsJsonAsync("/api/v1/pairings", new
        {
            first = external, second = external,
            agreement = new { title = "协议", obligations = "x", signedOn = "2026-01-01", expiresOn = "2027-01-01" },
        });

        (await response.ProblemAsync(400)).Errors.Should().ContainKey("first");
        (await admin.GetFromJsonAsync<PagedList<Pairing>>("/api/v1/pairings?search=两家外部"))!.Total.Should().Be(before);
    }

    [Theory]
    [InlineData("renew", "{\"agreement\":{\"title\":\"\",\"obligations\":\"\",\"signedOn\":\"x\",\"expiresOn\":\"\"},\"expectedVersion\":-1}",
        new[] { "agreement.title", "agreement.obligations", "agreement.signedOn", "agreement.expiresOn", "expectedVersion" })]
    [InlineData("renew", "{}", new[] { "agreement" })]
    [InlineData("end", "{\"endedOn\":\"31/12/2026\"}", new[] { "endedOn" })]
    public async Task A_bad_pairing_change_is_a_400_with_field_errors_and_changes_nothing(string action, string json, string[] fields)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var pairing = await admin.SignPairingAsync(committee.Id);

        var response = await admin.PostAsync($"/api/v1/pairings/{pairing.Id}/{action}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys(fields);
        var after = await admin.GetPairingAsync(pairing.Id);
        after.Version.Should().Be(pairing.Version);
        after.History.Should().BeEmpty();
    }

    [Fact]
    public async Task A_stale_renewal_is_a_409_and_keeps_one_agreement()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var pairing = await admin.SignPairingAsync(committee.Id);
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/pairings/{pairing.Id}/end", new { endedOn = "2026-06-30", expectedVersion = pairing.Version }), 200);

        var stale = await admin.PostAsJsonAsync($"/api/v1/pairings/{pairing.Id}/renew", new
        {
            agreement = new { title = "续签", obligations = "x", signedOn = "2026-06-01", expiresOn = "2035-01-01" }, expectedVersion = pairing.Version,
        });

        await stale.ProblemAsync(409);
        (await admin.GetPairingAsync(pairing.Id)).History.Should().BeEmpty();
    }
}
