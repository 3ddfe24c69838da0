using System.Globalization;
using System.Net.Http.Json;
using Alliance.EndToEnd.Tests.Activities;
using Alliance.EndToEnd.Tests.Alliances;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Attendance;

/// <summary>The attendance REST shapes as a client sees them, and helpers to call them.</summary>
public static class AttendanceApi
{
    public sealed record Participant(Guid Id, Guid ActivityId, string Kind, Guid? OrganizationId, Guid? MemberUnitId, Guid? PersonId, Guid? SubsidiaryId,
        string Name, int ExpectedCount, int CheckedIn, DateTimeOffset InvitedAt, string InvitedBy, DateTimeOffset? WithdrawnAt, string? WithdrawnBy);
    public sealed record CheckIn(Guid Id, Guid ActivityId, string UserName, Guid? PersonId, string Name, Guid? OrganizationId, string? OrganizationName,
        Guid? SubsidiaryId, string Method, DateTimeOffset CheckedInAt);
    public sealed record CheckInResult(CheckIn CheckIn, bool AlreadyCheckedIn);
    public sealed record CheckInCode(Guid ActivityId, string Code, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int StepSeconds);
    public sealed record OrganizationAttendance(Guid? OrganizationId, string Name, int Invited, int CheckedIn);
    public sealed record ActivityAttendance(ActivityApi.Activity Activity, int Invited, int CheckedIn, double Rate, List<OrganizationAttendance> Organizations);
    public sealed record PersonAttendanceEntry(ActivityApi.Activity Activity, bool Invited, CheckIn? CheckIn);
    public sealed record PersonAttendance(Guid PersonId, string Name, int Attended, List<PersonAttendanceEntry> Items, int Total, int Page, int PageSize);
    public sealed record CalendarFeed(Guid Id, string Scope, Guid ScopeId, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy);
    public sealed record CreatedCalendarFeed(CalendarFeed Feed, string Url);

    /// <summary>An instant as the API takes it, in the group's calendar, minutes from now.</summary>
    public static string FromNow(double minutes) =>
        DateTimeOffset.UtcNow.AddMinutes(minutes).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);

    /// <summary>An activity whose check-in window is open now: started ten minutes ago, two hours long.</summary>
    public static Dictionary<string, object?> Now(Guid[] hosts, string? title = null, Guid? allianceId = null) =>
        ActivityApi.Body(hosts, FromNow(-10), FromNow(110), allianceId: allianceId, title: title ?? NewCode("签到"));

    public static async Task<Participant> InviteAsync(this HttpClient client, Guid activityId, object invitee) =>
        await (await client.PostAsJsonAsync($"/api/v1/activities/{activityId}/participants", invitee)).ReadAsync<Participant>(201);

    public static async Task<PagedList<Participant>> ParticipantsAsync(this HttpClient client, Guid activityId, string query = "") =>
        await (await client.GetAsync($"/api/v1/activities/{activityId}/participants{query}")).ReadAsync<PagedList<Participant>>(200);

    public static async Task<CheckInCode> CodeAsync(this HttpClient client, Guid activityId) =>
        await (await client.GetAsync($"/api/v1/activities/{activityId}/check-in-code")).ReadAsync<CheckInCode>(200);

    public static Task<HttpResponseMessage> CheckInAsync(this HttpClient client, Guid activityId, string? code, Guid? personId = null) =>
        client.PostAsJsonAsync($"/api/v1/activities/{activityId}/check-in", new { code, personId });

    public static async Task<ActivityAttendance> AttendanceAsync(this HttpClient client, Guid activityId) =>
        await (await client.GetAsync($"/api/v1/activities/{activityId}/attendance")).ReadAsync<ActivityAttendance>(200);
}
