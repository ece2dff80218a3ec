using System.Net;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Accounts.TwoStepSteps;

namespace RunTalkRun.Tests.Features.Accounts;

/// <summary>Signing in with no page asked for lands HQ admins on HQ's overview and everyone else on their runs.</summary>
public class SignInLandingTests(AppFactory app) : IClassFixture<AppFactory>
{
    async Task<string> NewHqMemberAsync(HqRole role)
    {
        var email = await app.NewMemberAsync(role.ToString());
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.HqRole, role)));
        await app.TurnOnTwoStepAsync(email);
        return email;
    }

    async Task<string> SignInWithCodeAsync(string email, string? returnUrl = null)
    {
        var browser = app.Browser();
        var first = await browser.PostFormAsync("/account/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)), SignInForm(email));
        Assert.StartsWith("/account/sign-in/two-factor", first.Headers.Location!.OriginalString);
        var done = await browser.PostFormAsync(first.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = (await app.CodeAsync(email))! });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return done.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task An_hq_admin_lands_on_hq()
    {
        var email = await NewHqMemberAsync(HqRole.Admin);
        Assert.Equal("/hq", await SignInWithCodeAsync(email));
    }

    [Fact]
    public async Task An_hq_admin_asked_for_a_page_lands_there()
    {
        var email = await NewHqMemberAsync(HqRole.Admin);
        Assert.Equal("/groups/brighton", await SignInWithCodeAsync(email, "/groups/brighton"));
    }

    [Fact]
    public async Task Other_hq_roles_and_members_land_on_their_runs()
    {
        Assert.Equal("/my-runs", await SignInWithCodeAsync(await NewHqMemberAsync(HqRole.Moderator)));
        Assert.Equal("/my-runs", await PasswordStepAsync(app.Browser(), await app.NewMemberAsync()));
    }
}
