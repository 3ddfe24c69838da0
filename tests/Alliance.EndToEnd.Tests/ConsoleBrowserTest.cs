using Microsoft.Playwright;

namespace Alliance.EndToEnd.Tests;

/// <summary>
/// What every browser test of the console shares: Debian's Chromium, headless (never a downloaded browser), a page in
/// a language at a desktop size, and a screenshot beside the test results when a scenario fails.
/// </summary>
public abstract class ConsoleBrowserTest : IAsyncLifetime
{
    IPlaywright _playwright = null!;
    IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A page in a new browser context (its own storage, so its own sign-in) in <paramref name="locale"/>.</summary>
    protected async Task<IPage> NewPageAsync(string locale = "zh-CN", int width = 1280)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Runs a browser scenario; on failure keeps a screenshot beside the test results to show what the user saw.</summary>
    protected static async Task ScenarioAsync(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
            throw;
        }
    }
}
