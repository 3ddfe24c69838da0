using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public class SecurityTests(StackFixture stack)
{
    [Fact]
    public async Task A_call_without_a_token_is_a_401()
    {
        var response = await stack.Anonymous().GetAsync("/api/v1/subsidiaries");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_token_is_a_401()
    {
        var client = await stack.SignedInAsync(Roles.SubsidiaryAdmin, Guid.NewGuid());
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var parts = token.Split('.');
        // Claim to be a group admin without re-signing.
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        payload["role"] = Roles.GroupAdmin;
        var forged = $"{parts[0]}.{Base64UrlEncode(payload.ToJsonString())}.{parts[2]}";
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        var response = await client.GetAsync("/api/v1/subsidiaries");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_subsidiary_admin_of_A_cannot_see_or_change_B()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var a = await groupAdmin.CreateSubsidiaryAsync("甲企业");
        var b = await groupAdmin.CreateSubsidiaryAsync("乙企业");
        var bCommittee = await groupAdmin.CreateOrganizationAsync(b.Id, "committee");
        var adminOfA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, a.Id);

        (await adminOfA.GetAsync($"/api/v1/subsidiaries/{b.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.GetAsync($"/api/v1/subsidiaries/{b.Id}/organizations")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.GetAsync($"/api/v1/organizations/{bCommittee.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.GetAsync($"/api/v1/dashboard/subsidiaries/{b.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var create = await adminOfA.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId = b.Id, name = "渗透", kind = "committee" });
        create.StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Nor by attaching to B's tree from A.
        var attach = await adminOfA.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId = a.Id, parentId = bCommittee.Id, name = "渗透", kind = "branch" });
        attach.StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await groupAdmin.ListOrganizationsAsync(b.Id)).Total.Should().Be(1);
        var listed = (await adminOfA.GetFromJsonAsync<PagedList<Subsidiary>>("/api/v1/subsidiaries"))!;
        listed.Items.Select(s => s.Id).Should().Equal(a.Id);
    }

    [Fact]
    public async Task A_subsidiary_admin_works_in_its_own_subsidiary_but_not_on_group_matters()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var a = await groupAdmin.CreateSubsidiaryAsync();
        var adminOfA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, a.Id);

        await adminOfA.CreateOrganizationAsync(a.Id, "committee");
        (await adminOfA.GetAsync("/api/v1/dashboard")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await adminOfA.PostAsJsonAsync("/api/v1/subsidiaries", new { code = NewCode(), name = "越权" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_member_may_read_but_not_create()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var a = await groupAdmin.CreateSubsidiaryAsync();
        var member = await stack.SignedInAsync(Roles.Member, a.Id);

        (await member.GetAsync($"/api/v1/subsidiaries/{a.Id}/organizations")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId = a.Id, name = "党委", kind = "committee" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_development_issuer_rejects_an_unknown_role_with_a_field_error()
    {
        var response = await stack.Anonymous().PostAsJsonAsync("/api/dev/token", new { role = "emperor" });
        (await response.ProblemAsync(400)).Errors.Should().ContainKey("role");
    }

    static string Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(s));
    }

    static string Base64UrlEncode(string s) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
