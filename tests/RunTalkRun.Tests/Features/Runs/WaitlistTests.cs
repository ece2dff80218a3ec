using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class WaitlistTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "london-southwark";

    async Task<(HttpClient Client, string Email)> MemberAsync(string nickname = "Tester")
    {
        var email = await app.NewMemberAsync(nickname);
        return (await app.ApiClientAsync(email), email);
    }

    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    Task<Rsvp> RsvpOfAsync(int runId, string email) => app.WithDbAsync(db =>
        db.Rsvps.AsNoTracking().SingleAsync(r => r.RunId == runId && r.Member!.Email == email));

    /// <summary>Moves the app's clock on to a minute after the run's offer runs out.</summary>
    async Task LetTheOfferRunOutAsync(int runId)
    {
        var expires = await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == runId && r.Status == RsvpStatus.Offered).Select(r => r.OfferExpiresAt!.Value).SingleAsync());
        app.Clock.Advance(expires - app.Clock.GetCurrentInstant() + Duration.FromMinutes(1));
    }

    [Fact]
    public async Task When_a_run_is_full_the_next_person_joins_the_waitlist_with_their_place_in_the_queue()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3), capacity: 2);
        var (a, _) = await MemberAsync(); var (b, _) = await MemberAsync(); var (c, _) = await MemberAsync(); var (d, _) = await MemberAsync();
        foreach (var client in new[] { a, b })
            Assert.Equal("going", (await JsonAsync(await client.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false }))).GetProperty("status").GetString());

        var third = await c.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = true });
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        var body = await JsonAsync(third);
        Assert.Equal("waitlisted", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(2, body.GetProperty("goingCount").GetInt32());
        Assert.Equal(2, (await JsonAsync(await d.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false }))).GetProperty("waitlistPosition").GetInt32());

        // Asking again says where they are, and changes nothing.
        var again = await c.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ProblemAsync();
        Assert.Equal("AlreadyWaitlisted", problem.GetProperty("reason").GetString());
        Assert.Equal(1, problem.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal("waitlisted", (await JsonAsync(await c.GetAsync($"/api/v1/runs/{run.Id}/rsvp"))).GetProperty("status").GetString());
        // The public count is of people going only.
        Assert.Equal(2, (await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/runs/{run.Id}"))).GetProperty("goingCount").GetInt32());
    }

    [Fact]
    public async Task A_freed_place_is_offered_to_the_first_in_the_queue_by_email_and_they_can_take_it()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3), capacity: 1);
        var (a, _) = await MemberAsync(); var (b, bEmail) = await MemberAsync("Bea"); var (c, _) = await MemberAsync();
        await a.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await b.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await c.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });

        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp")).StatusCode);

        var offered = await RsvpOfAsync(run.Id, bEmail);
        Assert.Equal(RsvpStatus.Offered, offered.Status);
        // Three days ahead, the place is held for the usual two hours.
        var held = offered.OfferExpiresAt!.Value - app.Clock.GetCurrentInstant();
        Assert.InRange(held, Duration.FromMinutes(119), Duration.FromMinutes(121));
        var mail = await app.WithDbAsync(db => db.OutboxMails.SingleAsync(m => m.ToAddress == bEmail));
        Assert.Equal(MailKind.PlaceOffered, mail.Kind);
        Assert.StartsWith("A place is yours", mail.Subject);
        Assert.Contains($"/runs/{run.Id}", mail.Body);
        // The next in the queue is still waiting, now first.
        Assert.Equal(1, (await JsonAsync(await c.GetAsync($"/api/v1/runs/{run.Id}/rsvp"))).GetProperty("waitlistPosition").GetInt32());

        var take = await b.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.Created, take.StatusCode);
        Assert.Equal("going", (await JsonAsync(take)).GetProperty("status").GetString());
        Assert.Equal(RsvpStatus.Going, (await RsvpOfAsync(run.Id, bEmail)).Status);
    }

    [Fact]
    public async Task Taking_an_offer_after_it_ran_out_is_refused_and_the_place_passes_to_the_next_person()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3), capacity: 1);
        var (a, _) = await MemberAsync(); var (b, bEmail) = await MemberAsync(); var (c, cEmail) = await MemberAsync();
        await a.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await b.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await c.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await a.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp");
        await LetTheOfferRunOutAsync(run.Id);

        var late = await b.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await late.ProblemAsync();
        Assert.Equal("Offer expired", problem.GetProperty("title").GetString());
        Assert.Contains("passed to the next person", problem.GetProperty("detail").GetString());
        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == run.Id && r.Member!.Email == bEmail)));
        Assert.Equal(RsvpStatus.Offered, (await RsvpOfAsync(run.Id, cEmail)).Status);
    }

    [Fact]
    public async Task The_background_jobs_pass_on_an_offer_nobody_took()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3), capacity: 1);
        var (a, _) = await MemberAsync(); var (b, bEmail) = await MemberAsync(); var (c, cEmail) = await MemberAsync();
        foreach (var client in new[] { a, b, c }) await client.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await a.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp");
        await LetTheOfferRunOutAsync(run.Id);

        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync();

        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == run.Id && r.Member!.Email == bEmail)));
        Assert.Equal(RsvpStatus.Offered, (await RsvpOfAsync(run.Id, cEmail)).Status);
        Assert.True(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.ToAddress == cEmail && m.Kind == MailKind.PlaceOffered)));
    }

    [Fact]
    public async Task Nobody_jumps_the_queue_when_an_offer_runs_out()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3), capacity: 1);
        var (a, _) = await MemberAsync(); var (b, _) = await MemberAsync(); var (c, cEmail) = await MemberAsync(); var (late, lateEmail) = await MemberAsync();
        foreach (var client in new[] { a, b, c }) await client.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await a.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp"); // b is offered the place...
        await LetTheOfferRunOutAsync(run.Id); // ...and lets it run out

        // The place is free, but c was waiting first.
        Assert.Equal("waitlisted", (await JsonAsync(await late.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false }))).GetProperty("status").GetString());
        Assert.Equal(RsvpStatus.Offered, (await RsvpOfAsync(run.Id, cEmail)).Status);
        Assert.Equal(RsvpStatus.Waitlisted, (await RsvpOfAsync(run.Id, lateEmail)).Status);
    }

    [Fact]
    public async Task A_higher_cap_offers_its_new_places_to_the_waitlist_and_a_cap_cannot_go_below_the_places_held()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3), capacity: 2);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 5; i++) clients.Add((await MemberAsync()).Client);
        foreach (var client in clients) await client.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        var leader = await app.ApiClientAsync(RunTalkRun.Data.DemoCommunity.LeaderEmail(Slug));

        var lower = await leader.PatchAsync($"/api/v1/runs/{run.Id}", JsonContent.Create(new { capacity = 1 }));
        Assert.Equal(HttpStatusCode.BadRequest, lower.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await leader.PatchAsync($"/api/v1/runs/{run.Id}", JsonContent.Create(new { capacity = 4 }))).StatusCode);
        var statuses = await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == run.Id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => r.Status).ToListAsync());
        Assert.Equal([RsvpStatus.Going, RsvpStatus.Going, RsvpStatus.Offered, RsvpStatus.Offered, RsvpStatus.Waitlisted], statuses);
    }

    [Fact]
    public async Task Cancelling_a_run_queues_the_news_with_the_reason_for_everyone_coming_or_waiting()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3), capacity: 1);
        var (a, aEmail) = await MemberAsync(); var (b, bEmail) = await MemberAsync();
        await a.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        await b.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        var leader = await app.ApiClientAsync(RunTalkRun.Data.DemoCommunity.LeaderEmail(Slug));
        Assert.Equal(HttpStatusCode.OK, (await leader.PatchAsync($"/api/v1/runs/{run.Id}", JsonContent.Create(new { status = "cancelled", cancelReason = "The park is flooded" }))).StatusCode);

        var mails = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Kind == MailKind.RunCancelled && (m.ToAddress == aEmail || m.ToAddress == bEmail)).ToListAsync());
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Contains("The park is flooded", m.Body));
        Assert.All(mails, m => Assert.StartsWith("Cancelled:", m.Subject));
    }

    [Theory]
    [InlineData(72 * 60, 120)] // days ahead: the usual two hours
    [InlineData(180, 90)]      // three hours ahead: half the time left
    [InlineData(20, 15)]       // twenty minutes ahead: at least a quarter of an hour...
    [InlineData(10, 10)]       // ...but never past the start
    public void An_offer_is_held_for_two_hours_or_less_close_to_the_start(int minutesToStart, int minutesHeld)
    {
        var now = Instant.FromUtc(2026, 12, 3, 12, 0);
        var expiry = Rsvps.OfferExpiry(now, now + Duration.FromMinutes(minutesToStart), Duration.FromHours(2));
        Assert.Equal(Duration.FromMinutes(minutesHeld), expiry - now);
    }
}
