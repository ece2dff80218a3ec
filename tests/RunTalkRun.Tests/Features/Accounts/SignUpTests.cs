using NodaTime;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Accounts;

public class SignUpTests(AppFactory app) : IClassFixture<AppFactory>
{
    static Dictionary<string, string> Form(string email, string nickname = "Robin", string password = "three gentle laps", bool guidelines = true, bool consent = true)
    {
        var form = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Nickname"] = nickname, ["Input.Password"] = password };
        if (guidelines) form["Input.AcceptGuidelines"] = "true";
        if (consent) form["Input.ConsentAttendance"] = "true";
        return form;
    }

    static string NewEmail() => $"new{Guid.NewGuid():N}@example.net";

    Task<int> AccountsWith(string email) => app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    [Fact]
    public async Task Sign_up_records_both_consents_with_time_and_version_and_the_member_then_signs_in()
    {
        var email = NewEmail();
        var browser = app.Browser();
        var started = app.Clock.GetCurrentInstant();

        var response = await browser.PostFormAsync("/account/sign-up?returnUrl=%2Fmy-runs", Form(email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Check your email", sent.Text("h1"));
        Assert.Equal("/account/sign-in?returnUrl=%2Fmy-runs", sent.QuerySelector("main a[href^='/account/sign-in']")!.GetAttribute("href"));
        var id = await app.MemberIdAsync(email);
        var consents = await app.WithDbAsync(db => db.Consents.Where(c => c.MemberId == id).ToListAsync());
        Assert.Equal(2, consents.Count);
        var guidelines = consents.Single(c => c.Kind == ConsentKind.CommunityGuidelines);
        var attendance = consents.Single(c => c.Kind == ConsentKind.AttendanceData);
        Assert.Equal(ConsentTexts.GuidelinesVersion, guidelines.TextVersion);
        Assert.Equal(ConsentTexts.AttendanceDataVersion, attendance.TextVersion);
        Assert.InRange(attendance.GivenAt, started, app.Clock.GetCurrentInstant());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/my-runs")).StatusCode); // not signed in by signing up
        var signIn = await browser.PostFormAsync("/account/sign-in?returnUrl=%2Fmy-runs", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "three gentle laps" });
        Assert.Equal("/my-runs", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/my-runs")).StatusCode);
    }

    [Fact]
    public async Task Sign_up_sends_a_confirmation_email_whose_link_confirms_the_address()
    {
        var email = NewEmail();
        var browser = app.Browser();
        await browser.PostFormAsync("/account/sign-up", Form(email, nickname: "Confirmer"));

        var mail = await app.WaitForMailToAsync(email, "Confirm your email");
        Assert.Contains("Hi Confirmer", mail.TextBody);
        Assert.Contains("116 123", mail.TextBody);
        var link = new Uri(MailBox.LinkIn(mail, "/account/confirm-email"));
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));

        var page = await app.Browser().GetPageAsync(link.PathAndQuery);

        Assert.Equal("Thank you", page.Text("h1"));
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task Confirming_after_signing_up_from_a_run_lands_back_on_the_run()
    {
        var run = await app.NextRunAsync("brighton");
        var email = NewEmail();
        var browser = app.Browser();
        await browser.PostFormAsync($"/account/sign-up?returnUrl=%2Fruns%2F{run.Id}", Form(email, nickname: "Runner"));

        var link = new Uri(MailBox.LinkIn(await app.WaitForMailToAsync(email, "Confirm your email"), "/account/confirm-email"));
        var confirmed = await browser.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/runs/{run.Id}", confirmed.Headers.Location!.OriginalString);
        Assert.Contains("your email address is confirmed", (await browser.GetPageAsync($"/runs/{run.Id}")).Text(".notice"));
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Confirming_never_leaves_the_site(string elsewhere)
    {
        var email = NewEmail();
        await app.Browser().PostFormAsync($"/account/sign-up?returnUrl={Uri.EscapeDataString(elsewhere)}", Form(email));
        var link = new Uri(MailBox.LinkIn(await app.WaitForMailToAsync(email, "Confirm your email"), "/account/confirm-email"));
        Assert.DoesNotContain("evil", link.Query);

        // Even a link with the address added by hand only confirms, on our own page.
        var response = await app.Browser().GetAsync(link.PathAndQuery + "&returnUrl=" + Uri.EscapeDataString(elsewhere));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Thank you", page.Text("h1"));
        Assert.DoesNotContain(page.QuerySelectorAll("main a"), a => a.GetAttribute("href")!.Contains("evil"));
    }

    [Fact]
    public async Task A_tampered_confirmation_link_confirms_nothing()
    {
        var email = await app.NewMemberAsync();
        var id = await app.MemberIdAsync(email);
        var page = await app.Browser().GetPageAsync($"/account/confirm-email?userId={id}&code=bm90LWEtdG9rZW4");
        Assert.Contains("couldn't confirm", page.Text("h1"));
        page = await app.Browser().GetPageAsync($"/account/confirm-email?userId={id}&code=%%%");
        Assert.Contains("couldn't confirm", page.Text("h1"));
    }

    [Fact]
    public async Task Sign_up_with_an_email_already_used_makes_no_second_account()
    {
        var email = await app.NewMemberAsync();
        var response = await app.Browser().PostFormAsync("/account/sign-up", Form(email.ToUpperInvariant(), nickname: "Second go"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Check your email", Pages.Parse(await response.Content.ReadAsStringAsync()).Text("h1")); // as for a new address: see AccountEnumerationTests
        Assert.Equal(1, await AccountsWith(email));
    }

    [Fact]
    public async Task Sign_up_with_a_weak_password_is_refused_and_writes_nothing()
    {
        var email = NewEmail();
        var response = await app.Browser().PostFormAsync("/account/sign-up", Form(email, password: "short"));
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("at least 10 characters", page.Text("#Input_Password-error"));
        Assert.Equal("password-hint Input_Password-error", page.QuerySelector("#Input_Password")!.GetAttribute("aria-describedby"));
        Assert.Equal("email-hint", page.QuerySelector("#Input_Email")!.GetAttribute("aria-describedby"));
        Assert.Equal("#Input_Password", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(email, page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Input_Password")!.GetAttribute("value")); // passwords are never echoed back
        Assert.Equal(0, await AccountsWith(email));
    }

    [Theory]
    [InlineData(false, true, "Input_AcceptGuidelines-error")]
    [InlineData(true, false, "Input_ConsentAttendance-error")]
    public async Task Sign_up_without_consent_is_refused_and_writes_nothing(bool guidelines, bool consent, string errorId)
    {
        var email = NewEmail();
        var response = await app.Browser().PostFormAsync("/account/sign-up", Form(email, guidelines: guidelines, consent: consent));
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Tick the box", page.Text($"#{errorId}"));
        Assert.Equal(0, await AccountsWith(email));
        Assert.Equal(0, await app.WithDbAsync(db => db.Consents.CountAsync(c => !db.Users.Any(u => u.Id == c.MemberId))));
    }

    [Theory]
    [InlineData("", "Enter a nickname")]
    [InlineData("    ", "Enter a nickname")]
    [InlineData("a-very-long-nickname-that-goes-on-and-on-and-on-for-two-hundred-characters-a-very-long-nickname-that-goes-on-and-on-and-on-for-two-hundred-characters-a-very-long-nickname-that-goes-on-and-on-and-on-for-two-hundred", "40 characters or fewer")]
    [InlineData("bell\u0007name", "letters, numbers")]
    public async Task Sign_up_with_a_bad_nickname_is_refused_with_a_clear_message(string nickname, string message)
    {
        var email = NewEmail();
        var response = await app.Browser().PostFormAsync("/account/sign-up", Form(email, nickname: nickname));
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.Text("#Input_Nickname-error"));
        Assert.Equal(0, await AccountsWith(email));
    }

    [Theory]
    [InlineData("", "Enter your email address")]
    [InlineData("not-an-email", "right format")]
    [InlineData("a@b", "right format")]
    [InlineData("x'); DROP TABLE AspNetUsers;--@example.net", "right format")]
    public async Task Sign_up_with_a_bad_email_is_refused_with_a_clear_message(string email, string message)
    {
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        var response = await app.Browser().PostFormAsync("/account/sign-up", Form(email));
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.Text("#Input_Email-error"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Sign_up_with_wrong_types_in_the_form_is_refused_not_crashed()
    {
        var email = NewEmail();
        var form = Form(email, guidelines: false, consent: false);
        form["Input.AcceptGuidelines"] = "yes-please";
        form["Input.ConsentAttendance"] = "<script>";
        var response = await app.Browser().PostFormAsync("/account/sign-up", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("#Input_AcceptGuidelines-error"));
        Assert.Equal(0, await AccountsWith(email));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var email = NewEmail();
        var response = await app.Browser().PostAsync("/account/sign-up", new FormUrlEncodedContent(Form(email)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await AccountsWith(email));
    }

    [Fact]
    public async Task A_nickname_with_script_tags_is_shown_as_text_everywhere()
    {
        const string hostile = "<script>alert(1)</script>";
        var email = NewEmail();
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/account/sign-up", Form(email, nickname: hostile))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "three gentle laps" })).StatusCode);
        var run = await app.NextRunAsync("peterborough", skip: 1);
        await browser.PostFormAsync($"/runs/{run.Id}", new Dictionary<string, string> { ["Input.FirstTime"] = "true" });

        var leader = await app.SignedInAsync(RunTalkRun.Data.DemoCommunity.LeaderEmail("peterborough"));
        var html = await (await leader.GetAsync($"/runs/{run.Id}/whos-coming")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(hostile, html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        var api = await app.ApiClientAsync(RunTalkRun.Data.DemoCommunity.LeaderEmail("peterborough"));
        // In the API it is data: JSON, never sniffed as HTML, and the nickname comes back exactly as typed.
        var response = await api.GetAsync($"/api/v1/runs/{run.Id}/attendees");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var attendees = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Contains(attendees.EnumerateArray(), a => a.GetProperty("nickname").GetString() == hostile);
    }
}
