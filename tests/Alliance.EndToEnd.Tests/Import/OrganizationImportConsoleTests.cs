using System.Text;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Import;

/// <summary>The import page of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class OrganizationImportConsoleTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task An_admin_previews_a_file_with_a_bad_row_skips_it_and_imports_the_rest()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var subsidiary = await admin.CreateSubsidiaryAsync("导入页面企业" + Guid.NewGuid().ToString("N")[..4]);
        const string csv = "code,name,kind,parentCode\r\nC,导入党委,党委,\r\nX,坏的一行,党校,C\r\nB,导入第一党支部,党支部,C\r\n";
        var page = await NewPageAsync();

        try
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("导入管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            // From the subsidiary page to its import page.
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary.Id}").ToString());
            await page.GetByTestId("open-import").ClickAsync();
            await page.GetByTestId("import-form").WaitForAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("导入党组织树");

            await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
            {
                Name = "tree.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
            });
            await page.GetByTestId("import-preview").ClickAsync();

            // The preview flags the bad row and holds the import back until skipping is ticked.
            var bad = page.Locator("[data-testid=import-row][data-outcome=error]");
            await bad.WaitForAsync();
            (await bad.CountAsync()).Should().Be(1);
            (await bad.GetAttributeAsync("data-line")).Should().Be("3");
            (await bad.InnerTextAsync()).Should().Contain("错误").And.Contain("类型“党校”无法识别");
            (await page.Locator("[data-testid=import-row][data-outcome=create]").CountAsync()).Should().Be(2);
            (await page.GetByTestId("import-total-errors").InnerTextAsync()).Should().Contain("1");
            (await page.GetByTestId("import-apply").IsDisabledAsync()).Should().BeTrue();
            (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(0, "a preview writes nothing");

            await page.GetByTestId("import-skip-invalid").CheckAsync();
            (await page.GetByTestId("import-apply").IsEnabledAsync()).Should().BeTrue();
            await page.GetByTestId("import-apply").ClickAsync();

            await page.GetByTestId("success-banner").WaitForAsync();
            (await page.GetByTestId("success-banner").InnerTextAsync()).Should().Contain("2");
            (await page.GetByTestId("import-total-create").InnerTextAsync()).Should().Contain("2");
            var skipped = page.Locator("[data-testid=import-row][data-outcome=error]");
            (await skipped.GetByTestId("import-outcome").InnerTextAsync()).Should().Be("已跳过");
            (await admin.ListOrganizationsAsync(subsidiary.Id)).Items.Select(o => o.Name).Should().BeEquivalentTo("导入党委", "导入第一党支部");

            // Back to the subsidiary's tree.
            await page.GetByTestId("import-back-to-tree").ClickAsync();
            await page.WaitForURLAsync($"**/subsidiaries/{subsidiary.Id}");
            await page.GetByText("导入第一党支部").First.WaitForAsync();
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "organization-import.png"), FullPage = true });
            throw;
        }
    }
}
