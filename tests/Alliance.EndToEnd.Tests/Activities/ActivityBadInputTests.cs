using System.Net.Http.Json;
using System.Text;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.ServiceCenters.ServiceCenterApi;

namespace Alliance.EndToEnd.Tests.Activities;

/// <summary>Every activity endpoint answers bad input with problem details naming the fields (never a 500), and writes nothing.</summary>
[Collection(StackCollection.Name)]
public class ActivityBadInputTests(StackFixture stack)
{
    public static TheoryData<object, string[]> BadSchedules => new()
    {
        { new { }, ["title", "typeId", "hosts", "startsAt", "endsAt", "venue"] },
        { new { title = new string('x', 201), typeId = JointStudy, hosts = new[] { new { organizationId = Guid.NewGuid() } }, startsAt = "tomorrow",
            endsAt = "2026-01-15 25:00", venue = new { address = " " }, agenda = new string('x', 4001) }, ["title", "startsAt", "endsAt", "venue", "agenda"] },
        { new { title = "t", typeId = JointStudy, hosts = new object[] { new { }, new { organizationId = Guid.NewGuid(), memberUnitId = Guid.NewGuid() }, new { memberUnitId = Guid.NewGuid() } },
            startsAt = "2026-01-15T16:00", endsAt = "2026-01-15T14:00", venue = new { serviceCenterId = Guid.NewGuid(), address = "x" } },
            ["hosts[0]", "hosts[1]", "hosts[2].memberUnitId", "endsAt", "venue"] },
        { new { title = "t", typeId = JointStudy, hosts = new[] { new { organizationId = Guid.NewGuid() } }, allianceId = Guid.NewGuid(), pairingId = Guid.NewGuid(),
            startsAt = "2026-01-15T14:00", endsAt = "2026-01-30T14:01", venue = new { address = new string('x', 201) } }, ["pairingId", "endsAt", "venue.address"] },
        { new { title = "t", typeId = JointStudy, hosts = new[] { new { organizationId = Guid.NewGuid() } }, startsAt = "2030-01-15T14:00", endsAt = "2030-01-15T15:00",
            venue = new { address = "x" } }, ["startsAt"] },
        { new { title = "t", typeId = JointStudy, hosts = Enumerable.Range(0, 21).Select(_ => new { organizationId = Guid.NewGuid() }).ToArray(),
            startsAt = "2026-01-15T14:00", endsAt = "2026-01-15T15:00", venue = new { address = "x" }, expectedVersion = 1 }, ["hosts", "expectedVersion"] },
    };

    [Theory]
    [MemberData(nameof(BadSchedules))]
    public async Task A_bad_schedule_is_a_400_with_field_errors_and_writes_nothing(object body, string[] fields)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var before = (await admin.ListActivitiesAsync()).Total;

        var response = await admin.PostAsJsonAsync("/api/v1/activities", body);

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys(fields);
        (await admin.ListActivitiesAsync()).Total.Should().Be(before);
    }

    [Fact]
    public async Task Unknown_type_host_alliance_pairing_member_unit_or_center_is_a_404_on_its_field()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();

        async Task<string[]> FieldsOf(Dictionary<string, object?> body) =>
            (await (await admin.PostAsJsonAsync("/api/v1/activities", body)).ProblemAsync(404)).Errors!.Keys.ToArray();

        (await FieldsOf(Body([s.CommitteeA], typeId: Guid.NewGuid().ToString()))).Should().Equal("typeId");
        (await FieldsOf(Body([s.CommitteeA, Guid.NewGuid()]))).Should().Equal("hosts[1].organizationId");
        (await FieldsOf(Body([s.CommitteeA], allianceId: Guid.NewGuid()))).Should().Equal("allianceId");
        (await FieldsOf(Body([s.CommitteeA], serviceCenterId: Guid.NewGuid()))).Should().Equal("venue.serviceCenterId");
        var withPairing = Body([s.CommitteeA]);
        withPairing["pairingId"] = Guid.NewGuid();
        (await FieldsOf(withPairing)).Should().Equal("pairingId");
        var withUnit = Body([s.CommitteeA], allianceId: s.Alliance.Id);
        withUnit["hosts"] = new object[] { new { organizationId = s.CommitteeA }, new { memberUnitId = Guid.NewGuid() } };
        (await FieldsOf(withUnit)).Should().Equal("hosts[1].memberUnitId");
    }

    [Fact]
    public async Task A_closed_service_center_or_a_dissolved_host_is_a_409_on_its_field()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(admin);
        var center = await admin.OpenCenterAsync(committee.Id, NewCode("中心"));
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/service-centers/{center.Id}/close", new { closedOn = "2026-01-01" }), 200);
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, "撤销的支部");
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/dissolve", new { }), 200);

        (await (await admin.PostAsJsonAsync("/api/v1/activities", Body([committee.Id], serviceCenterId: center.Id))).ProblemAsync(409))
            .Errors.Should().ContainKey("venue.serviceCenterId");
        (await (await admin.PostAsJsonAsync("/api/v1/activities", Body([committee.Id, branch.Id]))).ProblemAsync(409))
            .Errors.Should().ContainKey("hosts[1].organizationId");
    }

    public static TheoryData<string> BadLists => new()
    {
        "?from=2026-02-30", "?to=soon", "?from=2026-03-10&to=2026-03-01", "?sort=bogus", "?measure=honesty", "?status=done",
    };

    [Theory]
    [MemberData(nameof(BadLists))]
    public async Task A_bad_list_query_is_a_400_naming_the_parameter(string query)
    {
        var member = await stack.SignedInAsync(Roles.GroupAdmin);

        var problem = await (await member.GetAsync($"/api/v1/activities{query}")).ProblemAsync(400);

        problem.Errors.Should().ContainKey(query.Split('&')[^1].TrimStart('?').Split('=')[0]);
    }

    public static TheoryData<string, string, object, string[]> BadChanges => new()
    {
        { "PUT", "", new { expectedVersion = 0 }, ["title", "typeId", "hosts", "startsAt", "endsAt", "venue", "expectedVersion"] },
        { "POST", "/held", new { outcomeNotes = new string('x', 8001), expectedVersion = -1 }, ["outcomeNotes", "expectedVersion"] },
        { "PUT", "/outcome", new { outcomeNotes = new string('x', 8001) }, ["outcomeNotes"] },
        { "POST", "/cancel", new { reason = " " }, ["reason"] },
        { "POST", "/cancel", new { reason = new string('x', 501), expectedVersion = 0 }, ["reason", "expectedVersion"] },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_a_400_with_field_errors_and_changes_nothing(string method, string path, object body, string[] fields)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(admin);
        var activity = await admin.ScheduleAsync(Body([committee.Id]));

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/activities/{activity.Id}{path}") { Content = JsonContent.Create(body) });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys(fields);
        var after = await admin.GetActivityAsync(activity.Id);
        (after.Version, after.Status).Should().Be((activity.Version, "planned"));
    }

    [Fact]
    public async Task A_revision_with_an_end_before_the_start_or_a_booked_center_changes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(admin);
        var center = await admin.OpenCenterAsync(committee.Id, NewCode("中心"));
        await admin.ScheduleAsync(Body([committee.Id], "2026-01-15T14:00", "2026-01-15T16:00", center.Id));
        var activity = await admin.ScheduleAsync(Body([committee.Id], "2026-01-16T14:00", "2026-01-16T16:00", center.Id));

        var inverted = Body([committee.Id], "2026-01-16T16:00", "2026-01-16T15:00", center.Id);
        var clash = Body([committee.Id], "2026-01-15T15:00", "2026-01-15T17:00", center.Id);
        clash["expectedVersion"] = activity.Version;

        (await (await admin.PutAsJsonAsync($"/api/v1/activities/{activity.Id}", inverted)).ProblemAsync(400)).Errors.Should().ContainKey("endsAt");
        (await (await admin.PutAsJsonAsync($"/api/v1/activities/{activity.Id}", clash)).ProblemAsync(409)).Errors.Should().ContainKey("venue.serviceCenterId");
        (await admin.GetActivityAsync(activity.Id)).Version.Should().Be(activity.Version);
    }

    [Fact]
    public async Task Malformed_JSON_and_wrongly_typed_values_are_400_problems_not_500()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);

        var broken = await admin.PostAsync("/api/v1/activities", new StringContent("{\"title\":", Encoding.UTF8, "application/json"));
        var wrongType = await admin.PostAsync("/api/v1/activities", new StringContent("{\"typeId\":\"not-a-guid\",\"hosts\":7}", Encoding.UTF8, "application/json"));
        var control = await admin.PostAsJsonAsync("/api/v1/activities", new { title = "a\u0001b" });

        await broken.ProblemAsync(400);
        await wrongType.ProblemAsync(400);
        (await control.ProblemAsync(400)).Errors.Should().ContainKey("title");
    }

    public static TheoryData<string, string, object, string[]> BadTypes => new()
    {
        { "POST", "", new { code = "Not A Code", nameZh = "", nameEn = new string('x', 51), measure = "honesty" }, ["nameZh", "nameEn", "measure"] },
        { "POST", "", new { code = "读书会", nameZh = "读书会", nameEn = "Reading", measure = "study" }, ["code"] },
        { "POST", "", new { }, ["code", "nameZh", "nameEn", "measure"] },
        { "PUT", "/0199a000-0000-7000-8000-000000000001", new { nameZh = "联学", nameEn = "Joint study", expectedVersion = 0 }, ["measure", "expectedVersion"] },
    };

    [Theory]
    [MemberData(nameof(BadTypes))]
    public async Task A_bad_activity_type_is_a_400_with_field_errors(string method, string path, object body, string[] fields)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/activity-types{path}") { Content = JsonContent.Create(body) });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys(fields);
        var types = await (await admin.GetAsync("/api/v1/activity-types?includeRetired=true")).ReadAsync<List<ActivityType>>(200);
        types.Single(t => t.Code == "joint-study").Version.Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_activity_or_type_is_a_404()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var id = Guid.NewGuid();

        foreach (var response in new[]
        {
            await admin.GetAsync($"/api/v1/activities/{id}"),
            await admin.GetAsync($"/api/v1/activities/{id}/history"),
            await admin.PostAsJsonAsync($"/api/v1/activities/{id}/cancel", new { reason = "x" }),
            await admin.PostAsJsonAsync($"/api/v1/activities/{id}/held", new { }),
            await admin.PutAsJsonAsync($"/api/v1/activities/{id}/outcome", new { outcomeNotes = "x" }),
            await admin.PutAsJsonAsync($"/api/v1/activity-types/{id}", new { nameZh = "a", nameEn = "b", measure = "work" }),
        })
            await response.ProblemAsync(404);
    }
}
