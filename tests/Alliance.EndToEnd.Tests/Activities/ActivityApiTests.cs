using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.ServiceCenters.ServiceCenterApi;

namespace Alliance.EndToEnd.Tests.Activities;

/// <summary>Activities through the gateway on the whole stack: scheduling with a booked venue, the month's list, revision, holding, cancelling, the audit.</summary>
[Collection(StackCollection.Name)]
public class ActivityApiTests(StackFixture stack)
{
    [Fact]
    public async Task An_alliance_activity_is_scheduled_with_hosts_of_two_subsidiaries_and_an_external_unit_at_a_booked_center_and_read_in_China_time()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var secretaryOfA = await stack.SignedInAsync(Roles.Secretary, s.A, "李书记");
        var center = await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A)).OpenCenterAsync(s.CommitteeA, NewCode("中心"));
        var bank = s.Alliance.Members.Single(m => m.External is not null);
        var body = Body([s.CommitteeA], "2026-01-15T14:00", "2026-01-15T16:00+08:00", center.Id, s.Alliance.Id);
        body["hosts"] = new object[] { new { organizationId = s.CommitteeA }, new { organizationId = s.CommitteeB }, new { memberUnitId = bank.Id } };

        var activity = await secretaryOfA.ScheduleAsync(body);

        activity.Status.Should().Be("planned");
        activity.Measure.Should().Be("study");
        activity.TypeNameZh.Should().Be("联学");
        activity.Hosts.Select(h => (h.SubsidiaryId, h.External)).Should().Equal((s.A, false), (s.B, false), (null, true));
        activity.AllianceName.Should().Be(s.Alliance.Name);
        activity.Venue.Should().Be(new Venue(center.Id, center.Name, center.Address));
        activity.StartsAt.Should().Be(new DateTimeOffset(2026, 1, 15, 14, 0, 0, TimeSpan.FromHours(8)));
        activity.StartsAt.Offset.Should().Be(TimeSpan.FromHours(8));
        activity.CanChange.Should().BeTrue();
        activity.CreatedBy.Should().Be("李书记");
        var raw = await (await secretaryOfA.GetAsync($"/api/v1/activities/{activity.Id}")).Content.ReadAsStringAsync();
        raw.Should().Contain("\"startsAt\":\"2026-01-15T14:00:00+08:00\"");
        // Another subsidiary of the alliance sees it and reads it, but may not change it.
        var adminOfB = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.B);
        (await adminOfB.GetActivityAsync(activity.Id)).CanChange.Should().BeTrue("B hosts it too");
        (await adminOfB.ListActivitiesAsync($"?allianceId={s.Alliance.Id}&from=2026-01-01&to=2026-01-31")).Items.Select(a => a.Id).Should().Equal(activity.Id);
        (await adminOfB.ListActivitiesAsync($"?serviceCenterId={center.Id}&status=planned&measure=study")).Total.Should().Be(1);
    }

    [Fact]
    public async Task A_second_overlapping_booking_is_a_409_on_the_venue_and_of_two_at_once_exactly_one_is_booked()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin);
        var center = await groupAdmin.OpenCenterAsync(committee.Id, NewCode("中心"));
        await groupAdmin.ScheduleAsync(Body([committee.Id], "2026-01-20T09:00", "2026-01-20T11:00", center.Id));

        var overlap = await groupAdmin.PostAsJsonAsync("/api/v1/activities", Body([committee.Id], "2026-01-20T10:30", "2026-01-20T12:00", center.Id));
        var problem = await overlap.ProblemAsync(409);
        problem.Errors.Should().ContainKey("venue.serviceCenterId").WhoseValue.Single().Should().Contain("2026-01-20T09:00:00+08:00");
        await groupAdmin.ScheduleAsync(Body([committee.Id], "2026-01-20T11:00", "2026-01-20T12:00", center.Id));

        var racing = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            groupAdmin.PostAsJsonAsync("/api/v1/activities", Body([committee.Id], "2026-01-21T09:00", $"2026-01-21T1{i}:00", center.Id, title: $"并发{i}"))));
        racing.Select(r => (int)r.StatusCode).Order().Should().Equal(201, 409);
        (await groupAdmin.ListActivitiesAsync($"?serviceCenterId={center.Id}")).Total.Should().Be(3);
    }

    [Fact]
    public async Task A_repeated_schedule_with_the_same_Idempotency_Key_answers_the_first_activity()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin);
        var title = NewCode("幂等");

        var first = await groupAdmin.ScheduleAsync(Body([committee.Id], title: title), "activity-key-1");
        var again = await groupAdmin.ScheduleAsync(Body([committee.Id], title: title), "activity-key-1");

        again.Id.Should().Be(first.Id);
        (await groupAdmin.ListActivitiesAsync($"?search={title}")).Total.Should().Be(1);
    }

    [Fact]
    public async Task A_planned_activity_is_revised_then_held_with_its_outcome_and_the_history_says_who_changed_what()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin);
        var admin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id, "王管理员");
        var activity = await admin.ScheduleAsync(Body([committee.Id]));
        var future = Body([committee.Id], "2027-06-01T09:00", "2027-06-01T10:00", typeId: PartyDay);
        future["expectedVersion"] = activity.Version;

        var revised = await (await admin.PutAsJsonAsync($"/api/v1/activities/{activity.Id}", future)).ReadAsync<Activity>(200);
        var early = await admin.PostAsJsonAsync($"/api/v1/activities/{activity.Id}/held", new { outcomeNotes = "太早", expectedVersion = revised.Version });
        (await early.ProblemAsync(409)).Errors.Should().ContainKey("status");
        var back = Body([committee.Id], "2026-01-15T14:00", "2026-01-15T16:00");
        back["expectedVersion"] = revised.Version;
        var past = await (await admin.PutAsJsonAsync($"/api/v1/activities/{activity.Id}", back)).ReadAsync<Activity>(200);
        var held = await (await admin.PostAsJsonAsync($"/api/v1/activities/{activity.Id}/held", new { outcomeNotes = "学习了三中全会精神", expectedVersion = past.Version }))
            .ReadAsync<Activity>(200);
        var notes = await (await admin.PutAsJsonAsync($"/api/v1/activities/{activity.Id}/outcome", new { outcomeNotes = "补充：形成三条措施", expectedVersion = held.Version }))
            .ReadAsync<Activity>(200);
        var cancel = await admin.PostAsJsonAsync($"/api/v1/activities/{activity.Id}/cancel", new { reason = "晚了", expectedVersion = notes.Version });

        revised.Measure.Should().Be("organization");
        held.Status.Should().Be("held");
        held.HeldAt.Should().NotBeNull();
        notes.OutcomeNotes.Should().Be("补充：形成三条措施");
        (await cancel.ProblemAsync(409)).Errors.Should().ContainKey("status");
        var history = await admin.HistoryAsync(activity.Id);
        history.Select(h => h.Kind).Should().Equal("outcome-revised", "held", "revised", "revised", "scheduled");
        history.Should().OnlyContain(h => h.ChangedBy == "王管理员" && h.ChangedByRole == "subsidiary-admin");
        history[3].Changes.Should().ContainEquivalentOf(new FieldChange("measure", "study", "organization"));
        history[0].Changes.Should().Equal(new FieldChange("outcomeNotes", "学习了三中全会精神", "补充：形成三条措施"));
    }

    [Fact]
    public async Task Cancelling_releases_the_venue_and_a_stale_version_changes_nothing()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin);
        var center = await groupAdmin.OpenCenterAsync(committee.Id, NewCode("中心"));
        var activity = await groupAdmin.ScheduleAsync(Body([committee.Id], "2026-02-02T09:00", "2026-02-02T11:00", center.Id));

        var stale = await groupAdmin.PostAsJsonAsync($"/api/v1/activities/{activity.Id}/cancel", new { reason = "场地维修", expectedVersion = activity.Version + 1 });
        (await stale.ProblemAsync(409)).Detail.Should().Contain("changed by someone else");
        var cancelled = await (await groupAdmin.PostAsJsonAsync($"/api/v1/activities/{activity.Id}/cancel", new { reason = "场地维修", expectedVersion = activity.Version }))
            .ReadAsync<Activity>(200);
        var rebooked = await groupAdmin.ScheduleAsync(Body([committee.Id], "2026-02-02T09:00", "2026-02-02T11:00", center.Id));

        cancelled.Status.Should().Be("cancelled");
        cancelled.CancelReason.Should().Be("场地维修");
        rebooked.Venue.ServiceCenterId.Should().Be(center.Id);
    }

    [Fact]
    public async Task A_group_admin_adds_a_type_under_a_measure_retires_it_and_a_retired_type_takes_no_new_activity()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (_, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin);
        var code = NewCode("t").ToLowerInvariant();

        var type = await (await groupAdmin.PostAsJsonAsync("/api/v1/activity-types", new { code, nameZh = "读书会", nameEn = "Reading circle", measure = "study" }))
            .ReadAsync<ActivityType>(201);
        var twice = await groupAdmin.PostAsJsonAsync("/api/v1/activity-types", new { code, nameZh = "读书会", nameEn = "Reading", measure = "work" });
        var activity = await groupAdmin.ScheduleAsync(Body([committee.Id], typeId: type.Id.ToString()));
        var retired = await (await groupAdmin.PutAsJsonAsync($"/api/v1/activity-types/{type.Id}",
            new { nameZh = "读书会", nameEn = "Reading circle", measure = "integrity", retired = true, expectedVersion = type.Version })).ReadAsync<ActivityType>(200);
        var refused = await groupAdmin.PostAsJsonAsync("/api/v1/activities", Body([committee.Id], typeId: type.Id.ToString()));

        (await twice.ProblemAsync(409)).Errors.Should().ContainKey("code");
        retired.Retired.Should().BeTrue();
        (await refused.ProblemAsync(409)).Errors.Should().ContainKey("typeId");
        (await groupAdmin.GetActivityAsync(activity.Id)).Measure.Should().Be("study", "an activity keeps its measure");
        var types = await (await groupAdmin.GetAsync("/api/v1/activity-types")).ReadAsync<List<ActivityType>>(200);
        types.Should().NotContain(t => t.Id == type.Id);
        types.Where(t => t.BuiltIn).Select(t => t.NameZh).Should().Contain(["联学", "共同过党日", "联上党课", "参观交流", "志愿服务", "讲座", "现场会"]);
        (await (await groupAdmin.GetAsync("/api/v1/activity-types?includeRetired=true")).ReadAsync<List<ActivityType>>(200)).Should().Contain(t => t.Id == type.Id);
    }

    [Fact]
    public async Task The_list_pages_and_sorts_and_a_month_selects_the_activities_that_overlap_it()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await Alliances.AllianceApi.SubsidiaryWithCommitteeAsync(groupAdmin);
        var reader = await stack.SignedInAsync(Roles.Member, subsidiary.Id);
        var tag = NewCode("月");
        await groupAdmin.ScheduleAsync(Body([committee.Id], "2026-03-31T20:00", "2026-04-01T02:00", title: $"{tag} 跨月"));
        await groupAdmin.ScheduleAsync(Body([committee.Id], "2026-04-10T09:00", "2026-04-10T10:00", title: $"{tag} 四月"));
        await groupAdmin.ScheduleAsync(Body([committee.Id], "2026-05-01T00:00", "2026-05-01T01:00", title: $"{tag} 五月"));

        var april = await reader.ListActivitiesAsync($"?search={Uri.EscapeDataString(tag)}&from=2026-04-01&to=2026-04-30");
        var page2 = await reader.ListActivitiesAsync($"?search={Uri.EscapeDataString(tag)}&sort=-starts&page=2&pageSize=2");

        april.Items.Select(a => a.Title).Should().Equal($"{tag} 跨月", $"{tag} 四月");
        april.Items.Should().OnlyContain(a => !a.CanChange);
        page2.Total.Should().Be(3);
        page2.Items.Select(a => a.Title).Should().Equal($"{tag} 跨月");
        (await reader.GetAsync($"/api/v1/activities/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
