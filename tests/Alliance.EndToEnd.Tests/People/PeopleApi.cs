using System.Net.Http.Json;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.People;

/// <summary>The people endpoints' REST shapes as a client sees them, and helpers to call them.</summary>
public static class PeopleApi
{
    public sealed record MembershipPeriod(Guid OrganizationId, string Status, string From, string? To);
    public sealed record OrganizationRole(Guid Id, Guid OrganizationId, string Role, string StartsOn, string? EndsOn);
    public sealed record Person(Guid Id, Guid SubsidiaryId, string Name, string Kind, string? EmployeeNumber, string? IdNumber, string? Phone,
        bool PersonalDataRevealed, string? ManagementPost, bool CrossAppointed, MembershipPeriod? Membership,
        List<MembershipPeriod> MembershipHistory, List<OrganizationRole> Roles, DateTimeOffset CreatedAt, long Version);

    static int _serial;

    /// <summary>A made-up resident ID number with a correct check character.</summary>
    public static string NewIdNumber()
    {
        var first17 = $"31011519850615{Interlocked.Increment(ref _serial) % 1000:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        return first17 + "10X98765432"[first17.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
    }

    public static async Task<Person> RegisterPersonAsync(this HttpClient client, Guid subsidiaryId, string name = "测试人员",
        string kind = "employee", string? idNumber = null, string? phone = null, string? managementPost = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/people", new { subsidiaryId, name, kind, idNumber, phone, managementPost });
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<Person>())!;
    }

    public static async Task<Person> GetPersonAsync(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/people/{id}");
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<Person>())!;
    }

    public static async Task<PagedList<Person>> ListPeopleAsync(this HttpClient client, Guid subsidiaryId, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/subsidiaries/{subsidiaryId}/people?pageSize=200{query}");
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<PagedList<Person>>())!;
    }

    public static async Task<Person> JoinAsync(this HttpClient client, Guid personId, Guid organizationId, string status = "full", string joinedOn = "2020-07-01")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/people/{personId}/membership", new { organizationId, joinedOn, status });
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<Person>())!;
    }

    public static async Task<Person> AssignRoleAsync(this HttpClient client, Guid personId, Guid organizationId, string role = "committee-member", string startsOn = "2024-01-01")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/people/{personId}/roles", new { organizationId, role, startsOn });
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<Person>())!;
    }
}
