using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Meetings.MeetingApi;

namespace Alliance.EndToEnd.Tests.Meetings;

/// <summary>The supervision board and a decision item's page in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class SupervisionBoardBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task The_board_shows_items_by_colour_and_owner_an_item_takes_progress_with_its_history_and_reads_in_English()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, meeting, unitA, unitB, bank) = await admin.MeetingSettingAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var soon = await admin.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA, Day(2), "临期事项" + suffix));
        await admin.RecordItemAsync(meeting.Id, ItemBody(unitB, unitA, Day(90), "远期事项" + suffix, [new { title = "选址", dueOn = Day(30) }]));
        await admin.RecordItemAsync(meeting.Id, ItemBody(bank, unitA, Day(90), "银行事项" + suffix));
        var ownerB = s.Alliance.Members.Single(m => m.Id == unitB).Name;

        var page = await NewPageAsync();
        await ScenarioAsync(page, "supervision-board", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("督办管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GetByTestId("nav-supervision").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("督办看板");
            await page.Locator($"[data-testid=board-alliance] option[value='{s.Alliance.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("board-alliance").SelectOptionAsync(s.Alliance.Id.ToString());
            await page.GetByTestId("board-column-yellow").GetByText("临期事项" + suffix).WaitForAsync();

            // Yellow: due in two days; green: the rest, grouped by owner; red: none yet.
            var green = page.GetByTestId("board-column-green");
            (await green.GetByTestId("board-owner").CountAsync()).Should().Be(2);
            (await green.InnerTextAsync()).Should().Contain("远期事项" + suffix).And.Contain("银行事项" + suffix).And.Contain(ownerB);
            (await page.GetByTestId("board-column-red").InnerTextAsync()).Should().Contain("无");
            (await page.GetByTestId("board-count-yellow").InnerTextAsync()).Should().Be("黄灯 1");
            (await page.GetByTestId("board-count-green").InnerTextAsync()).Should().Be("绿灯 2");
            (await page.GetByTestId("board-owner-count").Filter(new() { HasText = ownerB }).InnerTextAsync()).Should().Contain("黄 1").And.Contain("绿 1");

            // The alliance's "due soon" days: 61 is refused on its field; cleared, the group's setting applies.
            await page.GetByTestId("due-soon-days").FillAsync("61");
            await page.GetByTestId("due-soon-submit").ClickAsync();
            await page.GetByTestId("dueSoonDays-error").WaitForAsync();
            await page.GetByTestId("due-soon-days").FillAsync("");
            await page.GetByTestId("due-soon-submit").ClickAsync();
            await page.GetByTestId("board-due-soon").Filter(new() { HasText = "按集团设置" }).WaitForAsync();

                        // By owner: only the bank's item.
            await page.Locator($"[data-testid=board-owner-filter]:not([disabled]) option[value='{bank}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("board-owner-filter").SelectOptionAsync(bank.ToString());
            await page.GetByTestId("board-count-green").Filter(new() { HasText = "绿灯 1" }).WaitForAsync();
            // The counts and the items come from separate answers: wait for the items to be the filtered ones.
            await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=board-item]').length === 1");
            (await page.GetByTestId("board-item").CountAsync()).Should().Be(1);
            await page.GetByTestId("board-owner-filter").SelectOptionAsync("");
            await page.GetByTestId("board-count-green").Filter(new() { HasText = "绿灯 2" }).WaitForAsync();

            // The item page: progress with a link, then its history.
            await page.GetByRole(AriaRole.Link, new() { Name = "临期事项" + suffix }).ClickAsync();
            await page.GetByTestId("item-details").WaitForAsync();
            (await page.GetByTestId("item-colour-badge").InnerTextAsync()).Should().Be("黄灯");
            (await page.GetByTestId("history-entry").CountAsync()).Should().Be(1);
            await page.GetByTestId("progress-note").FillAsync("已完成选址");
            await page.GetByTestId("progress-links").FillAsync("https://example.org/site");
            await page.GetByTestId("progress-form-submit").ClickAsync();
            await page.GetByTestId("success-banner").WaitForAsync();
            (await page.GetByTestId("item-state-badge").InnerTextAsync()).Should().Be("推进中");
            (await page.GetByTestId("history-entry").CountAsync()).Should().Be(2);
            (await page.GetByTestId("history-entry").First.InnerTextAsync()).Should().Contain("报送进展").And.Contain("已完成选址").And.Contain("https://example.org/site");

            // Verifying before a claim is not offered; claimed, it is.
            (await page.GetByTestId("verify-form").CountAsync()).Should().Be(0);
            await page.GetByTestId("claim-note").FillAsync("三处均已建成");
            await page.GetByTestId("claim-form-submit").ClickAsync();
            await page.GetByTestId("verify-form").WaitForAsync();
            (await page.GetByTestId("item-state-badge").InnerTextAsync()).Should().Be("待核验");

            // In English.
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("item-details").WaitForAsync();
            (await page.GetByTestId("item-state-badge").InnerTextAsync()).Should().Be("Claimed done");
            (await page.GetByTestId("item-colour-badge").InnerTextAsync()).Should().Be("Yellow");
            (await page.GetByTestId("history-entry").First.InnerTextAsync()).Should().Contain("Claimed done");
            await page.GetByTestId("back-to-board").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Supervision board");

            // The meetings list and the meeting's page with its items and history.
            await page.GetByTestId("nav-meetings").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Joint meetings");
            await page.GotoAsync(new Uri(stack.Gateway, $"/meetings/{meeting.Id}").ToString());
            await page.GetByTestId("meeting-details").WaitForAsync();
            await page.GetByTestId("meeting-items").GetByTestId("board-item").Nth(2).WaitForAsync();
            (await page.GetByTestId("meeting-items").GetByTestId("board-item").CountAsync()).Should().Be(3);
            (await page.GetByTestId("meeting-history").GetByTestId("history-entry").CountAsync()).Should().Be(1);
            (await page.GetByTestId("item-form").CountAsync()).Should().Be(1);
        });

        (await admin.GetItemAsync(soon.Id)).Should().Match<DecisionItem>(i => i.State == "done" && i.UpdatedBy == "督办管理员");
    }
}
