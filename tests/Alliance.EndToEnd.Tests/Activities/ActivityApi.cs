using System.Net.Http.Json;
using Alliance.EndToEnd.Tests.Alliances;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Activities;

/// <summary>The activity REST shapes as a client sees them, and helpers to call them.</summary>
public static class ActivityApi
{
    public const string JointStudy = "0199a000-0000-7000-8000-000000000001";
    public const string PartyDay = "0199a000-0000-7000-8000-000000000002";

    public sealed record ActivityType(Guid Id, string Code, string NameZh, string NameEn, string Measure, bool Retired, bool BuiltIn, long Version);
    public sealed record Host(Guid? OrganizationId, Guid? SubsidiaryId, Guid? MemberUnitId, string Name, bool External);
    public sealed record Venue(Guid? ServiceCenterId, string? Name, string Address);
    public sealed record Activity(Guid Id, string Title, Guid TypeId, string TypeCode, string TypeNameZh, string TypeNameEn, string Measure,
        List<Host> Hosts, Guid? AllianceId, string? AllianceName, Guid? PairingId, string? PairingTitle, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
        Venue Venue, string? Agenda, string? OutcomeNotes, string Status, string? CancelReason, DateTimeOffset? HeldAt, DateTimeOffset? CancelledAt,
        Guid SubsidiaryId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange);
    public sealed record FieldChange(string Field, string OldValue, string NewValue);
    public sealed record Change(Guid Id, string Kind, long Version, DateTimeOffset ChangedAt, string ChangedBy, string ChangedByRole, List<FieldChange> Changes);

    /// <summary>An activity body: hosted by <paramref name="hosts"/> (organization ids), at an address unless a center is given.</summary>
    public static Dictionary<string, object?> Body(Guid[] hosts, string startsAt = "2026-01-15T14:00", string endsAt = "2026-01-15T16:00",
        Guid? serviceCenterId = null, Guid? allianceId = null, string title = "学习二十届三中全会精神", string typeId = JointStudy) => new()
    {
        ["title"] = title,
        ["typeId"] = typeId,
        ["hosts"] = hosts.Select(h => new { organizationId = h }).ToArray(),
        ["allianceId"] = allianceId,
        ["startsAt"] = startsAt,
        ["endsAt"] = endsAt,
        ["venue"] = serviceCenterId is { } c ? new { serviceCenterId = c } : new { address = "城东路 1 号" },
        ["agenda"] = "一、学习；二、交流",
    };

    public static async Task<Activity> ScheduleAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/activities") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (await client.SendAsync(request)).ReadAsync<Activity>(201);
    }

    public static async Task<Activity> GetActivityAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/activities/{id}")).ReadAsync<Activity>(200);

    public static async Task<PagedList<Activity>> ListActivitiesAsync(this HttpClient client, string query = "") =>
        await (await client.GetAsync($"/api/v1/activities{query}")).ReadAsync<PagedList<Activity>>(200);

    public static async Task<List<Change>> HistoryAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/activities/{id}/history")).ReadAsync<List<Change>>(200);

    /// <summary>Three subsidiaries with a committee each: A leads an alliance that B has joined; C stands outside.</summary>
    public static async Task<Setting> SettingAsync(this HttpClient groupAdmin)
    {
        var (a, committeeA) = await groupAdmin.SubsidiaryWithCommitteeAsync("甲企业");
        var (b, committeeB) = await groupAdmin.SubsidiaryWithCommitteeAsync("乙企业");
        var (c, committeeC) = await groupAdmin.SubsidiaryWithCommitteeAsync("丙企业");
        var alliance = await groupAdmin.JoinAsync(await groupAdmin.FormAllianceAsync(committeeA.Id, NewCode("联盟")), new { organizationId = committeeB.Id });
        alliance = await groupAdmin.JoinAsync(alliance, AllianceApi.Bank());
        return new Setting(a.Id, committeeA.Id, b.Id, committeeB.Id, c.Id, committeeC.Id, alliance);
    }

    public sealed record Setting(Guid A, Guid CommitteeA, Guid B, Guid CommitteeB, Guid C, Guid CommitteeC, AllianceApi.PartyAlliance Alliance);
}
