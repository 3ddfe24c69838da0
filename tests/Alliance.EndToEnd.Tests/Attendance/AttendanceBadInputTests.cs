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
/// Bad input on every attendance endpoint: a problem with the field at fault (400, 404 or 409), never a 500, and nothing
/// written: check-in outside the window, with a stale, wrong or malformed code, as an unknown or uninvited person, at a
/// cancelled activity; invitations of unknown organizations, people and units; exports and feeds asked wrongly.
/// </summary>
[Collection(StackCollection.Name)]
public class AttendanceBadInputTests(StackFixture stack)
{
    [Fact]
    public async Task Check_in_outside_the_window_with_a_bad_code_as_an_unknown_person_or_at_a_cancelled_activity_is_a_problem_and_writes_nothing()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await groupAdmin.SubsidiaryWithCommitteeAsync("坏输入企业");
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        var member = await stack.SignedInAsync(Roles.Member, subsidiary.Id, "小王");
        var now = await secretary.ScheduleAsync(Now([committee.Id]));
        var tomorrow = await secretary.ScheduleAsync(Body([committee.Id], FromNow(60 * 24), FromNow(60 * 26), title: NewCode("明天")));
        var stranger = await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id)).RegisterPersonAsync(subsidiary.Id, "未受邀");

        (await (await member.CheckInAsync(now.Id, "12ab56")).ProblemAsync(400)).Errors.Should().ContainKey("code");
        (await (await member.CheckInAsync(now.Id, "1234567")).ProblemAsync(400)).Errors.Should().ContainKey("code");
        (await (await member.CheckInAsync(now.Id, null)).ProblemAsync(400)).Errors.Should().ContainKey("code");
        (await (await member.PostAsync($"/api/v1/activities/{now.Id}/check-in", JsonContent.Create(new { personId = "nope" }))).ProblemAsync(400)).Status.Should().Be(400);
        (await (await member.CheckInAsync(now.Id, null, Guid.NewGuid())).ProblemAsync(404)).Errors.Should().ContainKey("personId");
        (await (await member.CheckInAsync(now.Id, null, stranger.Id)).ProblemAsync(409)).Errors!["personId"].Single().Should().Contain("not invited");
        var early = await (await member.CheckInAsync(tomorrow.Id, "123456")).ProblemAsync(409);
        early.Errors!["activityId"].Single().Should().Contain("opens at");
        (await (await secretary.GetAsync($"/api/v1/activities/{tomorrow.Id}/check-in-code")).ProblemAsync(409)).Errors.Should().ContainKey("activityId");

        var shown = (await secretary.CodeAsync(now.Id)).Code;
        var wrong = shown == "000000" ? "999999" : "000000";
        (await (await member.CheckInAsync(now.Id, wrong)).ProblemAsync(409)).Errors!["code"].Single().Should().Contain("not the code");
        // Wait (bounded) until two newer codes have been shown: the first is then past its grace.
        var next = await EventuallyAsync(() => secretary.CodeAsync(now.Id), c => c.Code != shown, TimeSpan.FromSeconds(4 * StackFixture.CheckInCodeStepSeconds));
        await EventuallyAsync(() => secretary.CodeAsync(now.Id), c => c.Code != next.Code && c.Code != shown, TimeSpan.FromSeconds(4 * StackFixture.CheckInCodeStepSeconds));
        (await (await member.CheckInAsync(now.Id, shown)).ProblemAsync(409)).Errors!["code"].Single().Should().Contain("expired");

        await EnsureAsync(await secretary.PostAsJsonAsync($"/api/v1/activities/{tomorrow.Id}/cancel", new { reason = "暴雨" }), 200);
        (await (await member.CheckInAsync(tomorrow.Id, "123456")).ProblemAsync(409)).Errors!["activityId"].Single().Should().Contain("cancelled");
        (await (await secretary.PostAsJsonAsync($"/api/v1/activities/{tomorrow.Id}/participants", new { organizationId = committee.Id })).ProblemAsync(409))
            .Errors.Should().ContainKey("activityId");

        (await member.AttendanceAsync(now.Id)).CheckedIn.Should().Be(0);
        (await member.AttendanceAsync(tomorrow.Id)).CheckedIn.Should().Be(0);
        (await secretary.ParticipantsAsync(tomorrow.Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task Check_ins_and_feed_reads_past_their_limit_are_refused_with_429_and_retry_after_for_that_user_or_link_only()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await groupAdmin.SubsidiaryWithCommitteeAsync("限速企业");
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        var guesser = await stack.SignedInAsync(Roles.Member, subsidiary.Id, NewCode("猜码"));
        var activity = await secretary.ScheduleAsync(Now([committee.Id]));
        var shown = (await secretary.CodeAsync(activity.Id)).Code;
        var wrong = shown == "000000" ? "999999" : "000000";

        // 30 attempts a minute per user (a fixed window: a slow loop may cross into a second window and get more).
        var refused = await UntilRefusedAsync(() => guesser.CheckInAsync(activity.Id, wrong), 61, HttpStatusCode.Conflict);
        refused.Accepted.Should().BeGreaterThanOrEqualTo(30);
        var shownNow = (await secretary.CodeAsync(activity.Id)).Code;
        var problem = await (await guesser.CheckInAsync(activity.Id, shownNow)).ProblemAsync(429);
        problem.Detail.Should().Contain("try again");
        refused.RetryAfter.Should().BeInRange(1, 60);
        (await secretary.AttendanceAsync(activity.Id)).CheckedIn.Should().Be(0, "a refused attempt writes nothing");
        // Another user is not held back by the guesser.
        var colleague = await stack.SignedInAsync(Roles.Member, subsidiary.Id, NewCode("同事"));
        (await colleague.CheckInAsync(activity.Id, (await secretary.CodeAsync(activity.Id)).Code)).StatusCode.Should().Be(HttpStatusCode.Created);

        // 60 reads a minute per feed link; another link reads on.
        var feed = await (await secretary.PostAsJsonAsync("/api/v1/calendar-feeds", new { organizationId = committee.Id })).ReadAsync<CreatedCalendarFeed>(201);
        var other = await (await secretary.PostAsJsonAsync("/api/v1/calendar-feeds", new { organizationId = committee.Id })).ReadAsync<CreatedCalendarFeed>(201);
        var anonymous = stack.Anonymous();
        var reads = await UntilRefusedAsync(() => anonymous.GetAsync(new Uri(feed.Url).PathAndQuery), 121, HttpStatusCode.OK);
        reads.Accepted.Should().BeGreaterThanOrEqualTo(60);
        (await anonymous.GetAsync(new Uri(other.Url).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Sends until a 429 comes back (at most <paramref name="attempts"/> times); every earlier answer has the expected status.</summary>
    static async Task<(int Accepted, int RetryAfter)> UntilRefusedAsync(Func<Task<HttpResponseMessage>> send, int attempts, HttpStatusCode expected)
    {
        for (var accepted = 0; accepted < attempts; accepted++)
        {
            using var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return (accepted, int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));
            response.StatusCode.Should().Be(expected, $"attempt {accepted + 1} is within the limit");
        }
        throw new Xunit.Sdk.XunitException($"No 429 after {attempts} attempts");
    }

    [Fact]
    public async Task Invitations_exports_and_feeds_asked_wrongly_are_problems_on_their_fields()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await groupAdmin.SubsidiaryWithCommitteeAsync("坏输入企业");
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        var activity = await secretary.ScheduleAsync(Now([committee.Id]));
        var path = $"/api/v1/activities/{activity.Id}";

        (await (await secretary.PostAsJsonAsync($"{path}/participants", new { })).ProblemAsync(400)).Errors.Should().ContainKey("invitee");
        (await (await secretary.PostAsJsonAsync($"{path}/participants", new { organizationId = committee.Id, personId = Guid.NewGuid() })).ProblemAsync(400))
            .Errors.Should().ContainKey("invitee");
        (await (await secretary.PostAsJsonAsync($"{path}/participants", new { organizationId = Guid.NewGuid() })).ProblemAsync(404)).Errors.Should().ContainKey("organizationId");
        (await (await secretary.PostAsJsonAsync($"{path}/participants", new { personId = Guid.NewGuid() })).ProblemAsync(404)).Errors.Should().ContainKey("personId");
        (await (await secretary.PostAsJsonAsync($"{path}/participants", new { memberUnitId = Guid.NewGuid() })).ProblemAsync(404)).Errors.Should().ContainKey("memberUnitId");
        (await (await secretary.PostAsJsonAsync($"{path}/participants", new { organizationId = "x" })).ProblemAsync(400)).Status.Should().Be(400);
        (await (await secretary.DeleteAsync($"{path}/participants/{Guid.NewGuid()}")).ProblemAsync(404)).Errors.Should().ContainKey("participantId");
        (await secretary.ParticipantsAsync(activity.Id)).Total.Should().Be(0);

        (await (await secretary.GetAsync($"{path}/attendance/export?format=pdf")).ProblemAsync(400)).Errors.Should().ContainKey("format");
        (await (await secretary.GetAsync("/api/v1/activities/export?format=csv&from=2026-13-01")).ProblemAsync(400)).Errors.Should().ContainKey("from");
        (await (await secretary.GetAsync("/api/v1/activities/export?from=2026-03-01&to=2026-02-01")).ProblemAsync(400)).Errors.Should().ContainKey("to");
        (await (await secretary.GetAsync($"/api/v1/activities/{Guid.NewGuid()}/attendance/export")).ProblemAsync(404)).Status.Should().Be(404);
        (await (await secretary.GetAsync($"/api/v1/activities/{Guid.NewGuid()}/attendance")).ProblemAsync(404)).Status.Should().Be(404);
        (await (await secretary.GetAsync($"/api/v1/people/{Guid.NewGuid()}/attendance")).ProblemAsync(404)).Errors.Should().ContainKey("personId");

        (await (await secretary.PostAsJsonAsync("/api/v1/calendar-feeds", new { })).ProblemAsync(400)).Errors.Should().ContainKey("scope");
        (await (await secretary.PostAsJsonAsync("/api/v1/calendar-feeds", new { organizationId = committee.Id, allianceId = Guid.NewGuid() })).ProblemAsync(400))
            .Errors.Should().ContainKey("scope");
        (await (await secretary.PostAsJsonAsync("/api/v1/calendar-feeds", new { allianceId = Guid.NewGuid() })).ProblemAsync(404)).Errors.Should().ContainKey("allianceId");
        (await (await secretary.PostAsync($"/api/v1/calendar-feeds/{Guid.NewGuid()}/revoke", null)).ProblemAsync(404)).Status.Should().Be(404);
        (await (await stack.Anonymous().GetAsync("/api/v1/calendar-feeds/not-a-token.ics")).ProblemAsync(404)).Status.Should().Be(404);
    }
}
