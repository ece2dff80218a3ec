using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

/// <summary>
/// "Coming" has one meaning (RsvpQueries): people going. While a freed place is on offer to the first on the
/// waitlist, the run page, the group page, the run, group-runs, runs-near and my-runs endpoints all give the
/// same count; the place on offer still counts against the cap, so nobody else can take it meanwhile.
/// </summary>
public class ComingCountTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "london-southwark";

    [Fact]
    public async Task Every_page_and_endpoint_gives_the_same_count_while_a_place_is_on_offer()
    {
        // Soon, so it is among the group page's next runs; capped at two places.
        var run = await app.NewRunAsync(Slug, TimeSpan.FromMinutes(90), capacity: 2);
        var emails = new List<string>();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            emails.Add(await app.NewMemberAsync($"Counted{i}"));
            clients.Add(await app.ApiClientAsync(emails[i]));
        }
        var (a, b, c, d) = (clients[0], clients[1], clients[2], clients[3]);
        foreach (var client in new[] { a, b, c })
            (await client.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false })).EnsureSuccessStatusCode();
        // a drops out: the place is offered to c, and b is still going.
        (await a.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp")).EnsureSuccessStatusCode();
        var statuses = await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == run.Id).Select(r => r.Status).ToListAsync());
        Assert.Equal([RsvpStatus.Going, RsvpStatus.Offered], statuses.Order().ToList());

        const int Coming = 1;
        var anonymous = app.CreateClient();
        Assert.Equal(Coming, (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{run.Id}")).GetProperty("goingCount").GetInt32());
        Assert.Equal(Coming, CountIn(await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{Slug}/runs"), run.Id));
        Assert.Equal(Coming, CountIn(await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/runs?near=51.5035,-0.0900&radiusKm=5"), run.Id));
        var mine = (await b.GetFromJsonAsync<JsonElement>("/api/v1/me/runs")).GetProperty("runs");
        Assert.Equal(Coming, mine.EnumerateArray().Single(r => r.GetProperty("run").GetProperty("id").GetInt32() == run.Id).GetProperty("run").GetProperty("goingCount").GetInt32());
        Assert.Equal(Coming, (await b.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{run.Id}/rsvp")).GetProperty("goingCount").GetInt32());

        // The pages say it in words: the run page (to anyone, and to the person holding the offer) and the group page.
        Assert.Equal(ComingText.For(Coming), (await anonymous.GetPageAsync($"/runs/{run.Id}")).Text("#going-count"));
        var offeredPage = await (await app.SignedInAsync(emails[2])).GetPageAsync($"/runs/{run.Id}");
        Assert.Equal(ComingText.For(Coming), offeredPage.Text("#going-count"));
        var groupPage = await anonymous.GetPageAsync($"/groups/{Slug}");
        var item = groupPage.QuerySelectorAll("li").Single(li => li.QuerySelector($"a[href='/runs/{run.Id}']") is not null);
        Assert.Contains(ComingText.For(Coming), item.TextContent);

        // The offered place still holds: a newcomer joins the waitlist rather than taking it.
        var late = await d.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = true });
        Assert.Equal("waitlisted", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Contains("Join the waitlist", (await (await app.SignedInAsync(await app.NewMemberAsync("Looker"))).GetPageAsync($"/runs/{run.Id}")).Body!.TextContent);
    }

    static int CountIn(JsonElement runs, int runId) =>
        runs.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == runId).GetProperty("goingCount").GetInt32();
}
