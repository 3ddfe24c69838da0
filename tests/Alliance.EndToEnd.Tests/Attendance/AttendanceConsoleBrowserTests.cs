using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Alliances;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;
using static Alliance.EndToEnd.Tests.People.PeopleApi;

namespace Alliance.EndToEnd.Tests.Attendance;

/// <summary>Check-in on the console in Debian's Chromium, headless, against the whole stack: the code on the secretary's screen, entered by an attendee.</summary>
[Collection(StackCollection.Name)]
public class AttendanceConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    static async Task SignInAsync(IPage page, Uri gateway, string role, Guid subsidiaryId, string userName)
    {
        await page.GotoAsync(gateway.ToString());
        await page.GetByTestId("role-select").SelectOptionAsync(role);
        await page.GetByTestId("subsidiary-id-input").FillAsync(subsidiaryId.ToString());
        await page.GetByTestId("username-input").FillAsync(userName);
        await page.GetByTestId("signin-button").ClickAsync();
        await page.GetByTestId("nav-activities").WaitForAsync();
    }

    [Fact]
    public async Task A_secretary_invites_and_shows_the_code_an_attendee_enters_it_once_and_attendance_counts_it_in_both_languages()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (subsidiary, committee) = await groupAdmin.SubsidiaryWithCommitteeAsync("签到页面企业" + suffix[..4]);
        var activity = await (await stack.SignedInAsync(Roles.Secretary, subsidiary.Id)).ScheduleAsync(Now([committee.Id], "现场签到" + suffix));
        var activityUrl = new Uri(stack.Gateway, $"/activities/{activity.Id}").ToString();
        var zhang = await groupAdmin.RegisterPersonAsync(subsidiary.Id, "张三" + suffix);
        await groupAdmin.InviteAsync(activity.Id, new { personId = zhang.Id });

        var secretary = await NewPageAsync();
        var attendee = await NewPageAsync();
        await ScenarioAsync(secretary, "check-in-secretary", async () =>
        {
            await SignInAsync(secretary, stack.Gateway, Roles.Secretary, subsidiary.Id, "李书记");
            await secretary.GotoAsync(activityUrl);
            await secretary.GetByTestId("activity-details").WaitForAsync();

            // Invite the hosting committee from the form; the participant is listed.
            await secretary.Locator($"[data-testid=invite-organization] option[value='organizationId:{committee.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await secretary.GetByTestId("invite-organization").SelectOptionAsync($"organizationId:{committee.Id}");
            await secretary.GetByTestId("invite-submit").ClickAsync();
            await secretary.GetByTestId("success-banner").WaitForAsync();
            await secretary.GetByTestId("participant").Filter(new() { HasText = committee.Name }).WaitForAsync();

            // The code, big, six digits.
            var code = secretary.GetByTestId("check-in-code");
            await secretary.WaitForFunctionAsync("() => /^[0-9]{6}$/.test(document.querySelector('[data-testid=check-in-code]').textContent)");
            (await secretary.GetByTestId("check-in-code-until").InnerTextAsync()).Should().Contain("有效至");
        });

        await ScenarioAsync(attendee, "check-in-attendee", async () =>
        {
            await SignInAsync(attendee, stack.Gateway, Roles.Member, subsidiary.Id, "小王");
            await attendee.GotoAsync(activityUrl);
            await attendee.GetByTestId("check-in-form").WaitForAsync();
            (await attendee.GetByTestId("check-in-code-panel").CountAsync()).Should().Be(0, "members are not shown the code");
            (await attendee.GetByTestId("invite-form").CountAsync()).Should().Be(0);

            // A wrong code is refused on the field.
            await attendee.GetByTestId("check-in-code-input").FillAsync("12ab");
            await attendee.GetByTestId("check-in-submit").ClickAsync();
            await attendee.GetByTestId("code-error").WaitForAsync();

            // The code on the secretary's screen, read just now (it may turn meanwhile: then the renewed one is read).
            for (var attempt = 0; ; attempt++)
            {
                var shown = await secretary.GetByTestId("check-in-code").InnerTextAsync();
                await attendee.GetByTestId("check-in-code-input").FillAsync(shown);
                await attendee.GetByTestId("check-in-submit").ClickAsync();
                var outcome = attendee.Locator("[data-testid=check-in-result] [data-testid=success-banner], [data-testid=code-error]:not([hidden])");
                await outcome.First.WaitForAsync();
                if (await attendee.Locator("[data-testid=check-in-result] [data-testid=success-banner]").CountAsync() == 1) break;
                if (attempt == 2) throw new Xunit.Sdk.XunitException("The code shown was refused three times.");
                await secretary.WaitForFunctionAsync($"() => document.querySelector('[data-testid=check-in-code]').textContent !== '{shown}'");
            }
            (await attendee.GetByTestId("check-in-result").InnerTextAsync()).Should().Contain("签到成功");

            // Again: counted once.
            var again = await secretary.GetByTestId("check-in-code").InnerTextAsync();
            await attendee.GetByTestId("check-in-code-input").FillAsync(again);
            await attendee.GetByTestId("check-in-submit").ClickAsync();
            await attendee.Locator("[data-testid=check-in-result]").Filter(new() { HasText = "无需重复签到" }).WaitForAsync();

            // The attendance, in English.
            await attendee.ReloadAsync();
            await attendee.Locator("[data-testid=attendance-checked-in]").Filter(new() { HasText = "1" }).WaitForAsync();
            await attendee.GetByTestId("lang-switch").ClickAsync();
            await attendee.GetByTestId("check-in-form").WaitForAsync();
            (await attendee.GetByTestId("check-in-submit").InnerTextAsync()).Should().Be("Check in");
            await attendee.Locator("[data-testid=attendance-summary]").Filter(new() { HasText = "Checked in" }).WaitForAsync();
            (await attendee.GetByTestId("attendance-checked-in").InnerTextAsync()).Should().Be("1");
        });

        await ScenarioAsync(secretary, "person-attendance", async () =>
        {
            // The person invited by name has the activity in their history.
            await secretary.GotoAsync(new Uri(stack.Gateway, $"/people/{zhang.Id}").ToString());
            var row = secretary.GetByTestId("person-attendance-row").Filter(new() { HasText = activity.Title });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain("✓");
        });

        var attendance = await groupAdmin.AttendanceAsync(activity.Id);
        attendance.CheckedIn.Should().Be(1);
        (await groupAdmin.GetAsync($"/api/v1/activities/{activity.Id}/check-ins")).EnsureSuccessStatusCode();
    }
}
