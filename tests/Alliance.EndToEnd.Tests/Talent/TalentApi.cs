using System.Net.Http.Json;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Talent;

/// <summary>The talent endpoints' REST shapes as a client sees them, and helpers to call them.</summary>
public static class TalentApi
{
    public const string ReserveCadres = "0199b000-0000-7000-8000-000000000001";

    public sealed record Profile(Guid PersonId, Guid SubsidiaryId, string Name, string Kind, string Title, Guid? OrganizationId, string PartyStatus,
        bool LeftInHr, List<string> Skills, List<string> Certificates, string EducationLevel, List<string> Positions, long Version, bool CanChange);
    public sealed record TalentList(Guid Id, string Kind, string NameZh, string NameEn, bool BuiltIn, bool CanDefine);
    public sealed record Entry(Guid Id, Guid ListId, Guid PersonId, string PersonName, Guid SubsidiaryId, string State, string Reason, bool LeftInHr,
        bool NotReevaluated, long Version);
    public sealed record UnitCount(Guid SubsidiaryId, int Listed, int Pending, int? Limit);
    public sealed record EntryPage(List<Entry> Items, int Total, int Page, int PageSize, List<UnitCount> Units);
    public sealed record EntryChange(Guid Id, string Change, string Reason, string ChangedBy, long Version);

    public static async Task<PagedList<Profile>> SearchProfilesAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/talent/profiles?{query}");
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<PagedList<Profile>>())!;
    }

    public static async Task<Entry> NominateAsync(this HttpClient client, string listId, Guid personId, string reason = "业绩突出")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/talent/lists/{listId}/entries", new { personId, reason });
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<Entry>())!;
    }

    public static async Task<Entry> DecideAsync(this HttpClient client, string listId, Guid entryId, string decision, string? reason = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/talent/lists/{listId}/entries/{entryId}/{decision}", new { reason });
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<Entry>())!;
    }
}
