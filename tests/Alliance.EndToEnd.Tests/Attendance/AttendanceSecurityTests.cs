using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Alliances;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;
using static Alliance.EndToEnd.Tests.People.PeopleApi;

namespace Alliance.EndToEnd.Tests.Attendance;

/// <summary>
/// Every attendance endpoint for every role, in the hosting subsidiary (A), in one that only takes part in the alliance
/// served (B) and outside (C): everyone who sees the activity sees its participants and attendance and may check in;
/// planners of a host's subsidiary invite and are shown the code; nobody else learns it exists.
/// </summary>
[Collection(StackCollection.Name)]
public class AttendanceSecurityTests(StackFixture stack)
{
    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    [InlineData(Roles.Member)]
    public async Task Each_role_sees_attendance_where_it_sees_the_activity_and_invites_or_sees_the_code_only_as_a_hosts_planner(string role)
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var activity = await groupAdmin.ScheduleAsync(Now([s.CommitteeA], allianceId: s.Alliance.Id));
        var personOfA = await groupAdmin.RegisterPersonAsync(s.A, "甲的党员");
        var planner = role != Roles.Member;
        var path = $"/api/v1/activities/{activity.Id}";
        var inA = await stack.SignedInAsync(role, s.A, role + "-A");
        var inB = await stack.SignedInAsync(role, s.B, role + "-B");
        var inC = await stack.SignedInAsync(role, s.C, role + "-C");
        async Task<HttpStatusCode> Status(Task<HttpResponseMessage> call) => (await call).StatusCode;

        foreach (var (client, sees) in new[] { (inA, true), (inB, true), (inC, false) })
        {
            var reads = sees ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            (await Status(client.GetAsync($"{path}/participants"))).Should().Be(reads);
            (await Status(client.GetAsync($"{path}/attendance"))).Should().Be(reads);
            (await Status(client.GetAsync($"{path}/check-ins"))).Should().Be(reads);
            (await Status(client.GetAsync($"{path}/attendance/export?format=csv"))).Should().Be(reads);
            // Allowed through, a wrong code is a conflict on the code; not seen, the activity is not found.
            (await Status(client.CheckInAsync(activity.Id, "000000"))).Should().Be(sees ? HttpStatusCode.Conflict : HttpStatusCode.NotFound);
        }

        (await Status(inA.PostAsJsonAsync($"{path}/participants", new { organizationId = s.CommitteeA }))).Should().Be(planner ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        (await Status(inB.PostAsJsonAsync($"{path}/participants", new { organizationId = s.CommitteeB }))).Should().Be(HttpStatusCode.Forbidden);
        (await Status(inC.PostAsJsonAsync($"{path}/participants", new { organizationId = s.CommitteeC }))).Should().Be(planner ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        (await Status(inA.GetAsync($"{path}/check-in-code"))).Should().Be(planner ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        (await Status(inB.GetAsync($"{path}/check-in-code"))).Should().Be(HttpStatusCode.Forbidden);
        (await Status(inC.GetAsync($"{path}/check-in-code"))).Should().Be(planner ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        var invitation = (await groupAdmin.ParticipantsAsync(activity.Id)).Items.FirstOrDefault()
            ?? await groupAdmin.InviteAsync(activity.Id, new { organizationId = s.CommitteeA });
        (await Status(inB.DeleteAsync($"{path}/participants/{invitation.Id}"))).Should().Be(HttpStatusCode.Forbidden);
        (await Status(inC.DeleteAsync($"{path}/participants/{invitation.Id}"))).Should().Be(planner ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        (await groupAdmin.ParticipantsAsync(activity.Id)).Total.Should().Be(1);

        (await Status(inA.GetAsync($"/api/v1/people/{personOfA.Id}/attendance"))).Should().Be(HttpStatusCode.OK);
        (await Status(inC.GetAsync($"/api/v1/people/{personOfA.Id}/attendance"))).Should().Be(HttpStatusCode.NotFound);

        (await Status(inA.PostAsJsonAsync("/api/v1/calendar-feeds", new { organizationId = s.CommitteeA }))).Should().Be(planner ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        (await Status(inB.PostAsJsonAsync("/api/v1/calendar-feeds", new { allianceId = s.Alliance.Id }))).Should().Be(planner ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        (await Status(inC.PostAsJsonAsync("/api/v1/calendar-feeds", new { organizationId = s.CommitteeA }))).Should().Be(planner ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        (await Status(inC.PostAsJsonAsync("/api/v1/calendar-feeds", new { allianceId = s.Alliance.Id }))).Should().Be(planner ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        (await Status(inA.GetAsync("/api/v1/calendar-feeds"))).Should().Be(planner ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_group_admin_does_everything_and_a_feed_link_is_revoked_only_by_its_own_subsidiary()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var activity = await groupAdmin.ScheduleAsync(Now([s.CommitteeA], allianceId: s.Alliance.Id));
        var path = $"/api/v1/activities/{activity.Id}";

        await groupAdmin.InviteAsync(activity.Id, new { organizationId = s.CommitteeB });
        (await groupAdmin.CodeAsync(activity.Id)).Code.Should().HaveLength(6);
        (await (await groupAdmin.GetAsync($"{path}/attendance/export")).Content.ReadAsByteArrayAsync()).Should().NotBeEmpty();

        var adminOfA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);
        var feed = await (await adminOfA.PostAsJsonAsync("/api/v1/calendar-feeds", new { organizationId = s.CommitteeA })).ReadAsync<CreatedCalendarFeed>(201);
        var adminOfB = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.B);
        (await adminOfB.PostAsync($"/api/v1/calendar-feeds/{feed.Feed.Id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await adminOfB.GetAsync("/api/v1/calendar-feeds")).ReadAsync<PagedList<CalendarFeed>>(200)).Items.Should().NotContain(f => f.Id == feed.Feed.Id);
        (await groupAdmin.PostAsync($"/api/v1/calendar-feeds/{feed.Feed.Id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await stack.Anonymous().GetAsync(new Uri(feed.Url).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
