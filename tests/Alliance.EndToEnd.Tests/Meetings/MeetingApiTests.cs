using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Meetings.MeetingApi;

namespace Alliance.EndToEnd.Tests.Meetings;

/// <summary>Joint meetings and supervision through the gateway: the way of an item from recorded to verified, refused transitions, the board.</summary>
[Collection(StackCollection.Name)]
public class MeetingApiTests(StackFixture stack)
{
    [Fact]
    public async Task A_secretary_records_a_meeting_once_per_key_and_an_item_goes_from_open_through_a_rejected_claim_to_verified()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await ActivityApiSetting(admin);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A, "李书记");
        var secretaryB = await stack.SignedInAsync(Roles.Secretary, s.B, "王书记");
        var unitA = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id;
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        var body = MeetingBody(s.Alliance, NewCode("联席会议"));

        var meeting = await secretaryA.RecordMeetingAsync(body, "meeting-key");
        var again = await secretaryA.RecordMeetingAsync(body, "meeting-key");
        again.Id.Should().Be(meeting.Id);
        meeting.CreatedBy.Should().Be("李书记");
        meeting.Attendees.Should().HaveCount(3).And.Contain(a => a.External);
        meeting.Attendees[0].People.Should().Equal("李书记");
        (await (await admin.GetAsync($"/api/v1/meetings?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Meeting>>(200)).Total.Should().Be(1);
        body["place"] = "城西党群服务中心";
        body["expectedVersion"] = meeting.Version;
        var revised = await (await secretaryB.PutAsJsonAsync($"/api/v1/meetings/{meeting.Id}", body)).ReadAsync<Meeting>(200);
        revised.UpdatedBy.Should().Be("王书记");
        var changes = await (await admin.GetAsync($"/api/v1/meetings/{meeting.Id}/history")).ReadAsync<List<Activities.ActivityApi.Change>>(200);
        changes.Select(c => c.Kind).Should().Equal("revised", "recorded");
        changes[0].Changes.Should().ContainSingle().Which.Should().Be(new Activities.ActivityApi.FieldChange("place", "城东党群服务中心", "城西党群服务中心"));

        var item = await secretaryA.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA, milestones: [new { title = "选址", dueOn = Day(10) }]));
        item.Should().BeEquivalentTo(new { State = "open", Colour = "green", OwnerName = s.Alliance.Members.Single(m => m.Id == unitB).Name, MayProgress = false, MaySupervise = true });

        var verifyEarly = await secretaryA.ActAsync(item.Id, "verify", new { });
        (await verifyEarly.ProblemAsync(409)).Detail.Should().Contain("claimed");
        var progress = await (await secretaryB.ActAsync(item.Id, "progress", new { note = "选址完成", links = new[] { "https://example.org/site" }, milestonesReached = new[] { 0 } }))
            .ReadAsync<DecisionItem>(200);
        progress.State.Should().Be("in-progress");
        progress.Milestones[0].ReachedOn.Should().NotBeNull();
        await (await secretaryB.ActAsync(item.Id, "claim", new { note = "三处均已建成" })).ReadAsync<DecisionItem>(200);
        (await (await secretaryB.ActAsync(item.Id, "verify", new { })).ProblemAsync(409)).Detail.Should().Contain("owner unit");
        var rejected = await (await secretaryA.ActAsync(item.Id, "reject", new { reason = "第三处尚未通电" })).ReadAsync<DecisionItem>(200);
        rejected.State.Should().Be("in-progress");
        await (await secretaryB.ActAsync(item.Id, "claim", new { note = "已通电" })).ReadAsync<DecisionItem>(200);
        var verified = await (await secretaryA.ActAsync(item.Id, "verify", new { note = "验收通过" })).ReadAsync<DecisionItem>(200);
        verified.Should().BeEquivalentTo(new { State = "verified", Colour = "none" });

        (await (await secretaryA.ActAsync(item.Id, "verify", new { })).ProblemAsync(409)).Detail.Should().Contain("already verified");
        (await (await secretaryA.ActAsync(item.Id, "cancel", new { reason = "x" })).ProblemAsync(409)).Should().NotBeNull();
        var history = await secretaryB.ItemHistoryAsync(item.Id);
        history.Select(e => e.Kind).Should().Equal("colour", "verified", "claimed", "rejected", "claimed", "progress", "recorded");
        history.Single(e => e.Kind == "progress").Links.Should().Equal("https://example.org/site");
        history.Single(e => e.Kind == "rejected").Should().Match<Entry>(e => e.Note == "第三处尚未通电" && e.By == "李书记" && e.FromState == "done");
        (await admin.GetItemAsync(item.Id)).Version.Should().Be(history[0].Version);
    }

    [Fact]
    public async Task The_board_groups_items_by_colour_and_owner_and_filters_by_owner_supervisor_and_state()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, meeting, unitA, unitB, bank) = await admin.MeetingSettingAsync();
        await admin.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA, Day(3), "临期事项"));
        await admin.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA, Day(60), "远期事项"));
        var cancelled = await admin.RecordItemAsync(meeting.Id, ItemBody(bank, unitA, Day(60), "银行事项"));
        await (await admin.ActAsync(cancelled.Id, "cancel", new { reason = "不再需要" })).ReadAsync<DecisionItem>(200);

        var board = await admin.BoardAsync($"?allianceId={s.Alliance.Id}");

        board.Items.Select(i => (i.Title, i.Colour)).Should().Equal(("临期事项", "yellow"), ("远期事项", "green"));
        board.Colours.Should().BeEquivalentTo([new ColourCount("yellow", 1), new ColourCount("green", 1)]);
        board.Owners.Should().ContainSingle().Which.Should().Match<OwnerCount>(o => o.OwnerMemberUnitId == unitB && o.Yellow == 1 && o.Green == 1);
        (await admin.BoardAsync($"?allianceId={s.Alliance.Id}&ownerMemberUnitId={bank}")).Total.Should().Be(0);
        (await admin.BoardAsync($"?allianceId={s.Alliance.Id}&state=cancelled")).Items.Should().ContainSingle().Which.CancelReason.Should().Be("不再需要");
        (await admin.BoardAsync($"?allianceId={s.Alliance.Id}&supervisorMemberUnitId={unitA}&colour=yellow")).Total.Should().Be(1);
        (await (await admin.GetAsync($"/api/v1/meetings/{meeting.Id}/decision-items")).ReadAsync<Board>(200)).Total.Should().Be(3);
        (await (await admin.GetAsync($"/api/v1/meetings/{meeting.Id}")).ReadAsync<Meeting>(200)).DecisionItemCount.Should().Be(3);
    }

    public sealed record Setting(Guid AllianceId, int DueSoonDays, bool Own, int GroupDueSoonDays, long Version, bool CanChange);

    [Fact]
    public async Task The_leads_planners_set_the_alliances_due_soon_days_and_the_board_colours_by_them()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, meeting, unitA, unitB, _) = await admin.MeetingSettingAsync();
        await admin.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA, Day(20), "二十天事项"));
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var secretaryB = await stack.SignedInAsync(Roles.Secretary, s.B);
        var path = $"/api/v1/supervision-settings/{s.Alliance.Id}";

        (await (await secretaryB.GetAsync(path)).ReadAsync<Setting>(200)).Should().Match<Setting>(x => !x.Own && x.DueSoonDays == 7 && !x.CanChange);
        (await secretaryB.PutAsJsonAsync(path, new { dueSoonDays = 30 })).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        (await (await secretaryA.PutAsJsonAsync(path, new { dueSoonDays = 61 })).ProblemAsync(400)).Errors.Should().ContainKey("dueSoonDays");
        var set = await (await secretaryA.PutAsJsonAsync(path, new { dueSoonDays = 30, expectedVersion = 0 })).ReadAsync<Setting>(200);
        (await (await secretaryA.PutAsJsonAsync(path, new { dueSoonDays = 10, expectedVersion = 5 })).ProblemAsync(409)).Should().NotBeNull();

        set.Should().Match<Setting>(x => x.Own && x.DueSoonDays == 30 && x.Version == 1);
        (await admin.BoardAsync($"?allianceId={s.Alliance.Id}")).Items.Single().Colour.Should().Be("yellow");
        await (await secretaryA.PutAsJsonAsync(path, new { dueSoonDays = (int?)null, expectedVersion = 1 })).ReadAsync<Setting>(200);
        (await admin.BoardAsync($"?allianceId={s.Alliance.Id}")).Items.Single().Colour.Should().Be("green");
    }

    static Task<Activities.ActivityApi.Setting> ActivityApiSetting(HttpClient admin) => Activities.ActivityApi.SettingAsync(admin);
}
