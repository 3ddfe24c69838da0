using Alliance.EndToEnd.Tests.Alliances;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.ServiceCenters.ServiceCenterApi;

namespace Alliance.EndToEnd.Tests.Activities;

/// <summary>The activity pages of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class ActivityConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task A_planner_books_a_center_on_the_calendar_is_refused_an_overlap_on_the_venue_field_and_cancels_with_a_reason_in_both_languages()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync("活动页面企业" + suffix[..4]);
        var center = await admin.OpenCenterAsync(committee.Id, "江湾党群服务中心" + suffix);
        var title = "联学三中全会精神" + suffix;

        var page = await NewPageAsync();
        await ScenarioAsync(page, "activity-calendar", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("活动管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GetByTestId("nav-activities").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("联合活动");
            await page.GotoAsync(new Uri(stack.Gateway, "/activities?month=2027-03").ToString());
            (await page.GetByTestId("month-label").InnerTextAsync()).Should().Be("2027年3月");

            async Task FillAsync(string name, string starts, string ends)
            {
                await page.GetByTestId("activity-title").FillAsync(name);
                await page.Locator($"[data-testid=activity-type] option[value='{JointStudy}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.GetByTestId("activity-type").SelectOptionAsync(JointStudy);
                await page.GetByTestId("activity-starts-at").FillAsync(starts);
                await page.GetByTestId("activity-ends-at").FillAsync(ends);
                await page.Locator($"[data-testid=activity-center] option[value='{center.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.GetByTestId("activity-center").SelectOptionAsync(center.Id.ToString());
                await page.GetByTestId("activity-submit").ClickAsync();
            }

            // Hosts: the committee, picked by subsidiary.
            await page.Locator("[data-testid=activity-host-subsidiary]:not([disabled])").WaitForAsync();
            await page.GetByTestId("activity-host-subsidiary").SelectOptionAsync(subsidiary.Id.ToString());
            await page.Locator($"[data-testid=activity-host]:not([disabled]) option[value='{committee.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("activity-host").SelectOptionAsync(committee.Id.ToString());
            (await page.GetByTestId("activity-host").InputValueAsync()).Should().Be(committee.Id.ToString());
            await page.GetByTestId("activity-host-add").ClickAsync();
            (await page.GetByTestId("activity-host-item").InnerTextAsync()).Should().Contain(committee.Name);
            await FillAsync(title, "2027-03-10T14:00", "2027-03-10T16:00");
            await page.GetByTestId("success-banner").WaitForAsync();

            // On the calendar, on its day, with its time in China time.
            var item = page.Locator("[data-testid=calendar-day][data-day='2027-03-10'] [data-testid=calendar-item]").Filter(new() { HasText = title });
            await item.WaitForAsync();
            (await item.InnerTextAsync()).Should().Contain("14:00");

            // The same center at an overlapping time is refused on the venue field, and nothing is added.
            await FillAsync(title + "重复", "2027-03-10T15:00", "2027-03-10T17:00");
            var venueError = page.GetByTestId("serviceCenterId-error");
            await venueError.WaitForAsync();
            (await venueError.InnerTextAsync()).Should().Contain("2027-03-10T14:00:00+08:00");

            // The list view shows it with its measure.
            await page.GetByTestId("activity-view").SelectOptionAsync("list");
            var row = page.GetByTestId("activity-row").Filter(new() { HasText = title });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain("理论联学").And.Contain(center.Name).And.Contain("已计划");
            (await page.GetByTestId("activity-row").CountAsync()).Should().Be(1);

            // The activity page: details, history, cancel with a reason.
            await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.GetByTestId("activity-details").WaitForAsync();
            (await page.GetByTestId("activity-venue").InnerTextAsync()).Should().Contain(center.Name);
            (await page.GetByTestId("activity-hosts").InnerTextAsync()).Should().Contain(committee.Name);
            (await page.GetByTestId("history-entry").CountAsync()).Should().Be(1);
            await page.GetByTestId("cancel-reason").FillAsync("场地改造");
            await page.GetByTestId("cancel-form-submit").ClickAsync();
            await page.GetByTestId("activity-cancel-reason").WaitForAsync();
            (await page.GetByTestId("activity-status-badge").InnerTextAsync()).Should().Be("已取消");
            (await page.GetByTestId("history-entry").CountAsync()).Should().Be(2);
            (await page.GetByTestId("cancel-form").CountAsync()).Should().Be(0);

            // In English.
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("activity-details").WaitForAsync();
            (await page.GetByTestId("activity-status-badge").InnerTextAsync()).Should().Be("Cancelled");
            (await page.GetByTestId("activity-measure-name").InnerTextAsync()).Should().Be("Study together");
            (await page.GetByTestId("history-entry").First.InnerTextAsync()).Should().Contain("Cancelled").And.Contain("场地改造");
        });

        var stored = (await admin.ListActivitiesAsync($"?serviceCenterId={center.Id}")).Items.Should().ContainSingle().Subject;
        stored.Should().BeEquivalentTo(new { Title = title, Status = "cancelled", CancelReason = "场地改造", CreatedBy = "活动管理员" });
        stored.StartsAt.Should().Be(new DateTimeOffset(2027, 3, 10, 14, 0, 0, TimeSpan.FromHours(8)));
    }
}
