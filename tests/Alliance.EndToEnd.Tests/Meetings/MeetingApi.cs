using System.Net.Http.Json;
using Alliance.EndToEnd.Tests.Activities;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Meetings;

/// <summary>The joint meeting and supervision REST shapes as a client sees them, and helpers to call them.</summary>
public static class MeetingApi
{
    public sealed record Attendee(Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId, string Name, bool External, List<string> People);
    public sealed record Meeting(Guid Id, string Title, Guid AllianceId, string AllianceName, DateTimeOffset StartsAt, string Place, string? Minutes,
        List<Attendee> Attendees, Guid? ActivityId, Guid SubsidiaryId, int DecisionItemCount, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange);
    public sealed record Milestone(int Index, string Title, string DueOn, string? ReachedOn);
    public sealed record DecisionItem(Guid Id, Guid MeetingId, string MeetingTitle, Guid AllianceId, string AllianceName, string Title,
        string AcceptanceCriteria, Guid OwnerMemberUnitId, string OwnerName, string? OwnerPerson, string DueOn, List<Milestone> Milestones,
        Guid SupervisorMemberUnitId, string SupervisorName, string State, string Colour, bool BehindPlan, bool Escalated, string? CancelReason,
        DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool MayProgress, bool MaySupervise);
    public sealed record ColourCount(string Colour, int Count);
    public sealed record OwnerCount(Guid OwnerMemberUnitId, string OwnerName, int Red, int Yellow, int Green);
    public sealed record Board(List<DecisionItem> Items, int Total, int Page, int PageSize, List<ColourCount> Colours, List<OwnerCount> Owners);
    public sealed record Entry(Guid Id, string Kind, DateTimeOffset At, string By, string ByRole, string FromState, string ToState,
        string FromColour, string ToColour, string? Note, List<string> Links, List<Guid> AttachmentIds, long Version);

    /// <summary>The group's calendar day <paramref name="days"/> from today.</summary>
    public static string Day(int days) => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(days).ToString("yyyy-MM-dd");

    public static Dictionary<string, object?> MeetingBody(PartyAlliance alliance, string title = "第一次联席会议") => new()
    {
        ["title"] = title,
        ["allianceId"] = alliance.Id,
        ["startsAt"] = "2026-11-20T09:00",
        ["place"] = "城东党群服务中心",
        ["minutes"] = "议定共建事项",
        ["attendees"] = alliance.Members.Where(m => m.LeftOn is null).Select((m, i) => new { memberUnitId = m.Id, people = i == 0 ? new[] { "李书记" } : [] }).ToArray(),
    };

    public static Dictionary<string, object?> ItemBody(Guid owner, Guid supervisor, string? dueOn = null, string title = "共建充电桩", object[]? milestones = null) => new()
    {
        ["title"] = title,
        ["acceptanceCriteria"] = "三个小区各建成一处并通过验收",
        ["ownerMemberUnitId"] = owner,
        ["ownerPerson"] = "张经理",
        ["dueOn"] = dueOn ?? Day(60),
        ["supervisorMemberUnitId"] = supervisor,
        ["milestones"] = milestones ?? [],
    };

    public static async Task<Meeting> RecordMeetingAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/meetings") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (await client.SendAsync(request)).ReadAsync<Meeting>(201);
    }

    public static async Task<DecisionItem> RecordItemAsync(this HttpClient client, Guid meetingId, object body) =>
        await (await client.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/decision-items", body)).ReadAsync<DecisionItem>(201);

    public static async Task<DecisionItem> GetItemAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/decision-items/{id}")).ReadAsync<DecisionItem>(200);

    public static async Task<List<Entry>> ItemHistoryAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/decision-items/{id}/history")).ReadAsync<List<Entry>>(200);

    public static async Task<Board> BoardAsync(this HttpClient client, string query = "") =>
        await (await client.GetAsync($"/api/v1/decision-items{query}")).ReadAsync<Board>(200);

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, Guid id, string action, object body) =>
        client.PostAsJsonAsync($"/api/v1/decision-items/{id}/{action}", body);

    /// <summary>The activity tests' setting (A leads an alliance with B and a bank; C outside), with a meeting A recorded.</summary>
    public static async Task<(ActivityApi.Setting Setting, Meeting Meeting, Guid UnitA, Guid UnitB, Guid Bank)> MeetingSettingAsync(this HttpClient groupAdmin)
    {
        var s = await ActivityApi.SettingAsync(groupAdmin);
        var meeting = await groupAdmin.RecordMeetingAsync(MeetingBody(s.Alliance, NewCode("联席会议")));
        var unitA = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id;
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        var bank = s.Alliance.Members.Single(m => m.External is not null).Id;
        return (s, meeting, unitA, unitB, bank);
    }
}
