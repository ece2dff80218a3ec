using System.Net;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Tests.Infrastructure;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Tests.Features.Runs;

public class RsvpPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    static Dictionary<string, string> FirstTime(bool yes) => yes ? new() { ["Input.FirstTime"] = "true" } : new();

    [Fact]
    public async Task Im_coming_first_time_from_the_run_page_shows_on_my_runs()
    {
        var browser = await app.SignedInAsync(await app.NewMemberAsync("Pat"));
        var run = await app.NextRunAsync("brisbane");

        var response = await browser.PostFormAsync($"/runs/{run.Id}", FirstTime(true), formSelector: "form[action*=ImComing]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.Contains("You're coming – it's your first time", page.Text("main"));
        Assert.Contains("we've let the leaders know", page.Text(".notice"));
        var mine = await browser.GetPageAsync("/my-runs");
        Assert.NotNull(mine.QuerySelector($"a[href='/runs/{run.Id}']"));
        Assert.Contains("Your first time", mine.Text("main"));
    }

    [Fact]
    public async Task I_cant_make_it_removes_the_rsvp_without_scolding()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var run = await app.NextRunAsync("brisbane", skip: 1);
        await browser.PostFormAsync($"/runs/{run.Id}", FirstTime(false), formSelector: "form[action*=ImComing]");
        var id = await app.MemberIdAsync(email);
        Assert.True(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == run.Id && r.MemberId == id)));

        var response = await browser.PostFormAsync($"/runs/{run.Id}", new Dictionary<string, string>(), formSelector: "form[action*=CantMakeIt]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == run.Id && r.MemberId == id)));
        var page = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.Contains("Thanks for letting us know", page.Text(".notice"));
        Assert.NotNull(page.QuerySelector("button[type=submit]:not(.secondary)"));
    }

    [Fact]
    public async Task A_cancelled_run_shows_its_reason_and_offers_no_rsvp()
    {
        var run = await app.CancelledRunAsync();
        var browser = await app.SignedInAsync(await app.NewMemberAsync());
        var page = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.Contains("This run is cancelled", page.Text(".warning"));
        Assert.Contains(run.CancelReason!, page.Text(".warning"));
        Assert.DoesNotContain(page.QuerySelectorAll("main button"), b => b.TextContent.Contains("I'm coming"));
    }

    [Fact]
    public async Task A_forged_post_to_a_cancelled_run_gets_a_clear_message_and_writes_nothing()
    {
        var run = await app.CancelledRunAsync();
        var open = await app.NextRunAsync("london-city");
        var browser = await app.SignedInAsync(await app.NewMemberAsync());
        // Take a real token from an open run's form, then post it to the cancelled run.
        var response = await browser.PostFormAsync($"/runs/{open.Id}", FirstTime(true), action: $"/runs/{run.Id}?handler=ImComing");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("cancelled", page.Text(".error-summary"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id)));
    }

    [Fact]
    public async Task A_past_run_says_it_has_happened_and_refuses_an_rsvp()
    {
        var run = await app.PastRunAsync("brighton");
        var open = await app.NextRunAsync("brighton");
        var browser = await app.SignedInAsync(await app.NewMemberAsync());
        var page = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.Contains("already happened", page.Text(".notice"));
        var before = await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id));
        var response = await browser.PostFormAsync($"/runs/{open.Id}", FirstTime(false), action: $"/runs/{run.Id}?handler=ImComing");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already started", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id)));
    }

    [Fact]
    public async Task A_run_that_has_started_says_when_it_happened_and_invites_nobody()
    {
        var run = await app.NewRunAsync("brighton", TimeSpan.FromMinutes(-5));
        var member = await app.SignedInAsync(await app.NewMemberAsync(groupSlug: "brighton"));
        foreach (var browser in new[] { app.Browser(), member })
        {
            var page = await browser.GetPageAsync($"/runs/{run.Id}");
            Assert.Contains($"already happened: it was on {run.LocalWhen(run.Group!)}", page.Text("#run-happened"));
            Assert.DoesNotContain("Be the first", page.Text("main"));
            Assert.DoesNotContain("running late", page.Text("main"));
            Assert.DoesNotContain("Are you coming?", page.Text("main"));
            Assert.Null(page.QuerySelector("form[action*=ImComing]"));
            Assert.DoesNotContain("UTC", page.Text("main"));
        }
        Assert.NotNull((await member.GetPageAsync($"/runs/{run.Id}")).QuerySelector("#run-thread"));
    }

    [Fact]
    public async Task Saying_im_coming_twice_on_the_page_is_a_kind_message_and_one_rsvp()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var run = await app.NextRunAsync("milton-keynes", skip: 2);
        await browser.PostFormAsync($"/runs/{run.Id}", FirstTime(false), formSelector: "form[action*=ImComing]");
        var other = await app.NextRunAsync("milton-keynes", skip: 3);
        var again = await browser.PostFormAsync($"/runs/{other.Id}", FirstTime(false), action: $"/runs/{run.Id}?handler=ImComing");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already said you're coming", Pages.Parse(await again.Content.ReadAsStringAsync()).Text(".error-summary"));
        var id = await app.MemberIdAsync(email);
        Assert.Equal(1, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id && r.MemberId == id)));
    }

    [Fact]
    public async Task Saying_im_coming_when_signed_out_goes_to_sign_in_and_writes_nothing()
    {
        var run = await app.NextRunAsync("london-city", skip: 1);
        var before = await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id));
        var browser = app.Browser();
        var page = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.NotNull(page.QuerySelector($"a[href^='/account/sign-up?returnUrl=']"));
        var response = await browser.PostAsync($"/runs/{run.Id}?handler=ImComing", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.FirstTime"] = "true" }));
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Redirect, $"got {response.StatusCode}");
        Assert.Equal(before, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id)));
    }

    [Theory]
    [InlineData("/runs/424242")]
    [InlineData("/runs/abc")]
    [InlineData("/groups/no-such-group")]
    public async Task Unknown_runs_and_groups_get_a_friendly_not_found_page(string url)
    {
        var page = await app.Browser().GetPageAsync(url, HttpStatusCode.NotFound);
        Assert.Equal("Page not found", page.Text("h1"));
    }

    [Fact]
    public async Task Someone_coming_to_a_run_that_is_then_cancelled_is_told_they_need_do_nothing()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var run = await app.NextRunAsync("brisbane", skip: 4);
        await browser.PostFormAsync($"/runs/{run.Id}", new Dictionary<string, string>(), formSelector: "form[action*=ImComing]");
        await app.WithDbAsync(async db =>
        {
            var r = await db.Runs.SingleAsync(x => x.Id == run.Id);
            r.Status = RunTalkRun.Features.Runs.RunStatus.Cancelled;
            r.CancelReason = "Heat warning";
            return await db.SaveChangesAsync();
        });
        var page = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.Contains("you don't need to do anything", page.Text("main"));
        Assert.DoesNotContain(page.QuerySelectorAll("main button"), b => b.TextContent.Contains("can't make it"));
    }
}
