using System.Net.Http.Json;
using Alliance.EndToEnd.Tests.Alliances;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.ServiceCenters;

/// <summary>The service center REST shapes as a client sees them, and helpers to call them.</summary>
public static class ServiceCenterApi
{
    public sealed record Share(Guid AllianceId, string AllianceName, string SharedFrom, string? SharedUntil);
    public sealed record ServiceCenter(Guid Id, string Name, string Address, int Capacity, Guid OwnerOrganizationId, string OwnerName,
        Guid SubsidiaryId, string? ContactName, string? ContactPhone, string? OpeningHours, string? Facilities, string Status,
        string? ClosedOn, string? CloseReason, List<Share> Shares, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

    public static object Details(Guid ownerOrganizationId, string name = "城东党群服务中心", int capacity = 120) => new
    {
        ownerOrganizationId, name, address = "城东路 1 号", capacity, contactName = "李主任", contactPhone = "021-5555", openingHours = "9:00-17:00",
    };

    public static async Task<ServiceCenter> OpenCenterAsync(this HttpClient client, Guid ownerOrganizationId, string name = "城东党群服务中心", int capacity = 120) =>
        await (await client.PostAsJsonAsync("/api/v1/service-centers", Details(ownerOrganizationId, name, capacity))).ReadAsync<ServiceCenter>(201);

    public static async Task<ServiceCenter> GetCenterAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/service-centers/{id}")).ReadAsync<ServiceCenter>(200);

    public static async Task<PagedList<ServiceCenter>> ListCentersAsync(this HttpClient client, string query = "") =>
        await (await client.GetAsync($"/api/v1/service-centers{query}")).ReadAsync<PagedList<ServiceCenter>>(200);

    public static async Task<ServiceCenter> ShareAsync(this HttpClient client, ServiceCenter center, Guid allianceId, string sharedFrom = "2026-01-01") =>
        await (await client.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/shares",
            new { allianceId, sharedFrom, expectedVersion = center.Version })).ReadAsync<ServiceCenter>(200);
}
