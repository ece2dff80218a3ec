using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>A sign-in cookie or bearer token changed by even one character is nobody's: signed out, and nothing changes.</summary>
public class TamperingTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A client that sends exactly the cookies it is given, nothing kept between requests.</summary>
    HttpClient Bare() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

    static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name + "=")).Split('=', 2)[1];

    /// <summary>Flips one character in the middle of <paramref name="value"/> to another of the same alphabet.</summary>
    static string Flip(string value, int at)
    {
        var chars = value.ToCharArray();
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    async Task<(string Antiforgery, string Token, string Auth)> SignInAsync(string email)
    {
        var client = Bare();
        var page = await client.GetAsync("/account/sign-in");
        var antiforgery = Cookie(page, "rtr.af");
        var token = Pages.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = DemoCommunity.Password }),
        };
        post.Headers.Add("Cookie", $"rtr.af={antiforgery}");
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (antiforgery, token, Cookie(signedIn, "rtr.auth"));
    }

    Task<HttpResponseMessage> GetWithCookieAsync(string url, string auth)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"rtr.auth={auth}");
        return Bare().SendAsync(request);
    }

    [Fact]
    public async Task A_tampered_sign_in_cookie_is_treated_as_signed_out()
    {
        var email = await app.NewMemberAsync();
        var (_, _, auth) = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/my-runs", auth)).StatusCode); // the real one works

        foreach (var tampered in new[] { Flip(auth, auth.Length / 2), Flip(auth, 10), auth[..^4], auth + "AAAA", "not-a-cookie" })
        {
            var page = await GetWithCookieAsync("/my-runs", tampered);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/sign-in", page.Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync("/api/v1/me/runs", tampered)).StatusCode);
        }
    }

    [Fact]
    public async Task A_form_sent_with_a_tampered_sign_in_cookie_changes_nothing()
    {
        var email = await app.NewMemberAsync();
        var (antiforgery, _, auth) = await SignInAsync(email);
        // The emergency contact form, read while signed in: its token belongs to this member.
        var form = await GetWithCookieAsync("/account/emergency-contact", auth);
        var token = Pages.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/emergency-contact")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
                { ["__RequestVerificationToken"] = token, ["Input.Name"] = "Sam", ["Input.Phone"] = "07911 123456", ["Input.Country"] = "GB" }),
        };
        post.Headers.Add("Cookie", $"rtr.af={antiforgery}; rtr.auth={Flip(auth, auth.Length / 2)}");
        var response = await Bare().SendAsync(post);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || response.Headers.Location?.PathAndQuery.StartsWith("/account/sign-in") == true,
            $"{response.StatusCode} {response.Headers.Location}");
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmergencyContactPhone).SingleAsync()));
    }

    [Fact]
    public async Task A_tampered_bearer_token_gets_401()
    {
        var email = await app.NewMemberAsync();
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoCommunity.Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        async Task<HttpStatusCode> WithAsync(string bearer)
        {
            var client = Bare();
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
            return (await client.GetAsync("/api/v1/me/runs")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await WithAsync(token));
        foreach (var tampered in new[] { Flip(token, token.Length / 2), Flip(token, 5), token[..^3], token + "A", "forged" })
            Assert.Equal(HttpStatusCode.Unauthorized, await WithAsync(tampered));
    }
}
