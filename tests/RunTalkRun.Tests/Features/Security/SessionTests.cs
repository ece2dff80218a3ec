using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Sessions live on the server: signing out ends that session (a copied cookie counts for nothing after), a password
/// reset ends every session and token of the account, members see where they're signed in and sign the others out,
/// and an API client can end its own token and refresh token.
/// </summary>
public class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    static readonly Uri Site = new("https://localhost");

    /// <summary>A browser signed in on the page, and its sign-in cookie as the header a thief would copy.</summary>
    async Task<(HttpClient Browser, string Cookie)> SignInAsync(string email, string? userAgent = null)
    {
        var jar = new CookieContainerHandler();
        var browser = app.CreateDefaultClient(Site, jar);
        if (userAgent is not null) browser.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var response = await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoCommunity.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = jar.Container.GetCookies(Site).Single(c => c.Name == "rtr.auth");
        return (browser, $"rtr.auth={cookie.Value}");
    }

    HttpClient WithCookie(string cookie)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = Site });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    static async Task<bool> SignedInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account");
        return response.StatusCode == HttpStatusCode.OK;
    }

    async Task<JsonElement> LoginAsync(string email, string password = DemoCommunity.Password)
    {
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return await login.Content.ReadFromJsonAsync<JsonElement>();
    }

    HttpClient Bearer(string token)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = Site });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_session_signs_out()
    {
        var email = await app.NewMemberAsync("Careful");
        var (browser, cookie) = await SignInAsync(email);
        var thief = WithCookie(cookie);
        Assert.True(await SignedInAsync(thief));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/sign-out", new Dictionary<string, string>())).StatusCode);
        Assert.False(await SignedInAsync(thief));
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/me/data")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_and_token_of_the_account_at_once()
    {
        var email = await app.NewMemberAsync("Reset");
        var (_, cookie) = await SignInAsync(email);
        var tokens = await LoginAsync(email);
        var api = Bearer(tokens.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me/data")).StatusCode);

        await app.Browser().PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var mail = await app.WaitForMailToAsync(email, "Reset your");
        var link = new Uri(MailBox.LinkIn(mail, "/account/reset-password"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Input.Password"] = "a brand new password" })).StatusCode);

        Assert.False(await SignedInAsync(WithCookie(cookie)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me/data")).StatusCode);
        var refresh = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        await app.SignedInAsync(email, "a brand new password");
    }

    [Fact]
    public async Task Logging_out_through_the_api_ends_the_token_and_its_refresh_token()
    {
        var email = await app.NewMemberAsync("App user");
        var tokens = await LoginAsync(email);
        var refreshToken = tokens.GetProperty("refreshToken").GetString();
        // A refreshed token belongs to the same session.
        var refreshed = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })).Content.ReadFromJsonAsync<JsonElement>();
        var api = Bearer(tokens.GetProperty("accessToken").GetString()!);
        var renewed = Bearer(refreshed.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/me/data")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await renewed.GetAsync("/api/v1/me/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/v1/auth/logout", null)).StatusCode);
    }

    [Fact]
    public async Task A_member_sees_where_they_are_signed_in_and_signs_the_others_out()
    {
        var email = await app.NewMemberAsync("Many devices");
        var (phone, phoneCookie) = await SignInAsync(email, "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36");
        var (laptop, _) = await SignInAsync(email, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
        await LoginAsync(email);

        var page = await laptop.GetPageAsync("/account/devices");
        var rows = page.QuerySelectorAll("#devices tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Firefox on Linux (this one)", rows);
        Assert.Contains("Chrome on Android", rows);
        Assert.Contains(rows, r => r.StartsWith("An app", StringComparison.Ordinal));

        var notice = await laptop.PostFormAsync("/account/devices", new Dictionary<string, string>(), formSelector: "form[action*='EndOthers']");
        Assert.Equal(HttpStatusCode.Redirect, notice.StatusCode);
        Assert.False(await SignedInAsync(WithCookie(phoneCookie)));
        Assert.False(await SignedInAsync(phone));
        Assert.True(await SignedInAsync(laptop));
        Assert.Single((await laptop.GetPageAsync("/account/devices")).QuerySelectorAll("#devices tbody tr"));
    }

    [Fact]
    public async Task A_member_signs_one_device_out_and_cannot_touch_anyone_elses()
    {
        var (mine, theirs) = (await app.NewMemberAsync("Mine"), await app.NewMemberAsync("Theirs"));
        var myApi = Bearer((await LoginAsync(mine)).GetProperty("accessToken").GetString()!);
        var (_, myOtherCookie) = await SignInAsync(mine);
        var theirApi = Bearer((await LoginAsync(theirs)).GetProperty("accessToken").GetString()!);

        var sessions = await myApi.GetFromJsonAsync<JsonElement>("/api/v1/me/sessions");
        Assert.Equal(2, sessions.GetArrayLength());
        Assert.Single(sessions.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        var theirSession = (await theirApi.GetFromJsonAsync<JsonElement>("/api/v1/me/sessions")).EnumerateArray().Single().GetProperty("id").GetString();

        // Someone else's session is not found, and keeps working.
        var refused = await myApi.DeleteAsync($"/api/v1/me/sessions/{theirSession}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await theirApi.GetAsync("/api/v1/me/data")).StatusCode);

        var browserSession = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await myApi.DeleteAsync($"/api/v1/me/sessions/{browserSession}")).StatusCode);
        Assert.False(await SignedInAsync(WithCookie(myOtherCookie)));
        Assert.Equal(HttpStatusCode.OK, (await myApi.GetAsync("/api/v1/me/data")).StatusCode);
    }

    [Fact]
    public async Task The_devices_page_and_sessions_api_need_a_signed_in_member()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/account/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().DeleteAsync("/api/v1/me/sessions/anything")).StatusCode);
    }
}
