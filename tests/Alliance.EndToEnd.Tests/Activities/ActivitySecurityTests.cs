using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;

namespace Alliance.EndToEnd.Tests.Activities;

/// <summary>
/// Every activity endpoint for every role, in the hosting subsidiary (A), in a subsidiary that only takes part in the
/// alliance served (B), and outside (C): readers see, planners of a host's subsidiary change, nobody else learns it exists.
/// </summary>
[Collection(StackCollection.Name)]
public class ActivitySecurityTests(StackFixture stack)
{
    /// <summary>Each change endpoint, sent with a stale version: a caller allowed through gets 409, so nothing changes.</summary>
    static IEnumerable<(string Method, string Path, object Body)> StaleChanges(Activity activity, Guid host) =>
    [
        ("PUT", "", Body([host]).Append(new("expectedVersion", activity.Version + 7)).ToDictionary()),
        ("POST", "/held", new { outcomeNotes = "x", expectedVersion = activity.Version + 7 }),
        ("PUT", "/outcome", new { outcomeNotes = "x", expectedVersion = activity.Version + 7 }),
        ("POST", "/cancel", new { reason = "x", expectedVersion = activity.Version + 7 }),
    ];

    static Task<HttpResponseMessage> Send(HttpClient client, Activity activity, (string Method, string Path, object Body) change) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(change.Method), $"/api/v1/activities/{activity.Id}{change.Path}") { Content = JsonContent.Create(change.Body) });

    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    [InlineData(Roles.Member)]
    public async Task Each_role_reads_what_its_subsidiary_hosts_or_takes_part_in_and_changes_only_what_it_hosts_as_a_planner(string role)
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var activity = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], allianceId: s.Alliance.Id, title: NewCode("安全")));
        var planner = role != Roles.Member;

        var inA = await stack.SignedInAsync(role, s.A);
        var inB = await stack.SignedInAsync(role, s.B);
        var inC = await stack.SignedInAsync(role, s.C);

        (await inA.GetActivityAsync(activity.Id)).CanChange.Should().Be(planner);
        (await inB.GetActivityAsync(activity.Id)).CanChange.Should().BeFalse();
        (await inC.GetAsync($"/api/v1/activities/{activity.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inA.HistoryAsync(activity.Id)).Should().ContainSingle();
        (await inB.HistoryAsync(activity.Id)).Should().ContainSingle();
        (await inC.GetAsync($"/api/v1/activities/{activity.Id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inA.ListActivitiesAsync($"?search={activity.Title}")).Total.Should().Be(1);
        (await inB.ListActivitiesAsync($"?search={activity.Title}")).Total.Should().Be(1);
        (await inC.ListActivitiesAsync($"?search={activity.Title}")).Total.Should().Be(0);
        (await inC.ListActivitiesAsync($"?allianceId={s.Alliance.Id}")).Total.Should().Be(0);

        foreach (var change in StaleChanges(activity, s.CommitteeA))
        {
            (await Send(inA, activity, change)).StatusCode.Should().Be(planner ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden, $"{change.Method} {change.Path} in A");
            (await Send(inB, activity, change)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{change.Method} {change.Path} in B");
            (await Send(inC, activity, change)).StatusCode.Should().Be(planner ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, $"{change.Method} {change.Path} in C");
        }
        (await groupAdmin.GetActivityAsync(activity.Id)).Version.Should().Be(activity.Version);
    }

    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    public async Task A_planner_schedules_with_a_host_of_its_own_subsidiary_and_never_for_others_alone(string role)
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var inA = await stack.SignedInAsync(role, s.A);
        var inB = await stack.SignedInAsync(role, s.B);
        var inC = await stack.SignedInAsync(role, s.C);

        var own = await inA.ScheduleAsync(Body([s.CommitteeA, s.CommitteeB], allianceId: s.Alliance.Id));
        var onlyOthers = await inB.PostAsJsonAsync("/api/v1/activities", Body([s.CommitteeA], allianceId: s.Alliance.Id));
        var outsider = await inC.PostAsJsonAsync("/api/v1/activities", Body([s.CommitteeA]));
        var outsiderViaAlliance = await inC.PostAsJsonAsync("/api/v1/activities", Body([s.CommitteeC], allianceId: s.Alliance.Id));

        own.Hosts.Select(h => h.SubsidiaryId).Should().Equal(s.A, s.B);
        (await onlyOthers.ProblemAsync(403)).Errors.Should().ContainKey("hosts");
        (await outsider.ProblemAsync(404)).Errors.Should().ContainKey("hosts[0].organizationId");
        (await outsiderViaAlliance.ProblemAsync(404)).Errors.Should().ContainKey("allianceId");
        // B co-hosts it, so B's planners change it too.
        var cancelled = await (await inB.PostAsJsonAsync($"/api/v1/activities/{own.Id}/cancel", new { reason = "改期", expectedVersion = own.Version })).ReadAsync<Activity>(200);
        cancelled.Status.Should().Be("cancelled");
    }

    [Fact]
    public async Task A_member_may_not_schedule_and_only_group_admins_extend_the_types()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var member = await stack.SignedInAsync(Roles.Member, s.A);

        (await member.PostAsJsonAsync("/api/v1/activities", Body([s.CommitteeA]))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        foreach (var role in new[] { Roles.SubsidiaryAdmin, Roles.Secretary, Roles.Member })
        {
            var client = await stack.SignedInAsync(role, s.A);
            (await client.GetAsync("/api/v1/activity-types")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.PostAsJsonAsync("/api/v1/activity-types", new { code = "x-y", nameZh = "x", nameEn = "y", measure = "work" }))
                .StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.PutAsJsonAsync($"/api/v1/activity-types/{JointStudy}", new { nameZh = "改", nameEn = "x", measure = "work", retired = true }))
                .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        var types = await (await groupAdmin.GetAsync("/api/v1/activity-types")).ReadAsync<List<ActivityType>>(200);
        types.Single(t => t.Id == Guid.Parse(JointStudy)).NameZh.Should().Be("联学");
    }

    [Fact]
    public async Task Without_a_token_every_activity_endpoint_is_a_401()
    {
        var anonymous = stack.Anonymous();
        var id = Guid.NewGuid();

        foreach (var response in new[]
        {
            await anonymous.GetAsync("/api/v1/activities"),
            await anonymous.GetAsync($"/api/v1/activities/{id}"),
            await anonymous.GetAsync($"/api/v1/activities/{id}/history"),
            await anonymous.PostAsJsonAsync("/api/v1/activities", new { }),
            await anonymous.PutAsJsonAsync($"/api/v1/activities/{id}", new { }),
            await anonymous.PostAsJsonAsync($"/api/v1/activities/{id}/held", new { }),
            await anonymous.PutAsJsonAsync($"/api/v1/activities/{id}/outcome", new { }),
            await anonymous.PostAsJsonAsync($"/api/v1/activities/{id}/cancel", new { }),
            await anonymous.GetAsync("/api/v1/activity-types"),
            await anonymous.PostAsJsonAsync("/api/v1/activity-types", new { }),
            await anonymous.PutAsJsonAsync($"/api/v1/activity-types/{id}", new { }),
        })
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
