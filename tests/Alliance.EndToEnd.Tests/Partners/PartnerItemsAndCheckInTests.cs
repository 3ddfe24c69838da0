using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;
using static Alliance.EndToEnd.Tests.Meetings.MeetingApi;

namespace Alliance.EndToEnd.Tests.Partners;

/// <summary>
/// A partner through the gateway on their own unit's decision items (read, report progress, claim; never supervise;
/// others' items not found) and checking in at their alliance's activities, with every other role's rights around them.
/// </summary>
[Collection(StackCollection.Name)]
public class PartnerItemsAndCheckInTests(StackFixture stack)
{
    sealed record Scene(Setting S, PartyAlliance Alliance, Guid Bank, Guid UnitA, Guid UnitB, string BankName, string PartnerName, HttpClient Partner);

    /// <summary>The activity tests' setting with a bank of its own name in the alliance, and a partner account for a person of it.</summary>
    async Task<Scene> SceneAsync(HttpClient groupAdmin)
    {
        var s = await groupAdmin.SettingAsync();
        var bankName = NewCode("招商银行");
        var alliance = await groupAdmin.JoinAsync(s.Alliance, Bank(bankName));
        var bank = alliance.Members.Single(m => m.Name == bankName).Id;
        var userName = NewCode("bank.zhao");
        await (await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A)).PostAsJsonAsync("/api/v1/partner-accounts",
            new { allianceId = alliance.Id, memberUnitId = bank, userName, displayName = "赵行长", phone = "13800000000" })).ReadAsync<PartnerSecurityTests.PartnerAccount>(201);
        return new Scene(s, alliance, bank, alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id,
            alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id, bankName, userName, await stack.SignedInAsync(Roles.Partner, userName: userName));
    }

    [Fact]
    public async Task A_partner_reads_reports_on_and_claims_their_own_units_item_only_and_never_supervises()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var x = await SceneAsync(groupAdmin);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, x.S.A);
        var meeting = await secretaryA.RecordMeetingAsync(MeetingBody(x.Alliance, NewCode("联席会议")));
        var own = await secretaryA.RecordItemAsync(meeting.Id, ItemBody(x.Bank, x.UnitA, title: NewCode("开设服务窗口"), milestones: [new { title = "选址", dueOn = Day(10) }]));
        var others = await secretaryA.RecordItemAsync(meeting.Id, ItemBody(x.UnitB, x.UnitA, title: NewCode("共建充电桩")));
        var partner = x.Partner;

        var board = await partner.BoardAsync("?includeClosed=true&pageSize=200");
        board.Items.Select(i => i.Id).Should().Equal(own.Id);
        (await partner.BoardAsync($"?ownerMemberUnitId={x.UnitB}")).Total.Should().Be(0, "whatever the filter, only the partner's own items");
        var ofMeeting = await (await partner.GetAsync($"/api/v1/meetings/{meeting.Id}/decision-items")).ReadAsync<Board>(200);
        ofMeeting.Items.Select(i => i.Id).Should().Equal(own.Id);
        var shownMeeting = await (await partner.GetAsync($"/api/v1/meetings/{meeting.Id}")).ReadAsync<Meeting>(200);
        shownMeeting.DecisionItemCount.Should().Be(1);
        shownMeeting.Attendees.Where(a => !a.External).Should().OnlyContain(a => a.People.Count == 0);
        shownMeeting.CreatedBy.Should().BeEmpty();
        var item = await partner.GetItemAsync(own.Id);
        item.MayProgress.Should().BeTrue();
        item.MaySupervise.Should().BeFalse();
        foreach (var path in new[] { $"/api/v1/decision-items/{others.Id}", $"/api/v1/decision-items/{others.Id}/history" })
            (await partner.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        (await partner.ActAsync(others.Id, "progress", new { note = "代为汇报", expectedVersion = others.Version })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await partner.ActAsync(others.Id, "claim", new { note = "代为办结", expectedVersion = others.Version })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await partner.ActAsync(own.Id, "progress", new { expectedVersion = own.Version })).ProblemAsync(400)).Errors!.Should().ContainKey("note");

        var progressed = await (await partner.ActAsync(own.Id, "progress", new { note = "窗口已选址", expectedVersion = own.Version, milestonesReached = new[] { 0 } })).ReadAsync<DecisionItem>(200);
        var claimed = await (await partner.ActAsync(own.Id, "claim", new { note = "窗口已开放", expectedVersion = progressed.Version })).ReadAsync<DecisionItem>(200);

        progressed.State.Should().Be("in-progress");
        claimed.State.Should().Be("done");
        foreach (var action in new[] { "verify", "reject", "cancel" })
            (await partner.ActAsync(own.Id, action, new { reason = "不行", expectedVersion = claimed.Version })).StatusCode.Should().Be(HttpStatusCode.Forbidden, action);
        var history = await partner.ItemHistoryAsync(own.Id);
        history.Where(e => e.Kind is "progress" or "claimed").Should().OnlyContain(e => e.By == x.PartnerName && e.ByRole == Roles.Partner);
        history.Single(e => e.Kind == "recorded").By.Should().BeEmpty("a partner is not shown the group's staff");
        (await partner.GetItemAsync(own.Id)).Version.Should().Be(claimed.Version, "the refused supervision wrote nothing");
        (await (await secretaryA.ActAsync(own.Id, "verify", new { note = "已核实", expectedVersion = claimed.Version })).ReadAsync<DecisionItem>(200)).State.Should().Be("verified");
        (await (await secretaryA.GetAsync($"/api/v1/decision-items/{own.Id}/history")).ReadAsync<List<Entry>>(200))
            .Single(e => e.Kind == "claimed").By.Should().Be(x.PartnerName);
    }

    [Fact]
    public async Task Around_a_partners_item_members_may_not_report_other_subsidiaries_do_not_act_for_it_and_other_partners_do_not_see_it()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var x = await SceneAsync(groupAdmin);
        var other = await SceneAsync(groupAdmin);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, x.S.A);
        var meeting = await secretaryA.RecordMeetingAsync(MeetingBody(x.Alliance, NewCode("联席会议")));
        var own = await secretaryA.RecordItemAsync(meeting.Id, ItemBody(x.Bank, x.UnitA, title: NewCode("开设服务窗口")));
        var progress = new { note = "进展", expectedVersion = own.Version };

        (await (await stack.SignedInAsync(Roles.Member, x.S.A)).ActAsync(own.Id, "progress", progress)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await stack.SignedInAsync(Roles.Secretary, x.S.B)).ActAsync(own.Id, "progress", progress)).StatusCode.Should().Be(HttpStatusCode.Forbidden,
            "B is a member of the alliance, but A recorded the meeting and acts for the external owner");
        (await (await stack.SignedInAsync(Roles.Secretary, x.S.C)).GetAsync($"/api/v1/decision-items/{own.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Partner.GetAsync($"/api/v1/decision-items/{own.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a partner of another alliance's unit");
        (await other.Partner.ActAsync(own.Id, "progress", progress)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Partner.GetAsync($"/api/v1/meetings/{meeting.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Partner.BoardAsync("?pageSize=200")).Items.Should().NotContain(i => i.Id == own.Id);
        (await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, x.S.A)).GetItemAsync(own.Id)).MayProgress.Should().BeTrue();
        (await groupAdmin.GetItemAsync(own.Id)).Version.Should().Be(own.Version, "no refused report wrote anything");
    }

    [Fact]
    public async Task A_partner_checks_in_at_their_alliances_activity_with_the_code_once_and_is_counted_for_their_unit()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var x = await SceneAsync(groupAdmin);
        var other = await SceneAsync(groupAdmin);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, x.S.A);
        var activity = await secretaryA.ScheduleAsync(Now([x.S.CommitteeA], allianceId: x.Alliance.Id));
        await secretaryA.InviteAsync(activity.Id, new { memberUnitId = x.Bank });
        var partner = x.Partner;

        (await (await partner.CheckInAsync(activity.Id, "12ab")).ProblemAsync(400)).Errors!.Should().ContainKey("code");
        (await (await partner.CheckInAsync(activity.Id, null, Guid.NewGuid())).ProblemAsync(400)).Errors!.Should().ContainKey("personId");
        (await other.Partner.CheckInAsync(activity.Id, (await secretaryA.CodeAsync(activity.Id)).Code)).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "another alliance's partner does not see the activity");
        CheckInResult first = null!;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await partner.CheckInAsync(activity.Id, (await secretaryA.CodeAsync(activity.Id)).Code);
            if (response.StatusCode == HttpStatusCode.Created) { first = await response.ReadAsync<CheckInResult>(201); break; }
            response.StatusCode.Should().Be(HttpStatusCode.Conflict, "only a code that turned meanwhile is refused");
        }
        var again = await (await partner.CheckInAsync(activity.Id, null)).ReadAsync<CheckInResult>(200);

        first.Should().NotBeNull();
        first.CheckIn.Name.Should().Be("赵行长");
        first.CheckIn.OrganizationName.Should().Be(x.BankName);
        first.CheckIn.PersonId.Should().BeNull();
        first.CheckIn.SubsidiaryId.Should().BeNull();
        first.CheckIn.Method.Should().Be("code");
        again.AlreadyCheckedIn.Should().BeTrue();
        again.CheckIn.Id.Should().Be(first.CheckIn.Id);
        var attendance = await secretaryA.AttendanceAsync(activity.Id);
        attendance.CheckedIn.Should().Be(1);
        attendance.Organizations.Single(o => o.Name == x.BankName).Should().Match<OrganizationAttendance>(o => o.Invited == 1 && o.CheckedIn == 1);
        (await partner.GetAsync($"/api/v1/activities/{activity.Id}/attendance")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "attendance views stay internal");
    }

    [Fact]
    public async Task A_partner_checks_in_without_a_code_only_when_their_unit_is_invited_and_a_refusal_writes_nothing()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var x = await SceneAsync(groupAdmin);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, x.S.A);
        var activity = await secretaryA.ScheduleAsync(Now([x.S.CommitteeA], allianceId: x.Alliance.Id));
        var tomorrow = await secretaryA.ScheduleAsync(Body([x.S.CommitteeA], FromNow(24 * 60), FromNow(25 * 60), allianceId: x.Alliance.Id, title: NewCode("明日")));

        (await (await x.Partner.CheckInAsync(activity.Id, null)).ProblemAsync(409)).Errors!.Should().ContainKey("code");
        (await (await x.Partner.CheckInAsync(tomorrow.Id, null)).ProblemAsync(409)).Errors!.Should().ContainKey("activityId");
        (await secretaryA.AttendanceAsync(activity.Id)).CheckedIn.Should().Be(0);
        await secretaryA.InviteAsync(activity.Id, new { memberUnitId = x.Bank });

        var self = await (await x.Partner.CheckInAsync(activity.Id, null)).ReadAsync<CheckInResult>(201);

        self.CheckIn.Method.Should().Be("self");
        (await secretaryA.AttendanceAsync(activity.Id)).CheckedIn.Should().Be(1);
    }
}
