using System.Globalization;
using System.Net.Http.Json;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.Lists;

/// <summary>The problem and resource lists' API as the tests call it.</summary>
public static class ListApi
{
    public sealed record ListedProblem(Guid Id, Guid AllianceId, string AllianceName, Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId,
        string UnitName, bool External, string Title, string Need, string Category, string Urgency, List<string> Tags, string? WantedBy, string State,
        string? Outcome, string? WithdrawReason, long Version, bool CanChange);

    public sealed record Window(string From, string To);
    public sealed record Person(Guid? PersonId, string Name, List<string> Skills);

    public sealed record Offer(Guid Id, string Scope, Guid? AllianceId, Guid? MemberUnitId, Guid? OrganizationId, string UnitName, bool External,
        string Kind, string Title, List<string> Tags, decimal? Capacity, string? CapacityUnit, int Used, List<Window> Windows, List<Person> People,
        string State, long Version, bool CanChange);

    public sealed record Part(string Name, double Points, string Zh, string En);
    public sealed record Ranked(Offer Offer, double Score, List<Part> Parts);
    public sealed record RankedList(Guid ProblemId, int Candidates, List<Ranked> Items);

    public sealed record Match(Guid Id, Guid ProblemId, Guid OfferId, string State, double Score, List<Part> Parts, string? DeclineReason,
        string? Outcome, List<string> EvidenceLinks, long Version, bool CanDecide);

    public sealed record Catalogue(Guid AllianceId, string AllianceName, string From, string To, List<Offer> Offers);

    public static string InDays(int days) => DateTime.UtcNow.AddHours(8).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object ProblemBody(PartyAlliance alliance, Guid memberUnitId, string title, string category = "venue", string[]? tags = null) => new
    {
        allianceId = alliance.Id, memberUnitId, title, need = "主题党日需要能坐80人的会议室，有投影。", category, urgency = "high",
        tags = tags ?? ["党日活动", "会议室"], wantedBy = InDays(30),
    };

    public static object OfferBody(PartyAlliance alliance, Guid memberUnitId, string title, string kind = "venue", string[]? tags = null, decimal? capacity = 2) => new
    {
        allianceId = alliance.Id, memberUnitId, kind, title, description = "120座，投影音响齐全", tags = tags ?? ["会议室", "党日活动"],
        capacity, capacityUnit = "场", windows = new[] { new { from = InDays(0), to = InDays(90) } },
        people = new[] { new { name = "会务小王", skills = new[] { "会务" } } },
    };

    public static object GroupOfferBody(Guid organizationId, string title, string kind = "venue") => new
    {
        scope = "group", organizationId, kind, title, description = "集团共享", tags = new[] { "会议室" },
        windows = new[] { new { from = InDays(0), to = InDays(90) } },
    };

    public static async Task<ListedProblem> PostProblemAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/problems") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (await client.SendAsync(request)).ReadAsync<ListedProblem>(201);
    }

    public static async Task<Offer> OfferResourceAsync(this HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/v1/resource-offers", body)).ReadAsync<Offer>(201);

    public static async Task<ListedProblem> GetProblemAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/problems/{id}")).ReadAsync<ListedProblem>(200);

    public static async Task<RankedList> RankAsync(this HttpClient client, Guid problemId) =>
        await (await client.GetAsync($"/api/v1/problems/{problemId}/matches")).ReadAsync<RankedList>(200);

    public static async Task<Match> ProposeAsync(this HttpClient client, Guid problemId, Guid offerId) =>
        await (await client.PostAsJsonAsync($"/api/v1/problems/{problemId}/proposals", new { offerId })).ReadAsync<Match>(201);
}
