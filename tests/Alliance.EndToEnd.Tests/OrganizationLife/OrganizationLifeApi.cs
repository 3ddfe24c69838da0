using System.Net.Http.Json;
using Alliance.Contracts;
using Aspire.Hosting.Testing;
using Npgsql;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.OrganizationLife;

/// <summary>The organization-life and notification REST shapes as a client sees them, and helpers to call them.</summary>
public static class OrganizationLifeApi
{
    public const string BranchAssembly = "0199a000-0000-7000-8000-000000000008";
    public const string BranchCommittee = "0199a000-0000-7000-8000-000000000009";

    public sealed record MeetingRule(Guid Id, Guid? SubsidiaryId, string OrganizationKind, string NameZh, string NameEn, string Period,
        List<Guid> ActivityTypeIds, int RemindDaysBefore, bool Retired, long Version, DateTimeOffset UpdatedAt, string UpdatedBy);
    public sealed record RuleState(Guid RuleId, string NameZh, string NameEn, string Period, string PeriodKey, string FirstDay, string DueOn,
        string State, int HeldCount, DateTimeOffset? LastHeldAt);
    public sealed record Board(Guid OrganizationId, string Name, Guid SubsidiaryId, string OrganizationKind, string Today, int Due, int Done, int Overdue, List<RuleState> Rules);
    public sealed record Boards(List<Board> Items, int Total, int Page, int PageSize, string Today, int Organizations, int Due, int Done, int Overdue);
    public sealed record Notification(Guid Id, string Kind, Guid? SubsidiaryId, Guid? OrganizationId, string Title, string Text, string? Link, DateTimeOffset CreatedAt, bool Read);
    public sealed record Notifications(List<Notification> Items, int Total, int Page, int PageSize, int Unread);
    public sealed record UnreadCount(int Unread);
    public sealed record Channel(Guid Id, Guid SubsidiaryId, string Kind, string Name, string Target, bool HasSecret, bool Enabled, long Version);
    public sealed record Delivery(Guid Id, Guid NotificationId, string NotificationTitle, Guid ChannelId, string ChannelName, string ChannelKind,
        Guid? SubsidiaryId, string State, int Attempts, string? LastError);

    /// <summary>A subsidiary with a committee and a branch under it.</summary>
    public static async Task<(Subsidiary Subsidiary, Organization Committee, Organization Branch)> BranchAsync(this HttpClient groupAdmin, string name)
    {
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync(name);
        var committee = await groupAdmin.CreateOrganizationAsync(subsidiary.Id, "committee", name: name + "党委");
        var branch = await groupAdmin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, name + "第一党支部");
        return (subsidiary, committee, branch);
    }

    /// <summary>An activity of <paramref name="typeId"/> hosted by <paramref name="organization"/> two hours ago, recorded as held.</summary>
    public static async Task HoldAsync(this HttpClient client, Guid organization, string typeId)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-2).ToOffset(TimeSpan.FromHours(8));
        var activity = await client.ScheduleAsync(Body([organization], start.ToString("yyyy-MM-ddTHH:mm"), start.AddHours(1).ToString("yyyy-MM-ddTHH:mm"),
            title: "组织生活" + NewCode("L"), typeId: typeId));
        await EnsureAsync(await client.PostAsJsonAsync($"/api/v1/activities/{activity.Id}/held", new { outcomeNotes = "按期召开", expectedVersion = activity.Version }), 200);
    }

    public static async Task<Board> BoardAsync(this HttpClient client, Guid organization, string on = "") =>
        (await (await client.GetAsync($"/api/v1/organization-life/organizations/{organization}?on={on}")).ReadAsync<Board>(200));

    public static async Task<int> UnreadAsync(this HttpClient client) =>
        (await (await client.GetAsync("/api/v1/notifications/unread-count")).ReadAsync<UnreadCount>(200)).Unread;

    /// <summary>
    /// A notification in a subsidiary's inbox, written straight into the activity database: the reminder job and the
    /// escalation consumer that post them in production are tested in the activity service's own tests on a clock and
    /// on the broker; the stack runs the job only hourly.
    /// </summary>
    public static async Task<Guid> PlaceNotificationAsync(this StackFixture stack, Guid subsidiary, Guid? organization, string kind, string title, string? link = null)
    {
        var id = Guid.CreateVersion7();
        await using var db = new NpgsqlConnection(await stack.App.GetConnectionStringAsync(ResourceNames.Databases.Activity));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO notifications (id, key, kind, subsidiary_id, organization_id, title, text, link, created_at)
            VALUES (@id, @key, @kind, @subsidiary, @organization, @title, @text, @link, now())
            """, db);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("key", $"e2e:{id}");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("subsidiary", subsidiary);
        command.Parameters.AddWithValue("organization", (object?)organization ?? DBNull.Value);
        command.Parameters.AddWithValue("title", title);
        command.Parameters.AddWithValue("text", title + "。\nDetails in English.");
        command.Parameters.AddWithValue("link", (object?)link ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
