using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.Alliances;

/// <summary>The alliance pages of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class AllianceConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task A_group_admin_forms_an_alliance_in_the_console_and_adds_an_external_member_unit()
    {
        // A subsidiary with a committee to lead the alliance, made through the API.
        var admin = await stack.SignedInAsync("group-admin");
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync("联盟页面企业" + Guid.NewGuid().ToString("N")[..4]);
        var allianceName = "浏览器组建的联盟" + Guid.NewGuid().ToString("N")[..6];

        var page = await NewPageAsync();
        await ScenarioAsync(page, "alliance-create-join", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("联盟管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            // The alliance list, reached from the navigation, with its create form.
            await page.GetByTestId("nav-alliances").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Contain("党建联盟");
            await page.GetByTestId("alliance-name").FillAsync(allianceName);
            await page.GetByTestId("alliance-theme").FillAsync("城市服务");
            await page.GetByTestId("alliance-lead-subsidiary").SelectOptionAsync(subsidiary.Id.ToString());
            await page.GetByTestId("alliance-lead").SelectOptionAsync(committee.Id.ToString());
            await page.GetByTestId("alliance-plan").FillAsync("联学联建，共促发展");
            await page.GetByTestId("alliance-formed-on").FillAsync("2026-01-01");
            await page.GetByTestId("alliance-submit").ClickAsync();
            await page.GetByTestId("success-banner").WaitForAsync();

            // Listed, searchable by name, and the lead is its first member unit.
            await page.GetByTestId("alliance-search").FillAsync(allianceName);
            var row = page.GetByTestId("alliance-row").Filter(new() { HasText = allianceName });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain(committee.Name).And.Contain("城市服务");

            // The detail page: add a bank from outside the group as a member unit.
            await page.GetByTestId("created-link").ClickAsync();
            await page.GetByTestId("member-table").WaitForAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be(allianceName);
            await page.GetByTestId("lead-badge").WaitForAsync();
            await page.GetByTestId("join-mode-external").CheckAsync();
            await page.GetByTestId("join-external-kind").SelectOptionAsync("bank");
            await page.GetByTestId("join-external-name").FillAsync("浦东农商银行");
            await page.GetByTestId("join-external-contact-name").FillAsync("王经理");
            await page.GetByTestId("join-external-contact-phone").FillAsync("13800000000");
            await page.GetByTestId("join-joined-on").FillAsync("2026-02-01");
            await page.GetByTestId("join-submit").ClickAsync();

            var bank = page.GetByTestId("member-row").Filter(new() { HasText = "浦东农商银行" });
            await bank.WaitForAsync();
            (await bank.InnerTextAsync()).Should().Contain("银行").And.Contain("王经理").And.Contain("13800000000");
            (await page.GetByTestId("member-row").CountAsync()).Should().Be(2);

            // Still there after a reload, and the list counts two member units.
            await page.ReloadAsync();
            await page.GetByTestId("member-row").Filter(new() { HasText = "浦东农商银行" }).WaitForAsync();
            await page.GetByTestId("back-to-alliances").ClickAsync();
            await page.GetByTestId("alliance-search").FillAsync(allianceName);
            await page.WaitForFunctionAsync(
                "name => [...document.querySelectorAll('[data-testid=alliance-row]')].some(r => r.textContent.includes(name) && r.querySelector('td.num')?.textContent.trim() === '2')",
                allianceName);
        });
    }

    [Fact]
    public async Task The_join_form_shows_the_field_errors_the_gateway_returns()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync("联盟错误企业" + Guid.NewGuid().ToString("N")[..4]);
        var alliance = await admin.FormAllianceAsync(committee.Id, "字段错误联盟" + Guid.NewGuid().ToString("N")[..6]);

        var page = await NewPageAsync();
        await ScenarioAsync(page, "alliance-join-errors", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("username-input").FillAsync("admin");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GotoAsync(new Uri(stack.Gateway, $"/alliances/{alliance.Id}").ToString());
            await page.GetByTestId("join-form").WaitForAsync();
            await page.GetByTestId("join-mode-external").CheckAsync();
            await page.GetByTestId("join-submit").ClickAsync();

            await page.GetByTestId("name-error").WaitForAsync();
            (await page.GetByTestId("name-error").InnerTextAsync()).Should().NotBeNullOrWhiteSpace();
        });
    }

    [Fact]
    public async Task A_group_admin_forms_the_temporary_branch_in_the_console_and_sees_it_shown()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync("临时支部企业" + Guid.NewGuid().ToString("N")[..4]);
        var branchName = "联盟临时党支部" + Guid.NewGuid().ToString("N")[..4];
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, branchName);
        var alliance = await admin.JoinAsync(await admin.FormAllianceAsync(committee.Id, "临时支部联盟" + Guid.NewGuid().ToString("N")[..6]), Bank("临港农商银行"));

        var page = await NewPageAsync();
        await ScenarioAsync(page, "alliance-temporary-branch", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("username-input").FillAsync("联盟管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GotoAsync(new Uri(stack.Gateway, $"/alliances/{alliance.Id}").ToString());
            await page.GetByTestId("temporary-branch-empty").WaitForAsync();
            var form = page.GetByTestId("temporary-branch-form");
            (await form.Locator("h2").InnerTextAsync()).Should().Be("成立联盟临时党支部");
            var select = page.GetByTestId("temporary-branch-organization-select");
            await page.WaitForFunctionAsync("id => [...document.querySelectorAll('[data-testid=temporary-branch-organization-select] option')].some(o => o.value === id)",
                branch.Id.ToString());
            (await select.Locator("option").AllInnerTextsAsync()).Should().Contain(branchName).And.NotContain(committee.Name, "only branches can be the temporary branch");
            await select.SelectOptionAsync(branch.Id.ToString());
            (await page.GetByTestId("temporary-branch-unit").CountAsync()).Should().Be(2);
            foreach (var unit in await page.GetByTestId("temporary-branch-unit").AllAsync()) await unit.CheckAsync();
            await page.GetByTestId("temporary-branch-submit").ClickAsync();

            await form.GetByTestId("success-banner").WaitForAsync();
            var shown = page.GetByTestId("temporary-branch");
            await page.GetByTestId("temporary-branch-organization").Filter(new() { HasText = branchName }).WaitForAsync();
            (await shown.InnerTextAsync()).Should().Contain("临港农商银行").And.Contain(committee.Name);

            // Kept: after a reload the page shows it and the form starts from it.
            await page.ReloadAsync();
            await page.GetByTestId("temporary-branch-organization").Filter(new() { HasText = branchName }).WaitForAsync();
            await page.WaitForFunctionAsync("id => document.querySelector('[data-testid=temporary-branch-organization-select]').value === id", branch.Id.ToString());
            (await page.GetByTestId("temporary-branch-unit").EvaluateAllAsync<bool[]>("boxes => boxes.map(b => b.checked)")).Should().Equal(true, true);
        });

        var stored = await admin.GetAllianceAsync(alliance.Id);
        stored.TemporaryBranch!.OrganizationId.Should().Be(branch.Id);
        stored.TemporaryBranch.MemberUnitIds.Should().BeEquivalentTo(alliance.Members.Select(m => m.Id));
    }

    [Fact]
    public async Task The_temporary_branch_form_shows_what_is_missing_in_the_chosen_language()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var (_, committee) = await admin.SubsidiaryWithCommitteeAsync("临时支部错误企业" + Guid.NewGuid().ToString("N")[..4]);
        var alliance = await admin.FormAllianceAsync(committee.Id, "临时支部错误联盟" + Guid.NewGuid().ToString("N")[..6]);

        var page = await NewPageAsync("en-US");
        await ScenarioAsync(page, "alliance-temporary-branch-errors", async () =>
        {
            await page.AddInitScriptAsync("localStorage.setItem('alliance.lang', 'en-US')");
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("username-input").FillAsync("admin");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GotoAsync(new Uri(stack.Gateway, $"/alliances/{alliance.Id}").ToString());
            await page.GetByTestId("temporary-branch-form").WaitForAsync();
            (await page.GetByTestId("temporary-branch-form").Locator("h2").InnerTextAsync()).Should().Be("Form the temporary branch");
            await page.GetByTestId("temporary-branch-submit").ClickAsync();

            await page.GetByTestId("organizationId-error").WaitForAsync();
            (await page.GetByTestId("organizationId-error").InnerTextAsync()).Should().Be("Choose a branch.");
            (await page.GetByTestId("memberUnitIds-error").InnerTextAsync()).Should().Be("Tick at least two member units.");
            (await page.GetByTestId("temporary-branch-form").GetByTestId("error-banner").InnerTextAsync()).Should().Contain("Please correct the marked fields.");
        });

        (await admin.GetAllianceAsync(alliance.Id)).TemporaryBranch.Should().BeNull("nothing was sent");
    }
}
