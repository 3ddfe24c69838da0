using Microsoft.Playwright;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;

namespace Alliance.EndToEnd.Tests.Partners;

/// <summary>Partner accounts in the console: given on the alliance page, then the partner's own view of it.</summary>
[Collection(StackCollection.Name)]
public class PartnerConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task An_admin_gives_a_bank_an_account_and_the_partner_signs_in_to_their_alliance_and_its_activities()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var bankName = NewCode("交通银行");
        var alliance = await groupAdmin.JoinAsync(s.Alliance, Bank(bankName));
        var activity = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], allianceId: alliance.Id, title: NewCode("联盟联学"),
            startsAt: "2026-12-10T14:00", endsAt: "2026-12-10T16:00"));
        var userName = NewCode("jt.bank");

        var page = await NewPageAsync();
        await ScenarioAsync(page, "partner-account", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("联盟管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/alliances/{alliance.Id}").ToString());

            // Only the current external units are offered; a missing name is a field error, then the account is listed.
            await page.GetByTestId("partner-form").WaitForAsync();
            await page.GetByTestId("partner-empty").WaitForAsync();
            (await page.GetByTestId("partner-unit-select").Locator("option").AllInnerTextsAsync()).Should().Contain(bankName)
                .And.NotContain(o => o.Contains("乙企业"));
            await page.GetByTestId("partner-unit-select").SelectOptionAsync(new SelectOptionValue { Label = bankName });
            await page.GetByTestId("partner-username-input").FillAsync(userName);
            await page.GetByTestId("partner-create").ClickAsync();
            await page.Locator("[data-field=displayName] .field-error:not([hidden])").WaitForAsync();
            await page.GetByTestId("partner-display-name-input").FillAsync("周经理");
            await page.GetByTestId("partner-create").ClickAsync();
            var row = page.GetByTestId("partner-row").Filter(new() { HasText = userName });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain("周经理").And.Contain(bankName).And.Contain("有效");

            // The partner signs in without a subsidiary and lands on their alliances; the navigation offers nothing else but
            // their unit's problems and offers (ADR 40).
            await page.GetByTestId("signout-button").ClickAsync();
            await page.GetByTestId("role-select").SelectOptionAsync("partner");
            (await page.GetByTestId("subsidiary-id-input").IsVisibleAsync()).Should().BeFalse();
            await page.GetByTestId("username-input").FillAsync(userName);
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("alliance-row").First.WaitForAsync();
            (await page.GetByTestId("current-role").InnerTextAsync()).Should().Be("合作单位");
            (await page.GetByTestId("nav").Locator("a").AllInnerTextsAsync()).Should().Equal("联盟", "联合活动", "联席会议", "我的决议事项", "问题清单", "资源清单");
            (await page.GetByTestId("alliance-row").CountAsync()).Should().Be(1);
            (await page.GetByTestId("alliance-row").InnerTextAsync()).Should().Contain(alliance.Name);

            // Their alliance's page, without partner administration, and its activity without the audit log.
            await page.GetByTestId("alliance-row").Locator("a").First.ClickAsync();
            await page.GetByTestId("member-table").WaitForAsync();
            (await page.GetByTestId("partner-accounts").CountAsync()).Should().Be(0);
            await page.GotoAsync(new Uri(stack.Gateway, $"/activities/{activity.Id}").ToString());
            await page.Locator("h1").Filter(new() { HasText = activity.Title }).WaitForAsync();
            (await page.GetByTestId("activity-history").CountAsync()).Should().Be(0);
            (await page.GetByTestId("error-banner").CountAsync()).Should().Be(0);
        });
    }
}
