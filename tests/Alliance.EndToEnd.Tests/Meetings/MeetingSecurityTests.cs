using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Meetings.MeetingApi;

namespace Alliance.EndToEnd.Tests.Meetings;

/// <summary>
/// Meetings and supervision for every role in the lead's subsidiary (A, the supervising unit's), a member's (B, the owner
/// unit's) and outside (C): all in the alliance read; planners of A and B record; the owner's planners report and claim,
/// the supervisor's verify; members only read; C learns nothing.
/// </summary>
[Collection(StackCollection.Name)]
public class MeetingSecurityTests(StackFixture stack)
{
    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    [InlineData(Roles.Member)]
    public async Task Each_role_reads_its_alliances_meetings_and_acts_only_for_its_own_unit_as_a_planner(string role)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, meeting, unitA, unitB, _) = await admin.MeetingSettingAsync();
        var item = await admin.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA));
        var planner = role != Roles.Member;
        var inA = await stack.SignedInAsync(role, s.A);
        var inB = await stack.SignedInAsync(role, s.B);
        var inC = await stack.SignedInAsync(role, s.C);

        foreach (var reader in new[] { inA, inB })
        {
            (await (await reader.GetAsync($"/api/v1/meetings/{meeting.Id}")).ReadAsync<Meeting>(200)).CanChange.Should().Be(planner);
            (await reader.GetItemAsync(item.Id)).Title.Should().Be(item.Title);
            (await reader.ItemHistoryAsync(item.Id)).Should().ContainSingle();
            (await reader.BoardAsync($"?meetingId={meeting.Id}")).Total.Should().Be(1);
        }
        (await inA.GetItemAsync(item.Id)).Should().Match<DecisionItem>(i => i.MaySupervise == planner && !i.MayProgress);
        (await inB.GetItemAsync(item.Id)).Should().Match<DecisionItem>(i => i.MayProgress == planner && !i.MaySupervise);
        (await inC.GetAsync($"/api/v1/meetings/{meeting.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/decision-items/{item.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/decision-items/{item.Id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.BoardAsync($"?allianceId={s.Alliance.Id}")).Total.Should().Be(0);
        (await (await inC.GetAsync($"/api/v1/meetings?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Meeting>>(200)).Total.Should().Be(0);

        var denied = planner ? HttpStatusCode.Forbidden : HttpStatusCode.Forbidden;
        (await inA.ActAsync(item.Id, "progress", new { note = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "A supervises, it does not report");
        (await inC.ActAsync(item.Id, "progress", new { note = "x" })).StatusCode.Should().Be(planner ? HttpStatusCode.NotFound : denied);
        (await inB.ActAsync(item.Id, "cancel", new { reason = "x" })).StatusCode.Should().Be(planner ? HttpStatusCode.Conflict : denied, "the owner does not supervise its own item");
        (await inC.PostAsJsonAsync("/api/v1/meetings", MeetingBody(s.Alliance))).StatusCode.Should().Be(planner ? HttpStatusCode.NotFound : denied);
        (await inB.PostAsJsonAsync($"/api/v1/meetings/{meeting.Id}/decision-items", ItemBody(unitB, unitA, title: "乙提出")))
            .StatusCode.Should().Be(planner ? HttpStatusCode.Created : denied);
        (await inB.ActAsync(item.Id, "progress", new { note = "已开工" })).StatusCode.Should().Be(planner ? HttpStatusCode.OK : denied);
        (await inA.ActAsync(item.Id, "cancel", new { reason = "会议决定撤销" })).StatusCode.Should().Be(planner ? HttpStatusCode.OK : denied);
        (await admin.GetItemAsync(item.Id)).State.Should().Be(planner ? "cancelled" : "open");
    }
}
