using System.Net.Http.Json;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Alliances;

/// <summary>The alliance and pairing REST shapes as a client sees them, and helpers to call them.</summary>
public static class AllianceApi
{
    public sealed record ExternalUnit(string Kind, string Name, string ContactName, string ContactPhone);
    public sealed record MemberUnit(Guid Id, Guid? OrganizationId, Guid? SubsidiaryId, ExternalUnit? External, string Name, string JoinedOn, string? LeftOn);
    public sealed record RotationPeriod(Guid MemberUnitId, string StartsOn, string EndsOn);
    public sealed record Rotation(List<Guid> Order, string StartsOn, int PeriodMonths, RotationPeriod? Current, RotationPeriod? Next, List<RotationPeriod> Upcoming);
    public sealed record TemporaryBranch(Guid OrganizationId, List<Guid> MemberUnitIds);
    public sealed record PartyAlliance(Guid Id, string Name, string Theme, Guid LeadOrganizationId, Guid LeadSubsidiaryId, string Plan,
        List<MemberUnit> Members, TemporaryBranch? TemporaryBranch, Rotation? Rotation, DateTimeOffset CreatedAt, long Version);
    public sealed record Agreement(int Sequence, string Title, string Obligations, string SignedOn, string ExpiresOn);
    public sealed record PairingParty(Guid? OrganizationId, Guid? SubsidiaryId, ExternalUnit? External, string Name);
    public sealed record Pairing(Guid Id, PairingParty First, PairingParty Second, Agreement Agreement, List<Agreement> History, string Status, string? EndedOn, long Version);

    public static object Bank(string name = "浦发银行") => new { external = new { kind = "bank", name, contactName = "王经理", contactPhone = "13800000000" } };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, int status)
    {
        await EnsureAsync(response, status);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static async Task<PartyAlliance> FormAllianceAsync(this HttpClient client, Guid leadOrganizationId, string name = "城市服务联盟") =>
        await (await client.PostAsJsonAsync("/api/v1/alliances",
            new { name, theme = "城市服务", leadOrganizationId, plan = "联学联建", formedOn = "2026-01-01" })).ReadAsync<PartyAlliance>(201);

    public static async Task<PartyAlliance> JoinAsync(this HttpClient client, PartyAlliance alliance, object unit) =>
        await (await client.PostAsJsonAsync($"/api/v1/alliances/{alliance.Id}/members", new { unit, joinedOn = "2026-02-01" })).ReadAsync<PartyAlliance>(200);

    public static async Task<PartyAlliance> GetAllianceAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/alliances/{id}")).ReadAsync<PartyAlliance>(200);

    public static async Task<Pairing> SignPairingAsync(this HttpClient client, Guid organizationId, string expiresOn = "2030-12-31") =>
        await (await client.PostAsJsonAsync("/api/v1/pairings", new
        {
            first = new { organizationId },
            second = new { external = new { kind = "community", name = "东明社区", contactName = "张书记", contactPhone = "021-1" } },
            agreement = new { title = "共建协议", obligations = "每季度联学一次", signedOn = "2026-01-01", expiresOn },
        })).ReadAsync<Pairing>(201);

    public static async Task<Pairing> GetPairingAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/pairings/{id}")).ReadAsync<Pairing>(200);

    /// <summary>A subsidiary with a committee, as the group admin creates them.</summary>
    public static async Task<(Subsidiary Subsidiary, Organization Committee)> SubsidiaryWithCommitteeAsync(this HttpClient groupAdmin, string name = "测试企业")
    {
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync(name);
        return (subsidiary, await groupAdmin.CreateOrganizationAsync(subsidiary.Id, "committee", name: name + "党委"));
    }
}
