using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Lists.ListApi;

namespace Alliance.EndToEnd.Tests.Lists;

/// <summary>The problem list, a problem's ranked offers with their reasons, the resource list and the catalogue in Debian's Chromium.</summary>
[Collection(StackCollection.Name)]
public class ListConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task A_secretary_posts_a_problem_sees_the_offers_ranked_with_reasons_proposes_and_accepts_one_and_reads_it_in_English()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var unitA = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA);
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var hall = await admin.OfferResourceAsync(OfferBody(s.Alliance, unitB, "多功能厅" + suffix));
        await admin.OfferResourceAsync(OfferBody(s.Alliance, unitB, "篮球场" + suffix, tags: ["篮球"]));

        var page = await NewPageAsync();
        await ScenarioAsync(page, "problem-list", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("清单管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GetByTestId("nav-problems").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("问题清单");

            // Posting without a title lands the error on its field; then a complete problem.
            await page.Locator($"[data-testid=problem-alliance] option[value='{s.Alliance.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("problem-alliance").SelectOptionAsync(s.Alliance.Id.ToString());
            await page.Locator($"[data-testid=problem-unit] option[value='{unitA.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("problem-unit").SelectOptionAsync(unitA.Id.ToString());
            await page.GetByTestId("problem-category").SelectOptionAsync("venue");
            await page.GetByTestId("problem-submit").ClickAsync();
            await page.GetByTestId("title-error").WaitForAsync();
            await page.GetByTestId("problem-title").FillAsync("缺少会场" + suffix);
            await page.GetByTestId("problem-need").FillAsync("主题党日需要能坐80人的会议室");
            await page.GetByTestId("problem-tags").FillAsync("会议室，党日活动");
            await page.GetByTestId("problem-submit").ClickAsync();
            await page.GetByTestId("created-link").ClickAsync();

            // The problem's page: the hall first, each part of its score explained.
            await page.GetByTestId("ranked-row").First.WaitForAsync();
            var first = page.GetByTestId("ranked-row").First;
            (await first.InnerTextAsync()).Should().Contain("多功能厅" + suffix);
            (await first.GetByTestId("ranked-parts").InnerTextAsync()).Should().Contain("类别相符：场地阵地 ↔ 场地阵地 +0.35").And.Contain("同一联盟 +0.15");
            await first.GetByTestId("propose").ClickAsync();
            await page.GetByTestId("proposal-row").WaitForAsync();
            await page.GetByTestId("accept").ClickAsync();
            await page.GetByTestId("proposal-state").Filter(new() { HasText = "已接受" }).WaitForAsync();
            (await page.GetByTestId("success-banner").InnerTextAsync()).Should().Contain("已接受对接");

            // In English: the reasons in English.
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("ranked-parts").First.Filter(new() { HasText = "category fits: venue ↔ venue +0.35" }).WaitForAsync();
            (await page.GetByTestId("proposal-state").InnerTextAsync()).Should().Be("Accepted");

            // The resource list and the catalogue.
            await page.GetByTestId("nav-resources").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Resources");
            await page.GetByTestId("to-catalogue").ClickAsync();
            await page.Locator($"[data-testid=catalogue-alliance] option[value='{s.Alliance.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("catalogue-alliance").SelectOptionAsync(s.Alliance.Id.ToString());
            await page.GetByTestId("catalogue-row").First.WaitForAsync();
            (await page.GetByTestId("catalogue-table").InnerTextAsync()).Should().Contain("篮球场" + suffix);
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("catalogue-xlsx").ClickAsync());
            download.SuggestedFilename.Should().EndWith(".xlsx");
        });
        _ = hall;
    }
}
