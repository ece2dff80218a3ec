using NodaTime;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Infrastructure;

/// <summary>
/// The app on a real port with its background jobs on and its mail going to a real SMTP server
/// (aiosmtpd), and a headless Chromium of its own: the shared <see cref="BrowserApp"/> sends no mail.
/// </summary>
public sealed class MailingApp : IAsyncLifetime
{
    RealPortApp? app;
    IPlaywright? playwright;
    IBrowser? browser;

    public SmtpSink Smtp { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        app = new RealPortApp()
            .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", Smtp.Port.ToString()).With("Smtp:Security", "None")
            .With("Jobs:Enabled", "true").With("Jobs:OutboxPollSeconds", "0.2").With("Jobs:ScanSeconds", "0.5");
        BaseAddress = app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await BrowserApp.LaunchChromiumAsync(playwright);
    }

    /// <summary>A fresh browser context (its own cookies), like a different person on a different device.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await BrowserApp.NewContextAsync(browser!, BaseAddress, options);
        // These machines can't reach a map tile server.
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.FulfillAsync(new() { Status = 404 }));
        return context;
    }

    public async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoCommunity.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (await TwoStepKeyAsync(email) is { } key) await JourneySteps.EnterTwoStepCodeAsync(page, key);
        // HQ admins land on HQ, everyone else on their runs.
        await Expect(page).ToHaveURLAsync(new Regex(email == DemoCommunity.HqEmail ? "/hq$" : "/my-runs$"));
        return page;
    }

    /// <summary>The member's authenticator key when two-step sign-in is on (HQ), else null.</summary>
    async Task<string?> TwoStepKeyAsync(string email)
    {
        using var scope = app!.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RunTalkRun.Features.Accounts.Member>>();
        var member = await users.FindByEmailAsync(email);
        return member is { TwoFactorEnabled: true } ? await users.GetAuthenticatorKeyAsync(member) : null;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> work)
    {
        using var scope = app!.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    /// <summary>A one-off run of the group (no series) starting <paramref name="startsIn"/> from now, with nobody coming yet.</summary>
    public Task<Run> NewRunAsync(string slug, TimeSpan startsIn, int? capacity = null) => WithDbAsync(async db =>
    {
        var group = await db.Groups.SingleAsync(g => g.Slug == slug);
        var basePoint = await db.MeetingPoints.SingleAsync(m => m.GroupId == group.Id && m.IsBase);
        var run = new Run
        {
            GroupId = group.Id, MeetingPointId = basePoint.Id, Title = $"{group.Name} riverside loop",
            StartsAt = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromTimeSpan(startsIn)), Capacity = capacity,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run;
    });

    /// <summary>"I'm coming" straight in the database, as if the member had said so yesterday.</summary>
    public Task RsvpAsync(int runId, string email, bool firstTime) => WithDbAsync(async db =>
    {
        var memberId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        db.Rsvps.Add(new Rsvp { RunId = runId, MemberId = memberId, FirstTime = firstTime, CreatedAt = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(-1)) });
        return await db.SaveChangesAsync();
    });

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}
