using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.Alliances;

/// <summary>Alliances and pairings through the gateway: the whole stack, as a client uses it.</summary>
[Collection(StackCollection.Name)]
public class AllianceApiTests(StackFixture stack)
{
    [Fact]
    public async Task An_alliance_is_formed_joined_given_a_temporary_branch_and_a_rotation()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, "联盟临时党支部");
        var alliance = await admin.FormAllianceAsync(committee.Id);
        var joined = await admin.JoinAsync(alliance, Bank());
        var lead = joined.Members.Single(m => m.OrganizationId == committee.Id).Id;
        var bank = joined.Members.Single(m => m.External is not null).Id;

        var withBranch = await (await admin.PutAsJsonAsync($"/api/v1/alliances/{alliance.Id}/temporary-branch",
            new { organizationId = branch.Id, memberUnitIds = new[] { lead, bank }, expectedVersion = joined.Version })).ReadAsync<PartyAlliance>(200);
        var scheduled = await (await admin.PutAsJsonAsync($"/api/v1/alliances/{alliance.Id}/rotation",
            new { order = new[] { lead, bank }, startsOn = "2020-01-01", periodMonths = 12, expectedVersion = withBranch.Version })).ReadAsync<PartyAlliance>(200);

        scheduled.TemporaryBranch!.MemberUnitIds.Should().BeEquivalentTo([lead, bank]);
        scheduled.Rotation!.Order.Should().Equal(lead, bank);
        scheduled.Rotation.Current.Should().NotBeNull();
        scheduled.Rotation.Next!.MemberUnitId.Should().NotBe(scheduled.Rotation.Current!.MemberUnitId);
        scheduled.Members.Single(m => m.Id == bank).External!.Kind.Should().Be("bank");
        scheduled.Version.Should().Be(4);
    }

    [Fact]
    public async Task Alliances_are_listed_with_paging_sorting_filtering_and_search_by_name()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var tag = NewCode("L");
        foreach (var name in new[] { "B", "C", "A" }) await admin.FormAllianceAsync(committee.Id, $"{tag}-{name}");

        var page = (await admin.GetFromJsonAsync<PagedList<PartyAlliance>>($"/api/v1/alliances?search={tag}&sort=-name&pageSize=2&subsidiaryId={subsidiary.Id}&theme=城市服务"))!;

        page.Total.Should().Be(3);
        page.Items.Select(a => a.Name).Should().Equal($"{tag}-C", $"{tag}-B");
    }

    [Fact]
    public async Task A_repeated_create_with_the_same_Idempotency_Key_returns_the_first_alliance()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var key = Guid.NewGuid().ToString();
        async Task<PartyAlliance> FormOnce()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alliances")
            {
                Content = JsonContent.Create(new { name = "幂等联盟", theme = "t", leadOrganizationId = committee.Id, formedOn = "2026-01-01" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await (await admin.SendAsync(request)).ReadAsync<PartyAlliance>(201);
        }

        var first = await FormOnce();
        var again = await FormOnce();

        again.Id.Should().Be(first.Id);
        (await admin.GetFromJsonAsync<PagedList<PartyAlliance>>($"/api/v1/alliances?subsidiaryId={subsidiary.Id}"))!.Total.Should().Be(1);
    }

    [Fact]
    public async Task Two_edits_from_the_same_version_one_wins_and_the_other_is_a_409()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var alliance = await admin.FormAllianceAsync(committee.Id);

        var responses = await Task.WhenAll(new[] { "甲名", "乙名" }.Select(name =>
            admin.PutAsJsonAsync($"/api/v1/alliances/{alliance.Id}", new { name, theme = "t", expectedVersion = alliance.Version })));

        responses.Select(r => (int)r.StatusCode).Should().BeEquivalentTo([200, 409]);
        await responses.Single(r => (int)r.StatusCode == 409).ProblemAsync(409);
        (await admin.GetAllianceAsync(alliance.Id)).Version.Should().Be(alliance.Version + 1);
    }

    [Fact]
    public async Task A_pairing_is_signed_renewed_with_its_history_kept_and_ended()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var pairing = await admin.SignPairingAsync(committee.Id);
        pairing.Status.Should().Be("active");

        var renewed = await (await admin.PostAsJsonAsync($"/api/v1/pairings/{pairing.Id}/renew", new
        {
            agreement = new { title = "续签协议", obligations = "每月联学", signedOn = "2026-01-01", expiresOn = "2033-12-31" },
            expectedVersion = pairing.Version,
        })).ReadAsync<Pairing>(200);
        renewed.Agreement.Sequence.Should().Be(2);
        renewed.History.Should().ContainSingle().Which.Title.Should().Be("共建协议");

        var ended = await (await admin.PostAsJsonAsync($"/api/v1/pairings/{pairing.Id}/end", new { endedOn = "2026-01-02", reason = "合并", expectedVersion = renewed.Version }))
            .ReadAsync<Pairing>(200);
        ended.Status.Should().Be("ended");
        var endedList = (await admin.GetFromJsonAsync<PagedList<Pairing>>($"/api/v1/pairings?status=ended&subsidiaryId={subsidiary.Id}&search=东明&sort=-signed"))!;
        endedList.Items.Select(p => p.Id).Should().Equal(pairing.Id);
    }

    [Fact]
    public async Task A_pairing_close_to_expiry_is_listed_as_expiring_soon()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync();
        var soon = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd");
        var expiring = await admin.SignPairingAsync(committee.Id, soon);
        await admin.SignPairingAsync(committee.Id);

        var listed = (await admin.GetFromJsonAsync<PagedList<Pairing>>($"/api/v1/pairings?status=expiring-soon&subsidiaryId={subsidiary.Id}"))!;

        expiring.Status.Should().Be("expiring-soon");
        listed.Items.Select(p => p.Id).Should().Equal(expiring.Id);
    }
}
