using System.Net;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Mail;

public class EmailSettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_member_chooses_which_emails_they_get_and_unknown_or_hostile_choices_are_ignored()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var page = await browser.GetPageAsync("/account/emails");
        Assert.NotNull(page.QuerySelector("input[value=day-before][checked]"));
        Assert.Null(page.QuerySelector("input[value=two-hours-before][checked]"));

        var form = new List<KeyValuePair<string, string>>
        {
            new("Wanted", "two-hours-before"), new("Wanted", "run-cancelled"), new("Wanted", "<script>alert(1)</script>"), new("Wanted", "'; DROP TABLE \"AspNetUsers\"; --"),
        };
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        form.Add(new("__RequestVerificationToken", token));
        var saved = await browser.PostAsync("/account/emails", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var prefs = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Mail).SingleAsync());
        Assert.False(prefs.DayBefore);
        Assert.True(prefs.TwoHoursBefore);
        Assert.True(prefs.RunCancelled);
        Assert.False(prefs.PlaceOffered);
        Assert.False(prefs.LeaderSummary);
    }

    [Fact]
    public async Task Opening_an_unsubscribe_link_only_asks_and_a_wrong_link_is_not_found()
    {
        var email = await app.NewMemberAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.MailToken, "a-mail-token-for-this-test-0001")));

        var page = await app.CreateClient().GetAsync("/mail/unsubscribe/a-mail-token-for-this-test-0001/day-before");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Do you want to stop getting these emails?", await page.Content.ReadAsStringAsync());
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Mail.DayBefore).SingleAsync()));

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/mail/unsubscribe/a-mail-token-for-this-test-0002/day-before")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/mail/unsubscribe/a-mail-token-for-this-test-0001/everything")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync("/mail/unsubscribe/short/day-before", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }))).StatusCode);
    }
}
