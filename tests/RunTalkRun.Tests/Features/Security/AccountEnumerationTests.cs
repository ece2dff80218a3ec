using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Nobody learns whether an email address has an account: a wrong password takes as long for a made-up address as
/// for a real one (on the page and the API), and signing up answers the same for a taken address as for a new one,
/// the owner of the taken one being told by email.
/// </summary>
public class AccountEnumerationTests(AppFactory app) : IClassFixture<AppFactory>
{
    const int Tries = 9;

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Milliseconds for one wrong-password sign-in, by <paramref name="signIn"/>, for each email given (fresh accounts keep clear of the lockout).</summary>
    static async Task<List<double>> TimeAsync(IEnumerable<string> emails, Func<string, Task<HttpResponseMessage>> signIn)
    {
        var times = new List<double>();
        foreach (var email in emails)
        {
            var watch = Stopwatch.StartNew();
            var response = await signIn(email);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"{response.StatusCode}");
        }
        return times;
    }

    async Task<List<string>> RealAccountsAsync()
    {
        var members = new List<string>();
        for (var i = 0; i < 3; i++) members.Add(await app.NewMemberAsync());
        return Enumerable.Range(0, Tries).Select(i => members[i % members.Count]).ToList(); // three wrong tries each: no lockout
    }

    static List<string> MadeUpAccounts() => Enumerable.Range(0, Tries).Select(_ => $"nobody{Guid.NewGuid():N}@example.net").ToList();

    async Task AssertSameTimingAsync(Func<string, Task<HttpResponseMessage>> signIn)
    {
        var real = await RealAccountsAsync();
        var madeUp = MadeUpAccounts();
        await TimeAsync([real[0], madeUp[0]], signIn); // warm up both ways
        // Interleaved, so a busy moment on the machine hits both alike.
        var realTimes = new List<double>();
        var madeUpTimes = new List<double>();
        for (var i = 1; i < Tries; i++)
        {
            realTimes.AddRange(await TimeAsync([real[i]], signIn));
            madeUpTimes.AddRange(await TimeAsync([madeUp[i]], signIn));
        }
        var (realMedian, madeUpMedian) = (Median(realTimes), Median(madeUpTimes));
        Assert.True(madeUpMedian >= 0.4 * realMedian,
            $"a made-up address answered in {madeUpMedian:0.0} ms (median), a real one in {realMedian:0.0} ms: the difference tells who has an account");
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_page_takes_as_long_for_a_made_up_address_as_for_a_real_one()
    {
        var browser = app.Browser();
        var page = await browser.GetPageAsync("/account/sign-in");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await AssertSameTimingAsync(async email =>
        {
            var response = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = "not the password at all",
            }));
            Assert.Contains("email address or password is not right", await response.Content.ReadAsStringAsync());
            return response;
        });
    }

    [Fact]
    public async Task A_wrong_password_through_the_api_takes_as_long_for_a_made_up_address_as_for_a_real_one()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        await AssertSameTimingAsync(email => client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not the password at all" }));
    }

    static Dictionary<string, string> SignUpForm(string email, string nickname = "Robin") => new()
    {
        ["Input.Email"] = email, ["Input.Nickname"] = nickname, ["Input.Password"] = "three gentle laps",
        ["Input.AcceptGuidelines"] = "true", ["Input.ConsentAttendance"] = "true",
    };

    [Fact]
    public async Task Sign_up_answers_the_same_for_a_taken_email_and_tells_its_owner_by_email()
    {
        var taken = await app.NewMemberAsync("Owner");
        var fresh = $"new{Guid.NewGuid():N}@example.net";

        async Task<(HttpStatusCode Status, string Main, bool SignedIn)> SignUpAsync(string email)
        {
            var browser = app.Browser();
            var response = await browser.PostFormAsync("/account/sign-up", SignUpForm(email, "Second go"));
            var main = response.StatusCode == HttpStatusCode.OK ? Pages.Parse(await response.Content.ReadAsStringAsync()).Text("main") : "";
            var signedIn = (await browser.GetAsync("/my-runs")).StatusCode == HttpStatusCode.OK;
            return (response.StatusCode, main.Replace(email, "EMAIL"), signedIn);
        }

        var forFresh = await SignUpAsync(fresh);
        var forTaken = await SignUpAsync(taken.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, forFresh.Status);
        Assert.Equal(forFresh, forTaken);
        Assert.Contains("Check your email", forTaken.Main);
        Assert.DoesNotContain("already", forTaken.Main);
        Assert.False(forTaken.SignedIn);

        // The taken address's owner is told what happened, with the way in; nothing about the account changed.
        var mail = await app.WaitForMailToAsync(taken, "sign up");
        Assert.Contains("Hi Owner", mail.TextBody);
        Assert.Contains("Someone tried to sign up to Run Talk Run with your email address", mail.TextBody);
        Assert.Contains("If it was you, sign in", mail.TextBody);
        Assert.EndsWith("/account/sign-in", MailBox.LinkIn(mail, "/account/sign-in"));
        Assert.EndsWith("/account/forgot-password", MailBox.LinkIn(mail, "/account/forgot-password"));
        Assert.Empty(await MailBox.AllToAsync(app.MailDirectory, taken, "Confirm"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == taken.ToUpperInvariant())));
        Assert.Equal("Owner", await app.WithDbAsync(db => db.Users.Where(u => u.Email == taken).Select(u => u.Nickname).SingleAsync()));
        // The new address gets its confirmation, and its account signs in with the password chosen.
        await app.WaitForMailToAsync(fresh, "Confirm your email");
        var signIn = await app.Browser().PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = fresh, ["Input.Password"] = "three gentle laps" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Sign_up_with_a_taken_email_still_shows_the_other_errors_and_keeps_what_was_typed()
    {
        var taken = await app.NewMemberAsync();
        var form = SignUpForm(taken, "Kept nickname");
        form["Input.Password"] = "short";
        var page = Pages.Parse(await (await app.Browser().PostFormAsync("/account/sign-up", form)).Content.ReadAsStringAsync());
        Assert.Contains("at least 10 characters", page.Text("#Input_Password-error"));
        Assert.Null(page.QuerySelector("#Input_Email-error"));
        Assert.Equal("Kept nickname", page.QuerySelector("#Input_Nickname")!.GetAttribute("value"));
        Assert.Equal(taken, page.QuerySelector("#Input_Email")!.GetAttribute("value"));
    }
}
