using Microsoft.Playwright;

namespace RunTalkRun.BrowserTests.Infrastructure;

/// <summary>One app on a real port and one headless Chromium, shared by every browser test.</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    readonly RealPortApp app = new();
    IPlaywright? playwright;
    IBrowser? browser;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BaseAddress = app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await LaunchChromiumAsync(playwright);
    }

    /// <summary>The system's Chromium: Playwright's own browser download can't work on these machines.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("RTR_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A fresh browser context (its own cookies), like a different person on a different device.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => NewContextAsync(browser!, BaseAddress, options);

    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, BrowserNewContextOptions? options = null)
    {
        options ??= new();
        options.BaseURL = baseAddress.ToString();
        options.IgnoreHTTPSErrors = true; // the app's certificate is a throw-away one (RealPortApp)
        options.Locale ??= "en-GB";
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
