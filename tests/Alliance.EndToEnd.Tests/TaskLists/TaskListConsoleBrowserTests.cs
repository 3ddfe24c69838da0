using System.Net.Http.Json;
using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Activities;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.TaskLists;

/// <summary>The task list pages in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class TaskListConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task A_group_admin_creates_a_list_adds_a_task_and_a_measure_reports_progress_and_reads_it_in_english()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var title = NewCode("集团年度任务清单");

        var page = await NewPageAsync();
        await ScenarioAsync(page, "task-lists", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("清单管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GetByTestId("nav-task-lists").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("任务清单");

            // A bad submit lands on the title; then the group's list is created.
            await page.GetByTestId("task-list-submit").ClickAsync();
            await page.GetByTestId("title-error").WaitForAsync();
            await page.GetByTestId("task-list-title").FillAsync(title);
            await page.GetByTestId("task-list-year").FillAsync("2026");
            await page.GetByTestId("task-list-owner-kind").SelectOptionAsync("group");
            await page.GetByTestId("task-list-submit").ClickAsync();
            await page.GetByTestId("created-link").ClickAsync();
            await page.GetByTestId("task-list-details").WaitForAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be(title);

            await page.GetByTestId("task-title-input").FillAsync("产业攻坚");
            await page.GetByTestId("task-form-submit").ClickAsync();
            await page.GetByTestId("task-node").WaitForAsync();

            await page.GetByTestId("measure-title-input").FillAsync("建设党群服务站点");
            foreach (var (picker, committee, subsidiary) in new[] { ("measure-responsible", s.CommitteeA, s.A), ("measure-supervising", s.CommitteeB, s.B) })
            {
                await page.Locator($"[data-testid={picker}-subsidiary]:not([disabled])").WaitForAsync();
                await page.GetByTestId($"{picker}-subsidiary").SelectOptionAsync(subsidiary.ToString());
                await page.Locator($"[data-testid={picker}]:not([disabled]) option[value='{committee}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.GetByTestId(picker).SelectOptionAsync(committee.ToString());
            }
            await page.GetByTestId("measure-weight").FillAsync("2");
            await page.GetByTestId("measure-target-text").FillAsync("建成3个站点");
            await page.GetByTestId("measure-due-on").FillAsync("2026-12-31");
            await page.GetByTestId("measure-form-submit").ClickAsync();
            await page.GetByTestId("measure-node").WaitForAsync();
            (await page.GetByTestId("measure-progress").InnerTextAsync()).Should().Contain("0%");

            // Progress reported on the measure moves the measure's, the task's and the list's bars.
            await page.GetByTestId("progress-percent").FillAsync("40");
            await page.GetByTestId("progress-note").FillAsync("已选址");
            await page.GetByTestId("progress-links").FillAsync("https://example.org/site");
            await page.GetByTestId("progress-form-submit").ClickAsync();
            await page.GetByTestId("list-progress").Filter(new() { HasText = "40%" }).WaitForAsync();
            (await page.GetByTestId("task-progress").InnerTextAsync()).Should().Contain("40%");
            (await page.GetByTestId("measure-progress").InnerTextAsync()).Should().Contain("40%");
            (await page.Locator("[data-testid=list-progress] progress").GetAttributeAsync("value")).Should().Be("40");
            (await page.GetByTestId("history-entry").CountAsync()).Should().Be(4);

            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("task-list-details").WaitForAsync();
            (await page.GetByTestId("task-list-owner").InnerTextAsync()).Should().Be("Group");
            (await page.GetByTestId("task-list-history").InnerTextAsync()).Should().Contain("Progress reported");
            await page.GetByTestId("back-to-task-lists").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Task lists");
            await page.GetByTestId("task-lists-search").FillAsync(title);
            await page.GetByTestId("task-list-row").Filter(new() { HasText = title }).WaitForAsync();
            (await page.GetByTestId("task-list-row").Filter(new() { HasText = title }).InnerTextAsync()).Should().Contain("40%").And.Contain("1 / 1");
        });
    }
}
