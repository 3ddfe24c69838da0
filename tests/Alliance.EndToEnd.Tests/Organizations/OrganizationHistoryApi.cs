using System.Net.Http.Json;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Organizations;

/// <summary>The effective-dated organization REST shapes as a client sees them, and helpers to call them.</summary>
public static class OrganizationHistoryApi
{
    public sealed record DatedOrganization(Guid Id, Guid SubsidiaryId, Guid? ParentId, string Name, string Kind, string Path, long Version,
        string Status, int Depth, string CreatedOn, string LastChangedOn, string? EndedOn, Guid? MergedIntoId);
    public sealed record OrganizationChange(Guid Id, Guid OrganizationId, string Kind, string EffectiveOn, string? OldName, string? NewName,
        Guid? OldParentId, Guid? NewParentId, Guid? MergedIntoId, Guid? MergedFromId, DateTimeOffset RecordedAt, string? RecordedBy);
    public sealed record SubtreeCounts(int Organizations, int Committees, int GeneralBranches, int Branches, int Groups, int Members);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, int status)
    {
        await EnsureAsync(response, status);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static async Task<DatedOrganization> CreateDatedAsync(this HttpClient client, Guid subsidiaryId, string kind, Guid? parentId, string name, string effectiveOn) =>
        await (await client.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId, parentId, name, kind, effectiveOn })).ReadAsync<DatedOrganization>(201);

    public static async Task<DatedOrganization> GetDatedAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/organizations/{id}")).ReadAsync<DatedOrganization>(200);

    public static async Task<List<DatedOrganization>> TreeAsync(this HttpClient client, Guid subsidiaryId, string query = "") =>
        (await (await client.GetAsync($"/api/v1/subsidiaries/{subsidiaryId}/organizations?pageSize=200{query}")).ReadAsync<PagedList<DatedOrganization>>(200)).Items;

    public static async Task<List<OrganizationChange>> HistoryAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/organizations/{id}/history")).ReadAsync<List<OrganizationChange>>(200);
}
