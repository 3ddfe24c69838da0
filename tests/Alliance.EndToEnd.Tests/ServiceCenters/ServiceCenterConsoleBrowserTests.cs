using Alliance.EndToEnd.Tests.Alliances;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.ServiceCenters.ServiceCenterApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;

namespace Alliance.EndToEnd.Tests.ServiceCenters;

/// <summary>The service center pages of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class ServiceCenterConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    static async Task SignInAsGroupAdminAsync(IPage page, Uri gateway)
    {
        await page.GotoAsync(gateway.ToString());
        await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
        await page.GetByTestId("username-input").FillAsync("阵地管理员");
        await page.GetByTestId("signin-button").ClickAsync();
        await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
    }

    [Fact]
    public async Task An_admin_opens_a_center_shares_it_with_an_alliance_revises_it_stops_sharing_and_closes_it()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync("阵地页面企业" + suffix[..4]);
        var alliance = await admin.FormAllianceAsync(committee.Id, "阵地共享联盟" + suffix);
        var centerName = "江湾党群服务中心" + suffix;

        var page = await NewPageAsync();
        await ScenarioAsync(page, "service-center-lifecycle", async () =>
        {
            await SignInAsGroupAdminAsync(page, stack.Gateway);

            // The list, reached from the navigation, with its open form.
            await page.GetByTestId("nav-service-centers").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("党群服务中心");
            await page.GetByTestId("center-owner-subsidiary").SelectOptionAsync(subsidiary.Id.ToString());
            await page.GetByTestId("center-owner").SelectOptionAsync(committee.Id.ToString());
            await page.GetByTestId("center-name").FillAsync(centerName);
            await page.GetByTestId("center-address").FillAsync("江湾路 8 号");
            await page.GetByTestId("center-capacity").FillAsync("150");
            await page.GetByTestId("center-opening-hours").FillAsync("周一至周五 9:00-17:00");
            await page.GetByTestId("center-submit").ClickAsync();
            await page.GetByTestId("success-banner").WaitForAsync();

            // Listed and found by its name.
            await page.GetByTestId("center-search").FillAsync(centerName);
            var row = page.GetByTestId("center-row").Filter(new() { HasText = centerName });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain(committee.Name).And.Contain("150").And.Contain("开放");

            // The detail page: share with the alliance of the subsidiary.
            await page.GetByTestId("created-link").ClickAsync();
            await page.GetByTestId("center-details").WaitForAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be(centerName);
            (await page.GetByTestId("center-opening-hours").InnerTextAsync()).Should().Be("周一至周五 9:00-17:00");
            await page.GetByTestId("share-empty").WaitForAsync();
            await page.Locator("[data-testid=share-alliance]:not([disabled])").WaitForAsync();
            await page.GetByTestId("share-alliance").SelectOptionAsync(alliance.Id.ToString());
            await page.GetByTestId("share-from").FillAsync("2026-01-01");
            await page.GetByTestId("share-submit").ClickAsync();
            var share = page.GetByTestId("share-row").Filter(new() { HasText = alliance.Name });
            await share.WaitForAsync();
            (await share.InnerTextAsync()).Should().Contain("长期");

            // Revise the capacity; the page shows the new figure after a reload.
            await page.GetByTestId("revise-capacity").FillAsync("180");
            await page.GetByTestId("revise-submit").ClickAsync();
            await page.GetByTestId("success-banner").Filter(new() { HasText = "信息已保存" }).WaitForAsync();
            await page.ReloadAsync();
            (await page.GetByTestId("center-capacity").InnerTextAsync()).Should().Contain("180");

            // Stop sharing on a given last day.
            await page.GetByTestId("share-stop").ClickAsync();
            await page.GetByTestId("share-stop-until").FillAsync("2026-02-01");
            await page.GetByTestId("share-stop-confirm").ClickAsync();
            await page.GetByTestId("success-banner").Filter(new() { HasText = "已停止共享" }).WaitForAsync();
            (await page.GetByTestId("share-until").InnerTextAsync()).Should().NotContain("长期");

            // Close: the record stays, read only.
            await page.GetByTestId("close-reason").FillAsync("场地改造");
            await page.GetByTestId("close-submit").ClickAsync();
            await page.GetByTestId("center-closed-on").WaitForAsync();
            (await page.GetByTestId("center-status-badge").InnerTextAsync()).Should().Be("已关闭");
            (await page.GetByTestId("revise-form").CountAsync()).Should().Be(0);
        });

        var stored = (await admin.ListCentersAsync($"?subsidiaryId={subsidiary.Id}")).Items.Should().ContainSingle().Subject;
        stored.Should().BeEquivalentTo(new { Name = centerName, Capacity = 180, Status = "closed", CloseReason = "场地改造" });
        stored.Shares.Single().SharedUntil.Should().Be("2026-02-01");
    }

    [Fact]
    public async Task The_open_form_shows_the_field_errors_the_gateway_returns_in_english_too()
    {
        var page = await NewPageAsync();
        await ScenarioAsync(page, "service-center-errors", async () =>
        {
            await SignInAsGroupAdminAsync(page, stack.Gateway);
            await page.GetByTestId("lang-switch").ClickAsync();

            await page.GotoAsync(new Uri(stack.Gateway, "/service-centers").ToString());
            await page.GetByTestId("center-form").WaitForAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Service centers");
            await page.GetByTestId("center-capacity").FillAsync("0");
            await page.GetByTestId("center-submit").ClickAsync();

            await page.GetByTestId("name-error").WaitForAsync();
            (await page.GetByTestId("address-error").InnerTextAsync()).Should().NotBeNullOrWhiteSpace();
            (await page.GetByTestId("capacity-error").InnerTextAsync()).Should().Contain("100000");
            (await page.GetByTestId("ownerOrganizationId-error").InnerTextAsync()).Should().NotBeNullOrWhiteSpace();
        });
    }

    [Fact]
    public async Task A_centers_page_lists_its_coming_bookings_and_its_past_ones()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync("预约企业" + suffix[..4]);
        var center = await admin.OpenCenterAsync(committee.Id, "预约党群服务中心" + suffix);
        var coming = await admin.ScheduleAsync(Body([committee.Id], FromNow(60 * 24 * 3),
            FromNow(60 * 24 * 3 + 120), serviceCenterId: center.Id, title: "预约的联学" + suffix));
        var past = await admin.ScheduleAsync(Body([committee.Id], "2026-01-15T14:00", "2026-01-15T16:00",
            serviceCenterId: center.Id, title: "过去的联学" + suffix));

        var page = await NewPageAsync();
        await ScenarioAsync(page, "service-center-bookings", async () =>
        {
            await SignInAsGroupAdminAsync(page, stack.Gateway);
            await page.GotoAsync(new Uri(stack.Gateway, $"/service-centers/{center.Id}").ToString());
            var rows = page.GetByTestId("center-booking-row");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            (await rows.GetAttributeAsync("data-activity-id")).Should().Be(coming.Id.ToString());
            await page.GetByTestId("center-bookings-when").SelectOptionAsync("past");
            await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-activity-id", past.Id.ToString());
            await Assertions.Expect(rows).ToHaveCountAsync(1);
        });
    }
}
