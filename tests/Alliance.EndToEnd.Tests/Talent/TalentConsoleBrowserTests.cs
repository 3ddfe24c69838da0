using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;
using static Alliance.EndToEnd.Tests.Talent.TalentApi;

namespace Alliance.EndToEnd.Tests.Talent;

/// <summary>The talent pages of the web console (人才库, 动态名单) in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class TalentConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task An_admin_finds_a_person_edits_their_skills_and_takes_them_through_the_reserve_cadre_list_in_both_languages()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("人才页面企业" + Guid.NewGuid().ToString("N")[..4]);
        var committee = await admin.CreateOrganizationAsync(subsidiary.Id, "committee");
        var code = NewCode("R").ToLowerInvariant();
        var name = "欧阳" + code;
        var person = await admin.RegisterPersonAsync(subsidiary.Id, name);
        await admin.JoinAsync(person.Id, committee.Id);
        (await EventuallyAsync(() => admin.SearchProfilesAsync($"query={Uri.EscapeDataString(code)}"), p => p.Total == 1, TimeSpan.FromSeconds(60)))
            .Total.Should().Be(1);

        var page = await NewPageAsync();
        await ScenarioAsync(page, "talent", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("人才管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            // 人才库: found by the name's code, opened, skills edited.
            await page.GetByTestId("nav-talent").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("人才库");
            await page.GetByTestId("talent-query").FillAsync(code);
            await page.GetByTestId("talent-search").ClickAsync();
            var row = page.GetByTestId("talent-row").Filter(new() { HasText = name });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain("正式党员");
            await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await page.GetByTestId("profile-form").WaitForAsync();
            await page.GetByTestId("profile-skills-input").FillAsync("大数据、区块链");
            await page.GetByTestId("profile-education-level").SelectOptionAsync("master");
            await page.GetByTestId("profile-save").ClickAsync();
            await page.GetByTestId("profile-history").WaitForAsync();
            (await page.GetByTestId("profile-skills").InnerTextAsync()).Should().Be("大数据、区块链");

            // Found by a skill's pinyin initials.
            await page.GetByTestId("nav-talent").ClickAsync();
            await page.GetByTestId("talent-query").FillAsync("qkl");
            await page.GetByTestId("talent-skill").FillAsync("区块链");
            await page.GetByTestId("talent-search").ClickAsync();
            await page.GetByTestId("talent-row").Filter(new() { HasText = name }).WaitForAsync();

            // 动态名单: nominate, review, list, remove with a reason; the unit's count and the history follow.
            await page.GetByTestId("nav-talent-lists").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("动态名单");
            await page.GetByTestId("list-row").Filter(new() { HasText = "后备干部" }).GetByRole(AriaRole.Link, new() { Name = "后备干部" }).ClickAsync();
            await page.GetByTestId("nominate-form").WaitForAsync();
            await page.GetByTestId("nominate-search").FillAsync(code);
            await page.Locator($"[data-testid=nominate-person] option[value='{person.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("nominate-person").SelectOptionAsync(person.Id.ToString());
            await page.GetByTestId("nominate-reason").FillAsync("业务骨干，群众公认");
            await page.GetByTestId("nominate-submit").ClickAsync();
            await page.GetByTestId("nominate-form").GetByTestId("success-banner").WaitForAsync();

            var entry = page.GetByTestId("entry-row").Filter(new() { HasText = name });
            await entry.GetByTestId("entry-review").ClickAsync();
            await page.GetByTestId("entry-row").Filter(new() { HasText = name }).GetByTestId("entry-list").ClickAsync();
            entry = page.GetByTestId("entry-row").Filter(new() { HasText = name });
            await entry.GetByTestId("entry-remove").WaitForAsync();
            (await entry.GetByTestId("entry-state").InnerTextAsync()).Should().Be("在册");
            await entry.GetByTestId("entry-remove").ClickAsync();
            await entry.GetByTestId("error-banner").WaitForAsync();
            await entry.GetByTestId("entry-reason").FillAsync("调任集团");
            await entry.GetByTestId("entry-remove").ClickAsync();
            entry = page.GetByTestId("entry-row").Filter(new() { HasText = name });
            await entry.GetByTestId("entry-state").Filter(new() { HasText = "已移出" }).WaitForAsync();
            await entry.GetByTestId("entry-history").ClickAsync();
            var history = entry.GetByTestId("entry-history-list");
            await history.WaitForAsync();
            (await history.Locator("li").CountAsync()).Should().Be(4);
            (await history.InnerTextAsync()).Should().Contain("调任集团");

            // English.
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("nav-talent-lists").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Dynamic lists");
            await page.GetByTestId("nav-talent").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Talent");
        });
    }
}
