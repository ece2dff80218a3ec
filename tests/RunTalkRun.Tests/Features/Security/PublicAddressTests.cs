using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Links in mail, calendars and feeds come from the site's public address (Site:BaseUrl), never from a request's
/// Host header; outside Development the app won't start without that address, and serves only its host.
/// </summary>
public class PublicAddressTests(AppFactory app) : IClassFixture<AppFactory>
{
    static HttpClient WithHost(HttpClient client, string host)
    {
        client.DefaultRequestHeaders.Host = host;
        return client;
    }

    [Fact]
    public async Task Outside_development_the_app_refuses_to_start_without_a_public_address()
    {
        await using var noAddress = new AppFactory().With("Site:BaseUrl", null);
        var error = Assert.ThrowsAny<Exception>(() => noAddress.Services);
        Assert.Contains("Site:BaseUrl is not set", error.ToString());
    }

    [Fact]
    public async Task A_public_address_that_is_not_a_web_address_stops_the_start()
    {
        await using var wrong = new AppFactory().With("Site:BaseUrl", "runs.example.org");
        var error = Assert.ThrowsAny<Exception>(() => wrong.Services);
        Assert.Contains("not a web address", error.ToString());
    }

    [Fact]
    public async Task A_request_for_another_host_is_refused_and_sends_no_mail()
    {
        var email = await app.NewMemberAsync("Forged host target");
        var forged = WithHost(app.Browser(), "evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/account/forgot-password")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.PostAsync("/account/forgot-password",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await WithHost(app.CreateClient(), "evil.example").GetAsync("/api/v1/groups")).StatusCode);
        await Assert.ThrowsAsync<TimeoutException>(() => app.WaitForMailToAsync(email, "Reset", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Hosts_named_in_AllowedHosts_are_served_beside_the_public_one()
    {
        await using var twoNames = new AppFactory().With("AllowedHosts", "internal.example;localhost");
        Assert.Equal(HttpStatusCode.OK, (await WithHost(twoNames.CreateClient(), "internal.example").GetAsync("/livez")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await WithHost(twoNames.CreateClient(), "evil.example").GetAsync("/livez")).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_uses_the_public_address_even_when_the_host_is_allowed_and_different()
    {
        // An operator lets an internal name through too: a request made under it still mails the public address.
        await using var twoNames = new AppFactory().With("Site:BaseUrl", "https://runs.example.org").With("AllowedHosts", "internal.example;localhost");
        var email = await twoNames.NewMemberAsync("Forgetful");
        var response = await WithHost(twoNames.Browser(), "internal.example").PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = await twoNames.WaitForMailToAsync(email, "Reset your");
        Assert.StartsWith("https://runs.example.org/account/reset-password?", MailBox.LinkIn(mail, "/account/reset-password"));
        Assert.DoesNotContain("internal.example", mail.TextBody);
    }

    [Fact]
    public async Task In_development_without_a_public_address_links_never_take_the_requests_host()
    {
        await using var dev = new DevelopmentApp();
        var email = await dev.NewMemberAsync("Forgetful");
        var forged = WithHost(dev.Browser(), "evil.example");
        var response = await forged.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = await dev.WaitForMailToAsync(email, "Reset your");
        Assert.DoesNotContain("evil.example", mail.TextBody);
        Assert.StartsWith("http://localhost/account/reset-password?", MailBox.LinkIn(mail, "/account/reset-password"));

        var run = await dev.NextRunAsync("peterborough");
        var calendar = await (await forged.GetAsync($"/runs/{run.Id}/calendar.ics")).Content.ReadAsStringAsync();
        Assert.Contains($"http://localhost/runs/{run.Id}", calendar);
        Assert.DoesNotContain("evil.example", calendar);
    }

    /// <summary>The app as `dotnet run` starts it: Development, no public address, any host.</summary>
    sealed class DevelopmentApp : AppFactory
    {
        public DevelopmentApp() => With("Site:BaseUrl", null).With("AllowedHosts", null);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
