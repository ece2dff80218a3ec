using System.Net;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Accounts;

public class PasswordResetTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_member_resets_their_password_from_the_emailed_link()
    {
        var email = await app.NewMemberAsync("Forgetful");
        var response = await app.Browser().PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("If there is an account", await response.Content.ReadAsStringAsync());

        var mail = await app.WaitForMailToAsync(email, "Reset your");
        var link = new Uri(MailBox.LinkIn(mail, "/account/reset-password"));
        var reset = await app.Browser().PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Input.Password"] = "a brand new password" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await app.SignedInAsync(email, "a brand new password");
    }

    [Fact]
    public async Task Asking_for_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing()
    {
        var email = $"nobody{Guid.NewGuid():N}@example.net";
        var response = await app.Browser().PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("If there is an account", await response.Content.ReadAsStringAsync());
        await Assert.ThrowsAsync<TimeoutException>(() => app.WaitForMailToAsync(email, "Reset", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_forged_reset_code_changes_nothing()
    {
        var email = await app.NewMemberAsync();
        var response = await app.Browser().PostFormAsync($"/account/reset-password?email={Uri.EscapeDataString(email)}&code=Zm9yZ2Vk",
            new Dictionary<string, string> { ["Input.Password"] = "an attacker's password" });
        Assert.Contains("expired or is not right", await response.Content.ReadAsStringAsync());
        await app.SignedInAsync(email, DemoCommunity.Password);
    }
}
