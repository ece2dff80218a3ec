using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class RsvpApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    async Task<int> RowsAsync(int runId) => await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == runId));

    [Fact]
    public async Task Rsvp_as_a_first_timer_answers_going_and_the_count_goes_up()
    {
        var email = await app.NewMemberAsync("Newbie");
        var api = await app.ApiClientAsync(email);
        var run = await app.NextRunAsync("milton-keynes");
        var before = await RowsAsync(run.Id);

        var response = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("going", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("firstTime").GetBoolean());
        Assert.Equal(before + 1, body.GetProperty("goingCount").GetInt32());
        var runs = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/groups/milton-keynes/runs");
        Assert.Equal(before + 1, runs!.Single(r => r.GetProperty("id").GetInt32() == run.Id).GetProperty("goingCount").GetInt32());
    }

    [Fact]
    public async Task Rsvp_twice_is_refused_with_409_and_leaves_one_rsvp()
    {
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        var run = await app.NextRunAsync("brighton", skip: 1);
        var before = await RowsAsync(run.Id);

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false })).StatusCode);
        var again = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ProblemAsync();
        Assert.Equal("AlreadyGoing", problem.GetProperty("reason").GetString());
        Assert.Equal(before + 1, await RowsAsync(run.Id));
    }

    [Fact]
    public async Task Many_simultaneous_rsvps_from_one_member_leave_exactly_one()
    {
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        var run = await app.NextRunAsync("brighton", skip: 2);
        var before = await RowsAsync(run.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = true })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(before + 1, await RowsAsync(run.Id));
    }

    [Fact]
    public async Task Rsvp_to_a_cancelled_run_is_refused_with_409_problem_details()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var run = await app.CancelledRunAsync();
        var response = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("Cancelled", problem.GetProperty("reason").GetString());
        Assert.Contains("cancelled", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await RowsAsync(run.Id));
    }

    [Fact]
    public async Task Rsvp_to_a_past_run_is_refused_with_409_problem_details()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var run = await app.PastRunAsync("peterborough");
        var before = await RowsAsync(run.Id);
        var response = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("InThePast", (await response.ProblemAsync()).GetProperty("reason").GetString());
        Assert.Equal(before, await RowsAsync(run.Id));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("-1")]
    public async Task Rsvp_to_a_run_that_does_not_exist_is_404_problem_details(string id)
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var response = await api.PostAsJsonAsync($"/api/v1/runs/{id}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemAsync();
    }

    [Theory]
    [InlineData("{\"firstTime\": \"yes please\"}")]
    [InlineData("{\"firstTime\": 12}")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task Rsvp_with_a_malformed_body_is_400_problem_details_and_writes_nothing(string body)
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var run = await app.NextRunAsync("london-southwark", skip: 3);
        var before = await RowsAsync(run.Id);
        var response = await api.PostAsync($"/api/v1/runs/{run.Id}/rsvp", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ProblemAsync();
        Assert.Equal(before, await RowsAsync(run.Id));
    }

    [Fact]
    public async Task Rsvp_with_an_id_that_is_not_a_number_is_404_problem_details()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var response = await api.PostAsJsonAsync("/api/v1/runs/%3Cscript%3E/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task Rsvp_without_a_body_counts_as_not_first_time()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var run = await app.NextRunAsync("london-southwark", skip: 4);
        var response = await api.PostAsync($"/api/v1/runs/{run.Id}/rsvp", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("firstTime").GetBoolean());
    }

    [Fact]
    public async Task Rsvp_when_not_signed_in_is_401_problem_details()
    {
        var run = await app.NextRunAsync("brighton");
        var response = await app.CreateClient().PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = true });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task Rsvp_with_a_forged_bearer_token_is_401()
    {
        var run = await app.NextRunAsync("brighton");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8forged-token-that-means-nothing");
        var response = await client.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = true });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dropping_out_removes_the_rsvp_and_saying_it_twice_is_fine()
    {
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        var run = await app.NextRunAsync("los-angeles", skip: 1);
        var before = await RowsAsync(run.Id);
        await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        Assert.Equal(before + 1, await RowsAsync(run.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp")).StatusCode);
        Assert.Equal(before, await RowsAsync(run.Id));
    }

    [Fact]
    public async Task Dropping_out_of_a_run_that_does_not_exist_is_404()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var response = await api.DeleteAsync("/api/v1/runs/987654/rsvp");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task A_run_read_by_anyone_shows_a_count_and_no_names()
    {
        var run = await app.NextRunAsync("london-covent-garden");
        var response = await app.CreateClient().GetAsync($"/api/v1/runs/{run.Id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("goingCount").GetInt32() > 0);
        foreach (var nickname in new[] { "Amy", "Jack", "Sid" })
            Assert.DoesNotContain($"\"{nickname}\"", body);
        Assert.DoesNotContain("example.org", body);
    }
}
