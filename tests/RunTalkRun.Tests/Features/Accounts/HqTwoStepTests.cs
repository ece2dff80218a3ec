using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Accounts.TwoStepSteps;

namespace RunTalkRun.Tests.Features.Accounts;

/// <summary>HQ must use two-step sign-in: without it, an HQ member can sign in but reach nothing but setting it up.</summary>
public class HqTwoStepTests(AppFactory app) : IClassFixture<AppFactory>
{
    async Task<string> NewHqMemberAsync(HqRole role)
    {
        var email = await app.NewMemberAsync(role.ToString());
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.HqRole, role)));
        return email;
    }

    [Theory]
    [InlineData(HqRole.Admin, "/hq")]
    [InlineData(HqRole.SafeguardingLead, "/my-runs")]
    [InlineData(HqRole.Moderator, "/talk/moderation")]
    public async Task Without_it_every_page_sends_an_hq_member_to_set_it_up(HqRole role, string page)
    {
        var email = await NewHqMemberAsync(role);
        var browser = app.Browser();
        Assert.Equal(role == HqRole.Admin ? "/hq" : "/my-runs", await PasswordStepAsync(browser, email)); // the password alone signs in...
        foreach (var url in new[] { page, "/groups", "/account/emails", "/" })
        {
            var response = await browser.GetAsync(url); // ...but every page sends them to set it up, and back afterwards
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/account/two-factor?returnUrl={Uri.EscapeDataString(url)}", response.Headers.Location!.OriginalString);
        }
        // A form posted anyway changes nothing: it is sent to set up too.
        var token = (await browser.GetPageAsync("/account/two-factor")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await browser.PostAsync("/account/emergency-contact", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["Input.Name"] = "Sam", ["Input.Phone"] = "07911 123456", ["Input.Country"] = "GB" }));
        Assert.Equal("/account/two-factor", posted.Headers.Location!.OriginalString);
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmergencyContactPhone).SingleAsync()));

        // What stays open: setting it up (with a plain explanation), help, signing out.
        var setup = await browser.GetPageAsync($"/account/two-factor?returnUrl={Uri.EscapeDataString(page)}");
        Assert.Contains("Your HQ role lets you see things about other people", setup.Text(".warning"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/help")).StatusCode);

        var (_, codes) = await SetUpAsync(browser);
        Assert.Equal(10, codes.Length);
        var after = await browser.GetAsync(page);
        Assert.False(after.StatusCode == HttpStatusCode.Redirect && after.Headers.Location!.OriginalString.StartsWith("/account/two-factor"));
        await SignOutAsync(browser);
        Assert.Equal("/account/sign-in/two-factor", await PasswordStepAsync(browser, email));
    }

    [Fact]
    public async Task The_set_up_page_sends_an_hq_member_back_where_they_were_going()
    {
        var email = await NewHqMemberAsync(HqRole.Admin);
        var browser = app.Browser();
        await PasswordStepAsync(browser, email);
        var page = await browser.GetPageAsync("/account/two-factor?returnUrl=%2Fhq");
        var key = page.Text("#authenticator-key").Replace(" ", "");
        var done = Pages.Parse(await (await browser.PostFormAsync("/account/two-factor?returnUrl=%2Fhq", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) })).Content.ReadAsStringAsync());
        Assert.Equal("/hq", done.QuerySelector("main a.button")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hq")).StatusCode);
    }

    [Fact]
    public async Task Without_it_the_api_answers_403_problem_details_but_login_still_works()
    {
        var email = await NewHqMemberAsync(HqRole.Moderator);
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoCommunity.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        foreach (var url in new[] { "/api/v1/me/runs", "/api/v1/moderation/queue", "/api/v1/groups", "/api/v1/rooms" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.Equal("Set up two-step sign-in first", problem.GetProperty("title").GetString());
            Assert.Equal(TwoFactorForHq.SetUpFirstType, problem.GetProperty("type").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/hubs/talk/negotiate?negotiateVersion=1", null)).StatusCode);
        // Signed out, the public API is the same as for anyone.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/v1/groups")).StatusCode);

        await app.TurnOnTwoStepAsync(email);
        var withCode = await app.ApiClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await withCode.GetAsync("/api/v1/moderation/queue")).StatusCode);
    }

    [Fact]
    public async Task Members_and_leaders_without_it_are_not_held_up()
    {
        var member = await app.SignedInAsync(await app.NewMemberAsync());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/my-runs")).StatusCode);
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail("peterborough"));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/groups/peterborough/manage")).StatusCode);
    }
}
