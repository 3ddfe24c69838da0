using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Scim.ScimApi;

namespace Alliance.EndToEnd.Tests.Scim;

/// <summary>HR client credentials: good for SCIM on one subsidiary and nothing else; revocable; managed by admins.</summary>
[Collection(StackCollection.Name)]
public class ScimSecurityTests(StackFixture stack)
{
    [Fact]
    public async Task An_HR_secret_is_refused_on_the_api_and_a_JWT_is_refused_on_SCIM()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        (await scim.SendAsync(HttpMethod.Get, "/Users")).Status.Should().Be(200);
        (await scim.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await scim.GetAsync("/api/v1/subsidiaries")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        await admin.SendAsync(HttpMethod.Get, "/Users").ExpectErrorAsync(401, null);
        await stack.Anonymous().SendAsync(HttpMethod.Get, "/ServiceProviderConfig").ExpectErrorAsync(401, null);
        await stack.WithSecret("hrs_" + new string('A', 43)).SendAsync(HttpMethod.Get, "/Users").ExpectErrorAsync(401, null);
    }

    [Fact]
    public async Task A_revoked_secret_stops_working_within_seconds()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var client = await admin.CreateHrClientAsync(subsidiary.Id);
        var scim = stack.WithSecret(client.Secret);
        (await scim.SendAsync(HttpMethod.Get, "/Users")).Status.Should().Be(200);

        var revoke = await admin.PostAsync($"/api/v1/hr-clients/{client.Id}/revoke", null);
        await EnsureAsync(revoke, 200);
        (await revoke.Content.ReadFromJsonAsync<HrClient>())!.RevokedAt.Should().NotBeNull();
        // Verification is cached for 10 seconds (docs/api.md); the bound leaves room for a slow machine.
        var status = await EventuallyAsync(async () => (await scim.SendAsync(HttpMethod.Get, "/Users")).Status, s => s == 401, TimeSpan.FromSeconds(30));
        status.Should().Be(401);
        var listed = (await admin.GetFromJsonAsync<PagedList<HrClient>>($"/api/v1/hr-clients?subsidiaryId={subsidiary.Id}"))!;
        listed.Items.Should().BeEmpty("revoked clients are left out unless asked for");
        var all = (await admin.GetFromJsonAsync<PagedList<HrClient>>($"/api/v1/hr-clients?subsidiaryId={subsidiary.Id}&includeRevoked=true"))!;
        all.Items.Should().ContainSingle().Which.RevokedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Each_HR_client_sees_only_its_own_subsidiary()
    {
        var (_, first, _) = await stack.ScimClientAsync();
        var (_, second, _) = await stack.ScimClientAsync();
        var user = await first.CreateUserAsync(NewUser(NewCode("iso").ToLowerInvariant()));
        await second.SendAsync(HttpMethod.Get, $"/Users/{user.Id()}").ExpectErrorAsync(404, null);
        await second.SendAsync(HttpMethod.Delete, $"/Users/{user.Id()}").ExpectErrorAsync(404, null);
        (await second.SendAsync(HttpMethod.Get, "/Users?count=0").ExpectAsync(200))["totalResults"]!.GetValue<int>().Should().Be(0);
        // The same userName may exist in another subsidiary.
        await second.CreateUserAsync(NewUser(user["userName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Admins_manage_HR_clients_the_secret_is_shown_once_and_others_are_refused()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var mine = await groupAdmin.CreateSubsidiaryAsync();
        var theirs = await groupAdmin.CreateSubsidiaryAsync();
        var subsidiaryAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, mine.Id);

        var created = await subsidiaryAdmin.CreateHrClientAsync(mine.Id, "钉钉人事");
        created.Secret.Should().StartWith("hrs_").And.HaveLength(47);
        var listed = await subsidiaryAdmin.GetStringAsync("/api/v1/hr-clients");
        listed.Should().Contain("钉钉人事").And.NotContain(created.Secret);

        (await subsidiaryAdmin.PostAsJsonAsync("/api/v1/hr-clients", new { name = "x", subsidiaryId = theirs.Id })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var theirClient = await groupAdmin.CreateHrClientAsync(theirs.Id);
        (await subsidiaryAdmin.PostAsync($"/api/v1/hr-clients/{theirClient.Id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await subsidiaryAdmin.GetStringAsync("/api/v1/hr-clients")).Should().NotContain(theirClient.Id.ToString());

        var secretary = await stack.SignedInAsync(Roles.Secretary, mine.Id);
        (await secretary.PostAsJsonAsync("/api/v1/hr-clients", new { name = "x", subsidiaryId = mine.Id })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await secretary.GetAsync("/api/v1/hr-clients")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var problem = await (await groupAdmin.PostAsJsonAsync("/api/v1/hr-clients", new { name = " ", subsidiaryId = mine.Id })).ProblemAsync(400);
        problem.Errors.Should().ContainKey("name");
    }
}
