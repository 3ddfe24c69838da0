using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Meetings.MeetingApi;

namespace Alliance.EndToEnd.Tests.Meetings;

/// <summary>Bad input on the meeting and supervision endpoints: problem details naming the fields (never a 500), and nothing written.</summary>
[Collection(StackCollection.Name)]
public class MeetingBadInputTests(StackFixture stack)
{
    [Fact]
    public async Task A_bad_meeting_is_a_400_with_field_errors_and_unknown_alliance_or_unit_a_404_on_its_field()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, _, unitA, _, _) = await admin.MeetingSettingAsync();

        (await (await admin.PostAsJsonAsync("/api/v1/meetings", new { })).ProblemAsync(400)).Errors.Should()
            .ContainKeys("title", "allianceId", "startsAt", "place", "attendees");
        (await (await admin.PostAsJsonAsync("/api/v1/meetings", new
        {
            title = new string('x', 201), allianceId = s.Alliance.Id, startsAt = "tomorrow", place = "p",
            attendees = new object[] { new { memberUnitId = unitA }, new { memberUnitId = unitA }, new { } },
        })).ProblemAsync(400)).Errors.Should().ContainKeys("title", "startsAt", "attendees", "attendees[2].memberUnitId");

        var unknownAlliance = MeetingBody(s.Alliance);
        unknownAlliance["allianceId"] = Guid.NewGuid();
        (await (await admin.PostAsJsonAsync("/api/v1/meetings", unknownAlliance)).ProblemAsync(404)).Errors!.Keys.Should().Equal("allianceId");
        var unknownUnit = MeetingBody(s.Alliance);
        unknownUnit["attendees"] = new object[] { new { memberUnitId = unitA }, new { memberUnitId = Guid.NewGuid() } };
        (await (await admin.PostAsJsonAsync("/api/v1/meetings", unknownUnit)).ProblemAsync(404)).Errors!.Keys.Should().Equal("attendees[1].memberUnitId");
        (await (await admin.GetAsync($"/api/v1/meetings?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Meeting>>(200)).Total.Should().Be(1);
        (await (await admin.GetAsync("/api/v1/meetings?from=2026-12-01&to=2026-11-01")).ProblemAsync(400)).Errors.Should().ContainKey("to");
    }

    [Fact]
    public async Task A_bad_decision_item_dates_in_the_wrong_order_unknown_units_and_bad_evidence_are_refused_and_write_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, meeting, unitA, unitB, _) = await admin.MeetingSettingAsync();
        var path = $"/api/v1/meetings/{meeting.Id}/decision-items";

        (await (await admin.PostAsJsonAsync(path, new { })).ProblemAsync(400)).Errors.Should()
            .ContainKeys("title", "acceptanceCriteria", "ownerMemberUnitId", "supervisorMemberUnitId", "dueOn");
        (await (await admin.PostAsJsonAsync(path, ItemBody(unitB, unitA, Day(30), milestones:
            [new { title = "b", dueOn = Day(20) }, new { title = "a", dueOn = Day(10) }, new { title = "late", dueOn = Day(40) }])))
            .ProblemAsync(400)).Errors.Should().ContainKeys("milestones[1].dueOn", "milestones[2].dueOn");
        (await (await admin.PostAsJsonAsync(path, ItemBody(unitB, unitB))).ProblemAsync(400)).Errors.Should().ContainKey("supervisorMemberUnitId");
        (await (await admin.PostAsJsonAsync(path, ItemBody(unitB, unitA, "2020-01-01"))).ProblemAsync(400)).Errors.Should().ContainKey("dueOn");
        (await (await admin.PostAsJsonAsync(path, ItemBody(unitB, unitA, "31/12/2026"))).ProblemAsync(400)).Errors.Should().ContainKey("dueOn");
        (await (await admin.PostAsJsonAsync(path, ItemBody(Guid.NewGuid(), unitA))).ProblemAsync(404)).Errors!.Keys.Should().Equal("ownerMemberUnitId");
        (await (await admin.PostAsJsonAsync($"/api/v1/meetings/{Guid.NewGuid()}/decision-items", ItemBody(unitB, unitA))).ProblemAsync(404)).Should().NotBeNull();
        (await admin.BoardAsync($"?meetingId={meeting.Id}")).Total.Should().Be(0);

        var item = await admin.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA));
        (await (await admin.ActAsync(item.Id, "progress", new { note = "", links = new[] { "javascript:alert(1)" }, milestonesReached = new[] { -1 } }))
            .ProblemAsync(400)).Errors.Should().ContainKeys("note", "links[0]", "milestonesReached");
        (await (await admin.ActAsync(item.Id, "progress", new { note = "x", milestonesReached = new[] { 3 } })).ProblemAsync(400)).Errors.Should().ContainKey("milestonesReached");
        (await (await admin.ActAsync(item.Id, "reject", new { reason = " " })).ProblemAsync(400)).Errors.Should().ContainKey("reason");
        (await (await admin.ActAsync(item.Id, "cancel", new { reason = "x", expectedVersion = 0 })).ProblemAsync(400)).Errors.Should().ContainKey("expectedVersion");
        (await (await admin.ActAsync(item.Id, "claim", new { note = "x", expectedVersion = item.Version + 5 })).ProblemAsync(409)).Should().NotBeNull();
        (await (await admin.GetAsync("/api/v1/decision-items?colour=purple&state=closed")).ProblemAsync(400)).Errors.Should().ContainKeys("colour", "state");
        (await admin.GetItemAsync(item.Id)).Version.Should().Be(item.Version);
        (await admin.ItemHistoryAsync(item.Id)).Should().ContainSingle();
    }
}
