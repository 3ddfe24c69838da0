using System.Net.Http.Json;
using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;
using static Alliance.EndToEnd.Tests.Meetings.MeetingApi;

namespace Alliance.EndToEnd.Tests.Partners;

/// <summary>
/// A partner in the console (Debian's Chromium, headless, whole stack): My decision items holds only their unit's item,
/// they report progress and claim it on its page, read the meeting without others' items, and check in at their
/// alliance's activity with the code shown at the venue (read from the API as the venue's screen shows it).
/// </summary>
[Collection(StackCollection.Name)]
public class PartnerItemsBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task A_partner_opens_my_decision_items_reports_progress_claims_done_and_checks_in_with_a_code_in_both_languages()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var bankName = NewCode("光大银行");
        var alliance = await groupAdmin.JoinAsync(s.Alliance, Bank(bankName));
        var bank = alliance.Members.Single(m => m.Name == bankName).Id;
        var (unitA, unitB) = (alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id, alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id);
        var userName = NewCode("gd.bank");
        await (await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A)).PostAsJsonAsync("/api/v1/partner-accounts",
            new { allianceId = alliance.Id, memberUnitId = bank, userName, displayName = "孙行长", phone = "13800000000" })).ReadAsync<PartnerSecurityTests.PartnerAccount>(201);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var meeting = await secretaryA.RecordMeetingAsync(MeetingBody(alliance, NewCode("联席会议")));
        var own = await secretaryA.RecordItemAsync(meeting.Id, ItemBody(bank, unitA, title: NewCode("开设服务窗口"), milestones: [new { title = "选址", dueOn = Day(10) }]));
        var others = await secretaryA.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA, title: NewCode("共建充电桩")));
        var activity = await secretaryA.ScheduleAsync(Now([s.CommitteeA], NewCode("联盟签到"), alliance.Id));

        var page = await NewPageAsync();
        await ScenarioAsync(page, "partner-items", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("partner");
            await page.GetByTestId("username-input").FillAsync(userName);
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("alliance-row").First.WaitForAsync();

            // My decision items: the bank's item only.
            await page.GetByTestId("nav-supervision").ClickAsync();
            (await page.GetByTestId("board-title").InnerTextAsync()).Should().Be("我的决议事项");
            var card = page.GetByTestId("board-item").Filter(new() { HasText = own.Title });
            await card.WaitForAsync();
            (await page.GetByTestId("board-item").CountAsync()).Should().Be(1);
            (await page.GetByTestId("board-supervisor-filter").CountAsync()).Should().Be(0);

            // Its page: progress reaching the milestone, then the claim; no supervision forms.
            await card.Locator("a").ClickAsync();
            await page.GetByTestId("progress-form").WaitForAsync();
            (await page.GetByTestId("verify-form").CountAsync() + await page.GetByTestId("cancel-form").CountAsync()).Should().Be(0);
            await page.GetByTestId("progress-form-submit").ClickAsync();
            await page.Locator("[data-testid=progress-form] [data-field=note] .field-error:not([hidden])").WaitForAsync();
            await page.GetByTestId("progress-note").FillAsync("窗口已选址");
            await page.GetByTestId("progress-milestone").CheckAsync();
            await page.GetByTestId("progress-form-submit").ClickAsync();
            await page.GetByTestId("success-banner").WaitForAsync();
            await page.GetByTestId("item-state-badge").Filter(new() { HasText = "推进中" }).WaitForAsync();
            (await page.GetByTestId("item-history").InnerTextAsync()).Should().Contain("窗口已选址").And.Contain(userName);
            await page.GetByTestId("claim-note").FillAsync("窗口已开放");
            await page.GetByTestId("claim-form-submit").ClickAsync();
            await page.GetByTestId("item-state-badge").Filter(new() { HasText = "待核验" }).WaitForAsync();
            (await page.GetByTestId("progress-form").CountAsync()).Should().Be(0);

            // The meeting, with the bank's item only and no audit log.
            await page.GetByTestId("item-meeting").Locator("a").ClickAsync();
            await page.GetByTestId("meeting-items").WaitForAsync();
            (await page.GetByTestId("meeting-items").InnerTextAsync()).Should().Contain(own.Title).And.NotContain(others.Title);
            (await page.GetByTestId("meeting-history").CountAsync()).Should().Be(0);
            (await page.GetByTestId("error-banner").CountAsync()).Should().Be(0);
        });

        await ScenarioAsync(page, "partner-check-in", async () =>
        {
            await page.GotoAsync(new Uri(stack.Gateway, $"/activities/{activity.Id}").ToString());
            await page.GetByTestId("check-in-form").WaitForAsync();
            (await page.GetByTestId("attendance-summary").CountAsync()).Should().Be(0, "attendance views stay internal");

            // Without a code: the bank is not invited, so the code is asked for on its field.
            await page.GetByTestId("check-in-self").ClickAsync();
            await page.GetByTestId("code-error").WaitForAsync();

            // The code shown at the venue now (it may turn meanwhile: then the next one is read).
            for (var attempt = 0; ; attempt++)
            {
                await page.GetByTestId("check-in-code-input").FillAsync((await secretaryA.CodeAsync(activity.Id)).Code);
                await page.GetByTestId("check-in-submit").ClickAsync();
                var outcome = page.Locator("[data-testid=check-in-result] [data-testid=success-banner], [data-testid=code-error]:not([hidden])");
                await outcome.First.WaitForAsync();
                if (await page.Locator("[data-testid=check-in-result] [data-testid=success-banner]").CountAsync() == 1) break;
                if (attempt == 2) throw new Xunit.Sdk.XunitException("The code shown was refused three times.");
            }
            (await page.GetByTestId("check-in-result").InnerTextAsync()).Should().Contain("签到成功");

            // In English.
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("check-in-form").WaitForAsync();
            (await page.GetByTestId("check-in-self").InnerTextAsync()).Should().StartWith("Check in without a code");
            (await page.GetByTestId("nav-supervision").InnerTextAsync()).Should().Be("My decision items");
        });

        var attendance = await secretaryA.AttendanceAsync(activity.Id);
        attendance.Organizations.Single(o => o.Name == bankName).CheckedIn.Should().Be(1);
        (await secretaryA.GetItemAsync(own.Id)).State.Should().Be("done");
    }
}
